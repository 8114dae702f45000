from django.conf import settings
from django.db import models
from django.db.models import Q


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What `user` (None or AnonymousUser for a visitor) may read: public published
        articles, plus all their own (drafts and scheduled ones included)."""
        public = Q(limit=Topic.PUBLIC, status=Topic.PUBLISHED)
        if user is None or not user.is_authenticated:
            return self.filter(public)
        return self.filter(public | Q(author=user))

    def newest_first(self):
        return self.order_by("-created_time", "-id")


class Tag(models.Model):
    """A tag, matched case-insensitively (`key`), shown as first written (`name`)."""

    name = models.CharField(max_length=20)
    key = models.CharField(max_length=20, unique=True)

    class Meta:
        db_table = "tag"


class Topic(models.Model):
    PUBLIC, PRIVATE = "public", "private"
    TEC, NO_TEC = "tec", "no-tec"
    PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"
    HTML, MARKDOWN = "html", "markdown"
    LIMITS = [(PUBLIC, "public"), (PRIVATE, "private")]
    CATEGORIES = [(TEC, "tec"), (NO_TEC, "no-tec")]
    STATUSES = [(PUBLISHED, "published"), (DRAFT, "draft"), (SCHEDULED, "scheduled")]
    FORMATS = [(HTML, "html"), (MARKDOWN, "markdown")]

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
    # Writing (docs/api.md §11): drafts and scheduling, Markdown source, paid-article preview.
    status = models.CharField(max_length=10, choices=STATUSES, default=PUBLISHED)
    publish_at = models.DateTimeField(null=True, blank=True)
    format = models.CharField(max_length=10, choices=FORMATS, default=HTML)
    markdown = models.TextField(blank=True, default="")
    preview = models.TextField(blank=True, default="")
    cover = models.CharField(max_length=500, blank=True, default="")
    summary = models.CharField(max_length=200, blank=True, default="")
    # Readers (docs/api.md §12).
    comments_enabled = models.BooleanField(default=True)
    views = models.PositiveBigIntegerField(default=0)
    tags = models.ManyToManyField(Tag, through="TopicTag", related_name="topics")

    objects = TopicQuerySet.as_manager()

    class Meta:
        db_table = "topic"
        indexes = [
            models.Index(fields=["author", "-created_time", "-id"], name="topic_author_newest"),
            # A visitor's view of one author (and its COUNT) reads only this index.
            models.Index(fields=["author", "limit", "-created_time", "-id"],
                         name="topic_author_limit_newest"),
            models.Index(fields=["limit", "-created_time", "-id"], name="topic_public_newest"),
            models.Index(fields=["status", "publish_at"], name="topic_status_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="topic_price_not_negative"),
        ]

    @property
    def is_paid_article(self):
        return self.price > 0


class TopicTag(models.Model):
    """An article's tag, in the order the author wrote them."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "topic_tag"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["topic", "tag"], name="topic_tag_once")]
