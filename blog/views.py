import functools

from django.http import QueryDict
from django.utils.decorators import method_decorator

from blog.pages import READER, article_detail, detail_access, shared_detail, viewer_fields
from message.selectors import PEOPLE_SCOPE, thread_scope
from social import selectors as social
from tools.auth import is_user, logging_check, require_valid_token
from tools.cache import ALL_AUTHORS, cached_response, shared_response
from tools.http import ApiError, id_param, json_body, no_content, ok, origin_of, valid_form, validate
from tools.ratelimit import client_ip
from tools.views import ApiView
from topic import errors, hits, presenters, selectors, services
from topic.forms import ListQueryForm, TopicForm
from topic.shortcuts import owned_topic_or_404, visible_topic_or_404
from user.shortcuts import user_or_404

LIST_CACHE_SECONDS = 600


@functools.lru_cache(maxsize=256)
def _validated_list_params(query_string):
    # Per raw query string: a form costs a fifth of a cached list's time. A bad string
    # raises (a 400) and is not kept.
    return validate(ListQueryForm, QueryDict(query_string), errors.INVALID_INPUT)


def _list_params(request):
    return dict(_validated_list_params(request.META.get("QUERY_STRING", "")))


def _topic_id(request):
    return id_param(request.GET.get("t_id"), "t_id")


def _own_blog(request, username):
    author = user_or_404(username)
    if not is_user(request.user, author):
        raise ApiError(403, errors.NOT_OWNER, "You can only write to your own blog")
    return author


def _role(request, username):
    """Whose view of a list this is; a visitor's costs no database query."""
    if "HTTP_AUTHORIZATION" not in request.META:  # no token: a visitor, known for free
        return "visitor"
    user = request.user
    return "owner" if user.is_authenticated and user.username == username else "visitor"


class LatestTopicsView(ApiView):
    def get(self, request):
        require_valid_token(request)
        params = _list_params(request)
        origin = origin_of(request)  # of the avatar URLs
        return cached_response(request, (ALL_AUTHORS,), ("latest", origin, sorted(params.items())),
                               lambda: self.build(params, origin), LIST_CACHE_SECONDS)

    @staticmethod
    def build(params, origin):
        rows, total = selectors.latest_topic_rows(scope=ALL_AUTHORS, **params)
        return ok(presenters.topic_list(rows, total=total, origin=origin, **params))


class AuthorTopicsView(ApiView):
    def get(self, request, author):
        # the raw query string first: parsing it into request.GET costs a cached list a
        # tenth of its time (a %-escaped name is parsed, so it still finds `t_id`)
        query = request.META.get("QUERY_STRING", "")
        if ("t_id" in query or "%" in query) and "t_id" in request.GET:
            return self.detail(request, author)
        params = _list_params(request)
        scope = services.author_scope(author)
        parts = ("author", _role(request, author), origin_of(request), sorted(params.items()))
        return cached_response(request, (scope,), parts, lambda: self.build(request, author, scope, params),
                               LIST_CACHE_SECONDS)

    @staticmethod
    def build(request, username, scope, params):
        author = user_or_404(username)
        rows, total = selectors.author_topic_rows(author, request.user, scope=scope, **params)
        return ok(presenters.topic_list(rows, total=total, nickname=author.nickname,
                                        origin=origin_of(request), **params))

    @staticmethod
    def detail(request, username):
        """The shared part of the detail (blog/pages.py) is cached as bytes per the
        versions it is built from: the author's scope (the article, its neighbours, the
        nickname), the thread and the people in it, the likes; and per access (author,
        buyer, anyone else) and origin of avatar URLs. A visitor's hit reads no
        database at all: the cached entry exists only for an article visitors may see,
        under the author's current version. A logged-in viewer's access needs the
        article (and for a paid one, their order) first. `views`, `liked` and
        `favorited` are added per request; the ETag also names the viewer and their
        favourites, and a match is a 304. The view is counted either way."""
        topic_id = _topic_id(request)
        viewer = request.user
        origin = origin_of(request)
        access = READER
        if viewer.is_authenticated:
            access = detail_access(visible_topic_or_404(topic_id, viewer, author_name=username), viewer)

        def build():
            # read again here, not `topic`: right after a write to these scopes a value
            # for the shared cache is read from the primary (tools/cache.py), and the
            # viewer's own read above may have come from a lagging replica
            return shared_detail(visible_topic_or_404(topic_id, viewer, author_name=username),
                                 access, origin)

        def personal(meta):
            hits.count_view(topic_id, hits.viewer_key(viewer, client_ip(request),
                                                      request.headers.get("User-Agent", "")))
            return viewer_fields(meta, viewer)

        me = viewer.pk if viewer.is_authenticated else None
        scopes = (services.author_scope(username), thread_scope(topic_id), PEOPLE_SCOPE,
                  social.likes_scope(topic_id))
        return shared_response(request, scopes, ("detail", topic_id, access, origin), build, personal,
                               viewer_scopes=(social.favorites_scope(me),) if me else (),
                               viewer_parts=(me,))

    @method_decorator(logging_check)
    def post(self, request, author):
        author = _own_blog(request, author)
        values = validate(TopicForm, json_body(request), errors.INVALID_INPUT)
        topic = services.create_topic(author=author, values=values)
        return ok(article_detail(topic, author, origin_of(request)), status=201)

    @method_decorator(logging_check)
    def put(self, request, author):
        author = _own_blog(request, author)
        topic = owned_topic_or_404(_topic_id(request), author)
        form = valid_form(TopicForm, json_body(request), errors.INVALID_INPUT, partial=True)
        topic = services.update_topic(topic=topic, values=form.changed_values())
        return ok(article_detail(topic, author, origin_of(request)))

    patch = put

    @method_decorator(logging_check)
    def delete(self, request, author):
        author = _own_blog(request, author)
        services.delete_topic(topic=owned_topic_or_404(_topic_id(request), author))
        return no_content()


class TagsView(ApiView):
    """The tags of public published articles, most used first (docs/api.md §10)."""

    def get(self, request):
        return cached_response(request, (ALL_AUTHORS,), ("tags",),
                               lambda: ok(presenters.tag_list(selectors.popular_tags())),
                               LIST_CACHE_SECONDS)
