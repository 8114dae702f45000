"""Operators' view of the comments (docs/api.md §13): read them, delete them. Deleting goes
through message.services, so the cached thread and the events follow."""
from django.contrib import admin

from message import services
from message.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("id", "excerpt", "publisher", "topic", "parent_id", "created_time")
    list_filter = ("created_time",)
    search_fields = ("content", "publisher__username", "publisher__nickname", "topic__title")
    list_select_related = ("publisher", "topic")
    ordering = ("-created_time", "-id")
    readonly_fields = ("topic", "publisher", "content", "parent", "created_time")

    @admin.display(description="内容")
    def excerpt(self, message):
        return message.content if len(message.content) <= 40 else message.content[:40] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # comments are the readers' words: deleted, never edited

    def delete_model(self, request, obj):
        services.delete_message(message=obj, user=request.user, as_operator=True)

    def delete_queryset(self, request, queryset):
        # A reply whose comment is deleted too goes with it.
        for message in queryset.exclude(parent__in=queryset).select_related("topic"):
            services.delete_message(message=message, user=request.user, as_operator=True)
