"""Operators' view of the money (docs/api.md §13): orders and the payment event log, read
only. An order changes only through Alipay's answers (payment.services)."""
from django.contrib import admin

from payment.models import Order, PaymentEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    fields = ("created_time", "kind", "accepted", "reason", "amount", "trade_no")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("created_time",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("order_no", "buyer", "topic_title", "author_username", "amount", "status",
                    "created_time", "paid_time")
    list_filter = ("status", "created_time")
    search_fields = ("order_no", "trade_no", "buyer__username", "topic_title", "author_username")
    list_select_related = ("buyer",)
    ordering = ("-created_time",)
    inlines = [PaymentEventInline]


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnlyAdmin):
    list_display = ("created_time", "order_no", "kind", "accepted", "reason", "amount")
    list_filter = ("kind", "accepted", "created_time")
    search_fields = ("order_no", "trade_no", "reason")
    ordering = ("-created_time",)
