"""Operators' view of the articles (docs/api.md §13). Every write goes through
topic.services, so lists, search and crawlable pages follow it like any other write."""
from django.contrib import admin, messages

from topic import services
from topic.models import Topic

EDITABLE = ("title", "category", "limit")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "author", "category", "limit", "status", "price", "created_time")
    list_filter = ("limit", "status", "category", "created_time")
    search_fields = ("title", "introduce", "author__username", "author__nickname")
    list_select_related = ("author",)
    ordering = ("-created_time", "-id")
    fields = (*EDITABLE, "author", "status", "price", "introduce", "content",
              "created_time", "updated_time")
    readonly_fields = ("author", "status", "price", "introduce", "content",
                       "created_time", "updated_time")
    actions = ["hide_articles"]

    def has_add_permission(self, request):
        return False  # authors write their articles in the blog

    @admin.action(description="隐藏所选文章（设为私密）", permissions=["change"])
    def hide_articles(self, request, queryset):
        hidden = 0
        for topic in queryset.select_related("author").exclude(limit=Topic.PRIVATE):
            services.update_topic(topic=topic, values={"limit": Topic.PRIVATE})
            hidden += 1
        self.message_user(request, f"已隐藏 {hidden} 篇文章。", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE}
        services.update_topic(topic=obj, values=values)

    def delete_model(self, request, obj):
        services.delete_topic(topic=obj)

    def delete_queryset(self, request, queryset):
        for topic in queryset.select_related("author"):
            services.delete_topic(topic=topic)
