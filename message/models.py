from django.conf import settings
from django.db import models
from django.utils import timezone


class Message(models.Model):
    MAX_LENGTH = 500  # characters (docs/api.md §9)

    topic = models.ForeignKey("topic.Topic", on_delete=models.CASCADE, related_name="messages")
    # null for a comment without an account (imported, docs/api.md §16): `author_name` names it.
    publisher = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="messages")
    author_name = models.CharField(max_length=50, blank=True, default="")
    content = models.CharField(max_length=MAX_LENGTH)
    # null = a top-level comment; replies are one level deep (docs/api.md §5).
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="replies")
    created_time = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "message"
        indexes = [models.Index(fields=["topic", "created_time"], name="message_topic_time")]
