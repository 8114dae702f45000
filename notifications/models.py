from django.conf import settings
from django.db import models


class Notification(models.Model):
    """Something another person did that concerns the recipient (docs/api.md §12)."""

    COMMENT, REPLY, LIKE, PURCHASE, FOLLOW = "comment", "reply", "like", "purchase", "follow"
    KINDS = [(COMMENT, "comment"), (REPLY, "reply"), (LIKE, "like"), (PURCHASE, "purchase"),
             (FOLLOW, "follow")]

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+")
    kind = models.CharField(max_length=10, choices=KINDS)
    # An article's notifications go with it; a comment's are removed when it is deleted.
    topic = models.ForeignKey("topic.Topic", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    message_id = models.BigIntegerField(null=True, blank=True)
    excerpt = models.CharField(max_length=100, blank=True, default="")
    created_time = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)

    class Meta:
        db_table = "notification"
        indexes = [
            models.Index(fields=["recipient", "-created_time", "-id"], name="notification_newest"),
            models.Index(fields=["recipient", "read"], name="notification_unread"),
            models.Index(fields=["message_id"], name="notification_message"),
        ]
