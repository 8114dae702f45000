from django.utils.decorators import method_decorator

from message import errors, presenters, selectors, services
from message.forms import MessageForm
from tools.auth import logging_check
from tools.http import ApiError, id_param, json_body, no_content, ok, validate
from tools.views import ApiView
from topic.shortcuts import visible_topic_or_404


class TopicMessagesView(ApiView):
    @method_decorator(logging_check)
    def post(self, request, topic_id):
        topic = visible_topic_or_404(id_param(topic_id, "topic_id"), request.user)
        data = validate(MessageForm, json_body(request), errors.INVALID_INPUT)
        message = services.post_message(topic=topic, publisher=request.user,
                                        content=data["content"], parent_id=data["parent_id"])
        return ok(presenters.created_message(message), status=201)

    @method_decorator(logging_check)
    def delete(self, request, topic_id):
        topic = visible_topic_or_404(id_param(topic_id, "topic_id"), request.user)
        message = selectors.topic_message(topic, id_param(request.GET.get("m_id"), "m_id"))
        if message is None:
            raise ApiError(404, errors.MESSAGE_NOT_FOUND, "No such comment")
        services.delete_message(message=message, user=request.user)
        return no_content()
