"""Pictures made with Pillow for the upload tests."""
import io

from PIL import ExifTags, Image

GPS_IFD = ExifTags.IFD.GPSInfo
# Where a phone says the photo was taken (Beijing).
GPS = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (39.0, 54.0, 15.0),
       ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (116.0, 23.0, 30.0)}


def picture(fmt="PNG", size=(40, 30), name=None, **save_options):
    buffer = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    Image.new(mode, size, 1 if mode == "P" else "teal").save(buffer, fmt, **save_options)
    buffer.seek(0)
    buffer.name = name or f"picture.{fmt.lower()}"
    return buffer


def photo_with_location(orientation=1, size=(40, 30)):
    """A JPEG whose EXIF holds a camera make, a rotation and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "JiuzhiPhone"
    exif[ExifTags.Base.Orientation] = orientation
    exif[GPS_IFD] = GPS
    return picture("JPEG", size=size, name="photo.jpg", exif=exif)


def exif_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif(), image.size


def decompression_bomb(size=(20000, 20000)):
    """A PNG of a few KB declaring 400 megapixels (gigabytes once decoded)."""
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    buffer.seek(0)
    buffer.name = "bomb.png"
    return buffer
