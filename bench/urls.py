"""The product's URLs plus a bare baseline view; mounted only by the bench server.

`bench/baseline` answers a small JsonResponse through the same middleware stack as
every API view, so a figure divided by it measures only what the endpoint adds.
"""
from django.http import JsonResponse
from django.urls import include, path

from longtoblog.urls import handler400, handler403, handler404, handler500  # noqa: F401


def baseline(request):
    return JsonResponse({"code": 200, "data": {"ok": True}})


urlpatterns = [
    path("bench/baseline", baseline),
    path("", include("longtoblog.urls")),
]
