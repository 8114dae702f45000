"""Writes of the user app: registration, login, profile, password, avatar."""
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction
from PIL import Image, UnidentifiedImageError

from message.services import invalidate_comment_authors
from tools import ratelimit
from tools.http import ApiError
from user import errors, sms_codes
from user.models import UserProfile
from topic.services import invalidate_author_lists
from user.tasks import send_sms_code_task

AVATAR_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


def send_sms_code(*, phone, ip):
    code = sms_codes.issue_code(phone=phone, ip=ip)
    send_sms_code_task.delay(phone, code)


def _ensure_unique(*, username, phone):
    if UserProfile.objects.filter(username__iexact=username).exists():
        raise ApiError(409, errors.USERNAME_TAKEN, "This username is taken",
                       fields={"username": "taken"})
    if UserProfile.objects.filter(phone=phone).exists():
        raise ApiError(409, errors.PHONE_TAKEN, "This phone number is already registered",
                       fields={"phone": "taken"})


def register_user(*, username, email, phone, password, sms_num):
    _ensure_unique(username=username, phone=phone)
    sms_codes.check_code(phone=phone, code=sms_num)
    try:
        with transaction.atomic():
            return UserProfile.objects.create_user(
                username=username, email=email, phone=phone, password=password,
                nickname=username,
            )
    except IntegrityError:  # lost a race with a simultaneous registration
        _ensure_unique(username=username, phone=phone)
        raise


def login(*, username, password, ip):
    """The user for these credentials; failures per username and per IP are throttled."""
    user_key = f"login:fail:user:{username.lower()}"
    ip_key = f"login:fail:ip:{ip}"
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    if (ratelimit.count(user_key) >= settings.LOGIN_FAILURES_PER_USERNAME
            or ratelimit.count(ip_key) >= settings.LOGIN_FAILURES_PER_IP):
        raise ratelimit.too_many(errors.LOGIN_THROTTLED,
                                 "Too many failed logins; try again later", window)
    user = authenticate(username=username, password=password)
    if user is None:
        ratelimit.hit(user_key, window)
        ratelimit.hit(ip_key, window)
        raise ApiError(401, errors.LOGIN_FAILED, "Wrong username or password")
    ratelimit.reset(user_key)
    return user


def update_profile(*, user, changes):

    for name, value in changes.items():
        setattr(user, name, value)
    user.save(update_fields=[*changes, "updated_time"])
    if "nickname" in changes:  # shown in article lists and next to comments
        invalidate_author_lists(user)
        invalidate_comment_authors()
    return user


def change_password(*, user, old_password, new_password):
    if not user.check_password(old_password):
        raise ApiError(400, errors.OLD_PASSWORD_WRONG, "The old password is wrong",
                       fields={"old_password": "wrong"})
    user.set_password(new_password)
    user.token_version += 1
    user.save(update_fields=["password", "token_version", "updated_time"])
    return user


def _verified_image_format(upload):
    """Pillow must recognise and verify the file; returns its extension."""
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image_format = None
    if image_format not in AVATAR_FORMATS:
        raise ApiError(400, errors.AVATAR_INVALID, "The avatar must be a PNG, JPEG, GIF or WebP image",
                       fields={"avatar": "not a supported image"})
    upload.seek(0)
    return AVATAR_FORMATS[image_format]


def set_avatar(*, user, upload):
    if upload is None:
        raise ApiError(400, errors.AVATAR_INVALID, "Send the image as multipart field 'avatar'",
                       fields={"avatar": "required"})
    if upload.size > settings.AVATAR_MAX_BYTES:
        raise ApiError(413, errors.AVATAR_TOO_LARGE, "The avatar must be at most 2 MB",
                       fields={"avatar": "too large"})
    extension = _verified_image_format(upload)
    old = user.avatar.name if user.avatar else ""
    user.avatar.save(f"{secrets.token_hex(16)}.{extension}", upload, save=False)
    user.save(update_fields=["avatar", "updated_time"])
    invalidate_comment_authors()
    if old:
        user.avatar.storage.delete(old)
    return user
