"""Writes of the images app: an uploaded picture checked, cleaned and stored."""
import secrets

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from images import errors
from images.models import Image
from tools import ratelimit
from tools.http import ApiError, uploaded_file
from tools.images import PictureRefused, checked_picture


def _refusal(reason):
    if reason == "pixels":
        return ApiError(400, errors.IMAGE_TOO_MANY_PIXELS,
                        f"The image must be at most {settings.IMAGE_MAX_PIXELS // 1_000_000} megapixels",
                        fields={"image": "too many pixels"})
    return ApiError(400, errors.IMAGE_INVALID, "The image must be a PNG, JPEG, GIF or WebP image",
                    fields={"image": "not a supported image"})


def upload_image(*, user, upload):
    """The stored Image. Every attempt counts towards the owner's upload limit."""
    ratelimit.limit(f"images:user:{user.pk}", settings.IMAGE_UPLOADS_PER_WINDOW,
                    settings.IMAGE_UPLOAD_WINDOW_SECONDS, errors.IMAGE_THROTTLED,
                    "Too many image uploads; try again later")
    uploaded_file(upload, field="image", what="image", max_bytes=settings.IMAGE_MAX_BYTES,
                  missing_code=errors.IMAGE_INVALID, too_large_code=errors.IMAGE_TOO_LARGE)
    try:
        picture = checked_picture(upload, settings.IMAGE_MAX_PIXELS)
    except PictureRefused as refused:
        raise _refusal(refused.reason) from None
    name = default_storage.save(f"images/{secrets.token_hex(16)}.{picture.extension}", picture.file)
    try:
        with transaction.atomic():
            return Image.objects.create(owner=user, name=name, width=picture.width,
                                        height=picture.height, bytes=picture.size)
    except BaseException:
        default_storage.delete(name)  # no file without its row
        raise
