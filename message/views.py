from django.utils.decorators import method_decorator

from message import errors, services
from message.forms import MessageForm
from message.models import Message
from tools.auth import logging_check
from tools.http import ApiError, fmt_time, id_param, json_body, no_content, ok, validate
from tools.views import ApiView
from topic.selectors import visible_topic


class TopicMessagesView(ApiView):
    @method_decorator(logging_check)
    def post(self, request, topic_id):
        topic = visible_topic(id_param(topic_id, "topic_id"), request.myuser)
        data = validate(MessageForm, json_body(request), errors.INVALID_INPUT)
        message = services.post_message(topic=topic, publisher=request.myuser,
                                        content=data["content"], parent_id=data["parent_id"])
        return ok({"id": message.id, "content": message.content, "parent_id": message.parent_id,
                   "publisher": request.myuser.username,
                   "created_time": fmt_time(message.created_time)}, status=201)

    @method_decorator(logging_check)
    def delete(self, request, topic_id):
        topic = visible_topic(id_param(topic_id, "topic_id"), request.myuser)
        message_id = id_param(request.GET.get("m_id"), "m_id")
        message = Message.objects.select_related("topic").filter(id=message_id, topic=topic).first()
        if message is None:
            raise ApiError(404, errors.MESSAGE_NOT_FOUND, "No such comment")
        services.delete_message(message=message, user=request.myuser)
        return no_content()
