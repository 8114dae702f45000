"""The one set of rules for uploaded pictures (avatars and article images).

`checked_picture(upload, max_pixels)` answers a `Picture` ready for the storage, or
raises `PictureRefused` with a reason ("type": not a real PNG/JPEG/GIF/WebP,
"pixels": too many pixels). The order matters:

1. Pillow reads the header only: the format must be one we take, and width × height
   at most `max_pixels` before anything is decoded (a few KB of PNG can declare a
   picture that decodes to gigabytes: a decompression bomb).
2. `verify()` checks the file's structure without decoding it.
3. A picture that carries metadata (EXIF, XMP) or an EXIF rotation is decoded and
   written again: turned upright (the rotation applied to the pixels, so every
   browser shows it the same way and width/height are the displayed ones), without
   the EXIF GPS block and without XMP. What a phone records about where a photo was
   taken never reaches the storage. A picture without metadata is stored as sent.
"""
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
GPS_IFD = ExifTags.IFD.GPSInfo
ORIENTATION = ExifTags.Base.Orientation
# What Pillow raises on a file that is not (or not wholly) a picture it can read.
BROKEN = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
          Image.DecompressionBombError)


class PictureRefused(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "type" or "pixels"


@dataclass
class Picture:
    file: ContentFile
    extension: str
    width: int
    height: int

    @property
    def size(self):
        return self.file.size

    @property
    def content_type(self):
        return CONTENT_TYPES[self.extension]


def _header(data, max_pixels):
    """(format, width, height) from the header; the structure verified, nothing decoded."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format, (width, height) = image.format, image.size
            if image_format in FORMATS and width * height > max_pixels:
                raise PictureRefused("pixels")
            image.verify()
    except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
        raise PictureRefused("pixels") from None
    except BROKEN:
        raise PictureRefused("type") from None
    if image_format not in FORMATS or width < 1 or height < 1:
        raise PictureRefused("type")
    return image_format, width, height


def _needs_cleaning(image):
    exif = image.getexif()
    return (GPS_IFD in exif or exif.get(ORIENTATION, 1) != 1
            or bool(image.info.get("xmp")) or bool(image.info.get("XML:com.adobe.xmp")))


def _rewritten(image, image_format):
    """The picture upright, its EXIF without GPS (and without rotation), no XMP."""
    animated = getattr(image, "n_frames", 1) > 1
    if not animated:
        image = ImageOps.exif_transpose(image)  # applies and drops the rotation
    exif = image.getexif()
    exif.pop(GPS_IFD, None)
    exif.pop(ORIENTATION, None)
    options = {"exif": exif.tobytes()} if len(exif) and image_format != "GIF" else {}
    if image_format in ("JPEG", "WEBP"):
        options["quality"] = 92
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if animated:
        options.update(save_all=True)
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return image, out.getvalue()


def checked_picture(upload, max_pixels):
    """The uploaded file as a Picture to store, or PictureRefused."""
    upload.seek(0)
    data = upload.read()
    image_format, width, height = _header(data, max_pixels)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if _needs_cleaning(image):
                image.load()
                image, data = _rewritten(image, image_format)
                width, height = image.size
    except BROKEN:  # verified, yet the pixels do not decode (a truncated file)
        raise PictureRefused("type") from None
    return Picture(ContentFile(data), FORMATS[image_format], width, height)

