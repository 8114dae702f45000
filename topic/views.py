from django.utils.decorators import method_decorator

from tools.auth import logging_check
from tools.cache import cache_set
from tools.http import ApiError, id_param, json_body, no_content, ok, valid_form, validate
from tools.views import ApiView
from topic import errors, selectors, services
from topic.forms import ListQueryForm, TopicForm
from user.selectors import get_user

LIST_CACHE_SECONDS = 600


def _list_params(request):
    return validate(ListQueryForm, request.GET, errors.INVALID_INPUT)


def _topic_id(request):
    return id_param(request.GET.get("t_id"), "t_id")


def _own_blog(request, username):
    author = get_user(username)
    if request.myuser.pk != author.pk:
        raise ApiError(403, errors.NOT_OWNER, "You can only write to your own blog")
    return author


class LatestTopicsView(ApiView):
    @method_decorator(cache_set(LIST_CACHE_SECONDS))
    def get(self, request):
        return ok(selectors.latest_topics(**_list_params(request)))


class AuthorTopicsView(ApiView):
    @method_decorator(cache_set(LIST_CACHE_SECONDS, scope_kwarg="author", skip_param="t_id"))
    def get(self, request, author):
        author = get_user(author)
        if "t_id" in request.GET:
            topic = selectors.visible_topic(_topic_id(request), request.myuser, author=author)
            return ok(selectors.topic_detail(request, topic, request.myuser))
        return ok(selectors.author_topics(author, request.myuser, **_list_params(request)))

    @method_decorator(logging_check)
    def post(self, request, author):
        author = _own_blog(request, author)
        values = validate(TopicForm, json_body(request), errors.INVALID_INPUT)
        topic = services.create_topic(author=author, values=values)
        return ok(selectors.topic_detail(request, topic, author), status=201)

    @method_decorator(logging_check)
    def put(self, request, author):
        author = _own_blog(request, author)
        topic = selectors.owned_topic(_topic_id(request), author)
        form = valid_form(TopicForm, json_body(request), errors.INVALID_INPUT, partial=True)
        topic = services.update_topic(topic=topic, values=form.changed_values())
        return ok(selectors.topic_detail(request, topic, author))

    patch = put

    @method_decorator(logging_check)
    def delete(self, request, author):
        author = _own_blog(request, author)
        services.delete_topic(topic=selectors.owned_topic(_topic_id(request), author))
        return no_content()
