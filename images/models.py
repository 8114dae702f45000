from django.conf import settings
from django.db import models


class Image(models.Model):
    """A picture uploaded for articles; the file itself is in the default storage."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="images")
    name = models.CharField(max_length=255, unique=True)  # the storage's name of the file
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    bytes = models.PositiveIntegerField()
    created_time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "image"
        indexes = [models.Index(fields=["owner", "created_time"], name="image_owner_created")]
