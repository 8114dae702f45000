"""What the images app's responses look like (docs/api.md §11)."""
from django.core.files.storage import default_storage

from tools.http import absolute_url


def image_data(image, origin):
    """{url, width, height}: the URL absolute, on `origin` for the filesystem storage."""
    return {"url": absolute_url(origin, default_storage.url(image.name)),
            "width": image.width, "height": image.height}
