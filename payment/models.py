from django.conf import settings
from django.db import models
from django.db.models import Q


class Order(models.Model):
    """One attempt of `buyer` to buy `topic`; a paid order grants the article (docs/api.md §5)."""

    PENDING, PAID, CLOSED, REFUNDED = "pending", "paid", "closed", "refunded"
    STATUSES = [(PENDING, "pending"), (PAID, "paid"), (CLOSED, "closed"), (REFUNDED, "refunded")]

    order_no = models.CharField(max_length=64, unique=True)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="orders")
    # Deleting an article keeps its orders (docs/api.md §4): the title is kept as a snapshot.
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
    # "<buyer id>:<topic id>" while pending, NULL after: unique, so a buyer has one
    # pending order per article however many requests race (docs/api.md §14), the same trick.
    pending_key = models.CharField(max_length=41, null=True, blank=True, unique=True)
    trade_no = models.CharField(max_length=64, blank=True, default="")
    created_time = models.DateTimeField(auto_now_add=True)
    paid_time = models.DateTimeField(null=True, blank=True)
    updated_time = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "payment_order"
        constraints = [
            models.UniqueConstraint(fields=["buyer", "paid_topic"], name="one_paid_order_per_article"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="order_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=["pending", "paid", "closed", "refunded"]),
                                   name="order_status_known"),
            models.CheckConstraint(condition=Q(paid_topic__isnull=True) | Q(status="paid"),
                                   name="order_paid_topic_only_when_paid"),
            models.CheckConstraint(condition=Q(pending_key__isnull=True) | Q(status="pending"),
                                   name="order_pending_key_only_when_pending"),
        ]
        indexes = [
            models.Index(fields=["buyer", "-created_time"], name="order_buyer_newest"),
            models.Index(fields=["status", "created_time"], name="order_status_age"),
        ]

    @staticmethod
    def pending_key_for(buyer, topic):
        return f"{buyer.pk}:{topic.pk}"


class PaymentEvent(models.Model):
    """One step in an order's money trail: every notify, return, trade query, refund,
    reconciliation result and state change, accepted or not, with what Alipay sent.

    Support and accounting read these rows (not log lines) to answer "was I charged?",
    "why was this notify refused?", "was the second payment given back?".
    """

    NOTIFY, RETURN, TRADE_QUERY = "notify", "return", "trade_query"
    REFUND, RECONCILE, STATE = "refund", "reconcile", "state"
    KINDS = [(NOTIFY, "Alipay notify"), (RETURN, "buyer's return"), (TRADE_QUERY, "trade query"),
             (REFUND, "refund"), (RECONCILE, "reconciliation"), (STATE, "order state change")]

    # SET_NULL and order_no: a notify naming an unknown order is recorded too.
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="events")
    order_no = models.CharField(max_length=64, blank=True, default="")
    kind = models.CharField(max_length=16, choices=KINDS)
    accepted = models.BooleanField()
    reason = models.CharField(max_length=255, blank=True, default="")
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    trade_no = models.CharField(max_length=64, blank=True, default="")
    payload = models.JSONField(default=dict, blank=True)
    created_time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "payment_event"
        indexes = [
            models.Index(fields=["order_no", "created_time"], name="payment_event_order"),
            models.Index(fields=["kind", "created_time"], name="payment_event_kind"),
        ]

    def __str__(self):
        verdict = "accepted" if self.accepted else "rejected"
        return f"{self.order_no} {self.kind} {verdict}: {self.reason}"
