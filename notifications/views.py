from django.utils.decorators import method_decorator

from notifications import errors, presenters, selectors, services
from notifications.forms import MarkReadForm, NotificationQueryForm
from tools.auth import logging_check
from tools.http import json_body, ok, origin_of, validate
from tools.views import ApiView


@method_decorator(logging_check, name="dispatch")
class NotificationsView(ApiView):
    def get(self, request):
        params = validate(NotificationQueryForm, request.GET, errors.INVALID_INPUT)
        page, per_page = params["page"], params["per_page"]
        items, total = selectors.notification_page(request.user, page=page, per_page=per_page,
                                                   unread_only=params["unread"] == "1")
        return ok(presenters.inbox(items, unread=selectors.unread_count(request.user), total=total,
                                   page=page, per_page=per_page, origin=origin_of(request)))


@method_decorator(logging_check, name="dispatch")
class MarkReadView(ApiView):
    def post(self, request):
        data = validate(MarkReadForm, json_body(request), errors.INVALID_INPUT)
        ids = None if data.get("all") is True else data["ids"]
        marked = services.mark_read(user=request.user, ids=ids)
        return ok({"marked": marked, "unread": selectors.unread_count(request.user)})
