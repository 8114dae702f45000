from django.conf import settings
from django.db import models
from django.db.models import Q


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What `user` (None for a visitor) may read: public articles, plus all their own."""
        if user is None:
            return self.filter(limit=Topic.PUBLIC)
        return self.filter(Q(limit=Topic.PUBLIC) | Q(author=user))

    def newest_first(self):
        return self.order_by("-created_time", "-id")


class Topic(models.Model):
    PUBLIC, PRIVATE = "public", "private"
    TEC, NO_TEC = "tec", "no-tec"
    LIMITS = [(PUBLIC, "public"), (PRIVATE, "private")]
    CATEGORIES = [(TEC, "tec"), (NO_TEC, "no-tec")]

    title = models.CharField(max_length=50)
    category = models.CharField(max_length=10, choices=CATEGORIES)
    limit = models.CharField(max_length=10, choices=LIMITS)
    introduce = models.CharField(max_length=90)
    content = models.TextField()
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="topics")
    created_time = models.DateTimeField(auto_now_add=True)
    updated_time = models.DateTimeField(auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        db_table = "topic"
        indexes = [
            models.Index(fields=["author", "-created_time", "-id"], name="topic_author_newest"),
            # A visitor's view of one author (and its COUNT) reads only this index.
            models.Index(fields=["author", "limit", "-created_time", "-id"],
                         name="topic_author_limit_newest"),
            models.Index(fields=["limit", "-created_time", "-id"], name="topic_public_newest"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="topic_price_not_negative"),
        ]

    @property
    def is_paid_article(self):
        return self.price > 0
