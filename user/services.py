"""Writes of the user app: registration, login (password or SMS code), profile,
password (change and reset), avatar."""
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction

from tools import ratelimit
from tools.events import announce, profile_changed
from tools.http import ApiError, uploaded_file
from tools.images import PictureRefused, checked_picture
from user import errors, selectors, sms_codes
from user.models import UserProfile
from user.tasks import send_sms_code_task


def send_sms_code(*, phone, ip, purpose=sms_codes.REGISTER):
    """Issue a code for `purpose` and send it. A registration code goes to any phone; a
    login or reset code only to a registered one. Either way the cooldown and the caps
    count and a code is kept, so the answer (and what a wrong code answers later) is the
    same for a phone nobody has (docs/api.md §13, no enumeration)."""
    code = sms_codes.issue_code(phone=phone, ip=ip, purpose=purpose)
    if purpose == sms_codes.REGISTER or selectors.get_user_by_phone(phone) is not None:
        send_sms_code_task.delay(phone, code)


def _ensure_unique(*, username, phone):
    # iexact: no look-alike of an existing name by case ("Alice" beside "alice").
    if UserProfile.objects.filter(username__iexact=username).exists():
        raise ApiError(409, errors.USERNAME_TAKEN, "This username is taken",
                       fields={"username": "taken"})
    if UserProfile.objects.filter(phone=phone).exists():
        raise ApiError(409, errors.PHONE_TAKEN, "This phone number is already registered",
                       fields={"phone": "taken"})


def register_user(*, username, email, phone, password, sms_num, ip):
    """The new user. The SMS code is checked before anything is looked up, so no answer
    tells a stranger whether a phone or username is registered (docs/api.md §13)."""
    ratelimit.limit(f"register:ip:{ip}", settings.REGISTER_ATTEMPTS_PER_IP,
                    settings.REGISTER_WINDOW_SECONDS, errors.REGISTER_THROTTLED,
                    "Too many registration attempts from this address; try again later")
    sms_codes.verify_code(phone=phone, code=sms_num, purpose=sms_codes.REGISTER)
    _ensure_unique(username=username, phone=phone)
    try:
        with transaction.atomic():
            user = UserProfile.objects.create_user(
                username=username, email=email, phone=phone, password=password,
                nickname=username,
            )
    except IntegrityError:  # lost a race with a simultaneous registration
        _ensure_unique(username=username, phone=phone)
        raise
    sms_codes.use_code(phone=phone, purpose=sms_codes.REGISTER)
    return user


def _account_by_code(*, phone, sms_num, purpose):
    """The account of `phone` once its `purpose` code is checked (and used up). A right
    code for a phone nobody has answers like a wrong one: no answer tells a stranger
    whether the phone is registered."""
    sms_codes.verify_code(phone=phone, code=sms_num, purpose=purpose)
    user = selectors.get_user_by_phone(phone)
    if user is None:
        sms_codes.wrong_code(phone=phone, purpose=purpose)
    sms_codes.use_code(phone=phone, purpose=purpose)
    return user


def reset_password(*, phone, sms_num, password, ip):
    """Forgot password (docs/api.md §13): a reset code proves the phone; the new password
    revokes every older token and lifts a password-login lockout of the account."""
    ratelimit.limit(f"reset:ip:{ip}", settings.RESET_ATTEMPTS_PER_IP,
                    settings.RESET_WINDOW_SECONDS, errors.RESET_THROTTLED,
                    "Too many password reset attempts from this address; try again later")
    user = _account_by_code(phone=phone, sms_num=sms_num, purpose=sms_codes.RESET)
    user.set_password(password)
    user.token_version += 1
    user.save(update_fields=["password", "token_version", "updated_time"])
    ratelimit.reset(_login_key(user, user.username))
    return user


def login_with_code(*, phone, sms_num, ip):
    """Log in with a login code (docs/api.md §13). Counted against the address like a password
    login (and given back on success); the account's password-guessing counter does not
    apply, so SMS login is the owner's way in while strangers keep it at 429."""
    ip_key = f"login:ip:{ip}"
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    if ratelimit.hit(ip_key, window) > settings.LOGIN_FAILURES_PER_IP:
        raise ratelimit.too_many(errors.LOGIN_THROTTLED,
                                 "Too many failed logins; try again later", window)
    user = _account_by_code(phone=phone, sms_num=sms_num, purpose=sms_codes.LOGIN)
    ratelimit.give_back(ip_key)
    return user


def _login_key(user, username):
    # The resolved account, so no spelling of a name shares or escapes its counter;
    # names nobody has are counted as typed (the form allows only [A-Za-z0-9_]).
    return f"login:user:{user.pk}" if user is not None else f"login:name:{username}"


def login(*, username, password, ip):
    """The user for these credentials. Every attempt is counted before the password is
    checked (atomically, so concurrent guesses cannot all slip under the limit), per
    account and per client address; a successful attempt is given back."""
    user = selectors.get_user(username)
    account_key, ip_key = _login_key(user, username), f"login:ip:{ip}"
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    account_count = ratelimit.hit(account_key, window)
    ip_count = ratelimit.hit(ip_key, window)
    if (account_count > settings.LOGIN_FAILURES_PER_USERNAME
            or ip_count > settings.LOGIN_FAILURES_PER_IP):
        raise ratelimit.too_many(errors.LOGIN_THROTTLED,
                                 "Too many failed logins; try again later", window)
    if user is None:
        UserProfile().set_password(password)  # as slow as a real check: no timing oracle
        raise ApiError(401, errors.LOGIN_FAILED, "Wrong username or password")
    if not user.check_password(password):
        raise ApiError(401, errors.LOGIN_FAILED, "Wrong username or password")
    ratelimit.reset(account_key)
    ratelimit.give_back(ip_key)
    return user


def update_profile(*, user, changes):
    for name, value in changes.items():
        setattr(user, name, value)
    user.save(update_fields=[*changes, "updated_time"])
    announce(profile_changed, user_id=user.pk, username=user.username, fields=list(changes))
    return user


def change_password(*, user, old_password, new_password):
    if not user.check_password(old_password):
        raise ApiError(400, errors.OLD_PASSWORD_WRONG, "The old password is wrong",
                       fields={"old_password": "wrong"})
    user.set_password(new_password)
    user.token_version += 1
    user.save(update_fields=["password", "token_version", "updated_time"])
    return user


def _avatar_refusal(reason):
    if reason == "pixels":
        # A few KB of PNG can decode to hundreds of MB: refused before anyone decodes it.
        return ApiError(400, errors.AVATAR_INVALID,
                        f"The avatar must be at most {settings.AVATAR_MAX_PIXELS // 1_000_000} megapixels",
                        fields={"avatar": "too many pixels"})
    return ApiError(400, errors.AVATAR_INVALID, "The avatar must be a PNG, JPEG, GIF or WebP image",
                    fields={"avatar": "not a supported image"})


def set_avatar(*, user, upload):
    uploaded_file(upload, field="avatar", what="avatar", max_bytes=settings.AVATAR_MAX_BYTES,
                  missing_code=errors.AVATAR_INVALID, too_large_code=errors.AVATAR_TOO_LARGE)
    try:
        picture = checked_picture(upload, settings.AVATAR_MAX_PIXELS)
    except PictureRefused as refused:
        raise _avatar_refusal(refused.reason) from None
    old = user.avatar.name if user.avatar else ""
    # The field's storage is the default storage: the filesystem, or the bucket of STORAGE_URL.
    user.avatar.save(f"{secrets.token_hex(16)}.{picture.extension}", picture.file, save=False)
    user.save(update_fields=["avatar", "updated_time"])
    announce(profile_changed, user_id=user.pk, username=user.username, fields=["avatar"])
    if old:
        user.avatar.storage.delete(old)
    return user
