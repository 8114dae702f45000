from django.conf import settings
from django.db import models
from django.db.models import Q


class Order(models.Model):
    """One attempt of `buyer` to buy `topic`; a paid order grants the article (SPEC §5)."""

    PENDING, PAID, CLOSED = "pending", "paid", "closed"
    STATUSES = [(PENDING, "pending"), (PAID, "paid"), (CLOSED, "closed")]

    order_no = models.CharField(max_length=64, unique=True)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="orders")
    # Deleting an article keeps its orders (SPEC §4): the title is kept as a snapshot.
    topic = models.ForeignKey("topic.Topic", null=True, on_delete=models.SET_NULL,
                              related_name="orders")
    topic_title = models.CharField(max_length=50)
    author_username = models.CharField(max_length=11)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    # Set only once paid: unique with buyer, so one paid order per (buyer, article)
    # on every database (MySQL has no partial unique indexes; NULLs never clash).
    paid_topic = models.ForeignKey("topic.Topic", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="paid_orders")
    trade_no = models.CharField(max_length=64, blank=True, default="")
    created_time = models.DateTimeField(auto_now_add=True)
    paid_time = models.DateTimeField(null=True, blank=True)
    updated_time = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "payment_order"
        constraints = [
            models.UniqueConstraint(fields=["buyer", "paid_topic"], name="one_paid_order_per_article"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="order_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=["pending", "paid", "closed"]),
                                   name="order_status_known"),
            models.CheckConstraint(condition=Q(paid_topic__isnull=True) | Q(status="paid"),
                                   name="order_paid_topic_only_when_paid"),
        ]
        indexes = [
            models.Index(fields=["buyer", "-created_time"], name="order_buyer_newest"),
            models.Index(fields=["status", "created_time"], name="order_status_age"),
        ]
