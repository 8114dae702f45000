"""RSS 2.0 feeds (docs/api.md §10) through Django's feed generator: the site's latest public
articles and one author's. Served by the API (/v1/feeds/...) and written as /rss.xml
on the SPA origin; both come from here."""
import re

from django.utils import feedgenerator

from pages import presenters, selectors

FEED_LENGTH = 20
# Characters XML 1.0 cannot carry (the generator refuses them): never in a feed.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    return NOT_XML.sub("", value or "")


def _feed(*, title, link, description, feed_url, topics):
    feed = feedgenerator.Rss201rev2Feed(
        title=xml_text(title), link=link, description=xml_text(description), language="zh-cn",
        feed_url=feed_url,
    )
    for topic in topics:
        url = presenters.article_url(topic)
        feed.add_item(
            title=xml_text(topic.title),
            link=url,
            unique_id=url,
            unique_id_is_permalink=True,
            description=xml_text(presenters.free_html(topic)),
            pubdate=topic.created_time,
            updateddate=topic.updated_time,
            # a name without an email is written as <dc:creator>
            author_name=xml_text(presenters.nickname(topic.author)),
            categories=[presenters.CATEGORY_NAMES.get(topic.category, topic.category)],
        )
    return feed


def site_feed(feed_url):
    return _feed(title=presenters.SITE_NAME, link=presenters.frontend_url("/"),
                 description="久至博客的最新文章", feed_url=feed_url,
                 topics=selectors.latest_public_topics(FEED_LENGTH))


def author_feed(user, feed_url):
    name = presenters.nickname(user)
    return _feed(title=f"{name}的博客 - {presenters.SITE_NAME}",
                 link=presenters.author_url(user.username),
                 description=user.sign or f"{name}在久至博客的最新文章", feed_url=feed_url,
                 topics=selectors.latest_public_topics(FEED_LENGTH, author=user))


def as_text(feed):
    return feed.writeString("utf-8")
