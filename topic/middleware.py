"""Scheduled articles go public when due (docs/api.md §11). On the production stack Celery
beat runs topic.tasks.publish_due_topics_task every 30 s; where no beat runs (the
embedded default, PUBLISH_DUE_ON_READ) a read does it, at most once every few seconds."""
from django.conf import settings

from topic.services import publish_due_topics_on_read


class PublishDueTopicsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and getattr(settings, "PUBLISH_DUE_ON_READ", False):
            publish_due_topics_on_read()
        return self.get_response(request)
