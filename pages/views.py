"""The feeds (docs/api.md §10): RSS 2.0, the one kind of /v1/ answer that is not JSON."""
from django.http import HttpResponse

from pages import feeds, presenters
from tools.views import ApiView
from user.shortcuts import user_or_404


def rss(feed):
    return HttpResponse(feeds.as_text(feed), content_type="application/rss+xml; charset=utf-8")


class SiteFeedView(ApiView):
    def get(self, request):
        return rss(feeds.site_feed(presenters.api_url("/v1/feeds/rss")))


class AuthorFeedView(ApiView):
    def get(self, request, author):
        user = user_or_404(author)
        return rss(feeds.author_feed(user, presenters.author_feed_url(user.username)))
