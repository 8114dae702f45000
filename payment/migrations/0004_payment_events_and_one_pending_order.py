"""PaymentEvent (the money trail), the `refunded` status, and `pending_key`: one pending
order per buyer and article (docs/api.md §14)."""
import django.db.models.deletion
from django.db import migrations, models


def key_pending_orders(apps, schema_editor):
    """Give the newest pending order of each (buyer, article) its key. Older duplicates
    from before this migration keep none; reconciliation closes them when they expire."""
    Order = apps.get_model("payment", "Order")
    keyed = set()
    pending = Order.objects.filter(status="pending", topic__isnull=False).order_by("-created_time", "-id")
    for order in pending.iterator():
        key = f"{order.buyer_id}:{order.topic_id}"
        if key not in keyed:
            keyed.add(key)
            Order.objects.filter(pk=order.pk).update(pending_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ("payment", "0003_order_checks"),
    ]

    operations = [
        migrations.CreateModel(
            name="PaymentEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order_no", models.CharField(blank=True, default="", max_length=64)),
                ("kind", models.CharField(choices=[("notify", "Alipay notify"), ("return", "buyer's return"), ("trade_query", "trade query"), ("refund", "refund"), ("reconcile", "reconciliation"), ("state", "order state change")], max_length=16)),
                ("accepted", models.BooleanField()),
                ("reason", models.CharField(blank=True, default="", max_length=255)),
                ("amount", models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True)),
                ("trade_no", models.CharField(blank=True, default="", max_length=64)),
                ("payload", models.JSONField(blank=True, default=dict)),
                ("created_time", models.DateTimeField(auto_now_add=True)),
                ("order", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="events", to="payment.order")),
            ],
            options={
                "db_table": "payment_event",
                "indexes": [
                    models.Index(fields=["order_no", "created_time"], name="payment_event_order"),
                    models.Index(fields=["kind", "created_time"], name="payment_event_kind"),
                ],
            },
        ),
        migrations.RemoveConstraint(
            model_name="order",
            name="order_status_known",
        ),
        migrations.AlterField(
            model_name="order",
            name="status",
            field=models.CharField(choices=[("pending", "pending"), ("paid", "paid"), ("closed", "closed"), ("refunded", "refunded")], default="pending", max_length=10),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(("status__in", ["pending", "paid", "closed", "refunded"])), name="order_status_known"),
        ),
        migrations.AddField(
            model_name="order",
            name="pending_key",
            field=models.CharField(blank=True, max_length=41, null=True, unique=True),
        ),
        migrations.RunPython(key_pending_orders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(("pending_key__isnull", True), ("status", "pending"), _connector="OR"), name="order_pending_key_only_when_pending"),
        ),
    ]
