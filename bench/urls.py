"""The product's URLs plus a bare baseline view; mounted only by the bench server.

`bench/baseline` answers a small JsonResponse through the same middleware stack as
every API view, so a figure divided by it measures only what the endpoint adds.
"""
from django.http import JsonResponse
from django.urls import include, path

from blog.views import AuthorTopicsView
from topic.services import author_scope
from longtoblog.urls import handler400, handler403, handler404, handler500  # noqa: F401
from message.selectors import thread_scope
from tools.cache import bump_version, forget_route


def baseline(request):
    return JsonResponse({"code": 200, "data": {"ok": True}})


def detail_rebuilt(request, author):
    """The product's detail as right after a comment: its thread is rebuilt (a bumped
    thread version), i.e. the detail without its cache."""
    bump_version(thread_scope(int(request.GET["t_id"])))
    return AuthorTopicsView.as_view()(request, author=author)


def list_rebuilt(request, author):
    """The product's author list as right after a write: its version is bumped, so the
    list and its total are read from the database (a cache miss). Unknown query
    parameters never reach a cache key, so a fresh query string is no miss."""
    bump_version(author_scope(author))
    response = AuthorTopicsView.as_view()(request, author=author)
    forget_route(request)  # else the next one is answered before this view runs: a hit
    return response


def list_uncached(request, author):
    """The product's author list built without its response cache (the total still
    comes from its per-version cache, as on any miss between two writes)."""
    from blog.views import _list_params

    return AuthorTopicsView.build(request, author, author_scope(author), _list_params(request))


urlpatterns = [
    path("bench/baseline", baseline),
    path("bench/detail-rebuilt/<str:author>", detail_rebuilt),
    path("bench/list-rebuilt/<str:author>", list_rebuilt),
    path("bench/list-uncached/<str:author>", list_uncached),
    path("", include("longtoblog.urls")),
]
