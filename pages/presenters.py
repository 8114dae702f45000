"""What a page, a feed item or a sitemap entry says about an article or an author.

One rule for every public surface (docs/api.md §10, §11): a paid article shows its free part
only — `preview` when the author marked one, else `introduce` — never its `content`.
"""
import html
import json
import re

from django.conf import settings
from django.utils import timezone

from topic.sanitize import plain_text

DESCRIPTION_LENGTH = 150
SITE_NAME = "久至博客"
CATEGORY_NAMES = {"tec": "技术", "no-tec": "非技术"}
BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|pre|tr|td|th|figcaption)>|<br\s*/?>", re.I)


def frontend_url(path=""):
    return settings.FRONTEND_URL.rstrip("/") + path


def api_url(path):
    return settings.API_URL.rstrip("/") + path


def article_path(username, topic_id):
    return f"/{username}/topics/detail/{topic_id}"


def article_url(topic):
    return frontend_url(article_path(topic.author.username, topic.id))


def author_path(username):
    return f"/{username}/topics"


def author_url(username):
    return frontend_url(author_path(username))


def author_feed_url(username):
    return api_url(f"/v1/feeds/{username}/rss")


def nickname(user):
    return user.nickname or user.username


def is_paid(topic):
    return topic.price > 0


def free_html(topic):
    """The article's readable HTML anyone may see (already sanitized on save)."""
    if not is_paid(topic):
        return topic.content
    if topic.preview.strip():
        return topic.preview
    return f"<p>{html.escape(topic.introduce)}……</p>" if topic.introduce else ""


def description(topic):
    """Plain text for <meta name="description">, og:description and JSON-LD."""
    readable = plain_text(BLOCK_END.sub(lambda end: end.group(0) + " ", free_html(topic)))
    text = (topic.summary or "").strip() or " ".join(readable.split())
    text = text or topic.introduce or topic.title
    return text[:DESCRIPTION_LENGTH]


def absolute(url):
    """A cover URL as a crawler can fetch it (a path is taken to be on the API)."""
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else api_url("/" + url.lstrip("/"))


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def local_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def json_ld(data):
    """JSON for a <script type="application/ld+json"> block: `<`, `>` and `&` escaped
    so that no text of the article can close the element (as Django's json_script)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


def blog_posting(topic):
    url = article_url(topic)
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": topic.title,
        "description": description(topic),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(topic.created_time),
        "dateModified": iso(topic.updated_time),
        "author": {"@type": "Person", "name": nickname(topic.author),
                   "url": author_url(topic.author.username)},
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": frontend_url("/")},
        "inLanguage": "zh-CN",
        "isAccessibleForFree": not is_paid(topic),
    }
    if topic.cover:
        data["image"] = absolute(topic.cover)
    return json_ld(data)


def article_context(topic):
    return {
        "topic": topic,
        "site_name": SITE_NAME,
        "nickname": nickname(topic.author),
        "url": article_url(topic),
        "author_url": author_path(topic.author.username),
        "author_feed": author_feed_url(topic.author.username),
        "description": description(topic),
        "cover": absolute(topic.cover),
        "body": free_html(topic),
        "paid": is_paid(topic),
        "price": f"{topic.price:.2f}",
        "category": CATEGORY_NAMES.get(topic.category, topic.category),
        "published": iso(topic.created_time),
        "modified": iso(topic.updated_time),
        "published_text": local_time(topic.created_time),
        "json_ld": blog_posting(topic),
    }


def list_item(topic):
    return {
        "title": topic.title,
        "href": article_path(topic.author.username, topic.id),
        "introduce": topic.introduce,
        "author": topic.author.username,
        "author_href": author_path(topic.author.username),
        "nickname": nickname(topic.author),
        "published": iso(topic.created_time),
        "published_text": local_time(topic.created_time),
        "paid": is_paid(topic),
    }


def author_context(user, topics):
    name = nickname(user)
    return {
        "site_name": SITE_NAME,
        "nickname": name,
        "username": user.username,
        "url": author_url(user.username),
        "author_feed": author_feed_url(user.username),
        "description": (user.sign or user.info or f"{name}的博客")[:DESCRIPTION_LENGTH],
        "topics": [list_item(topic) for topic in topics],
    }


def index_context(topics):
    return {
        "site_name": SITE_NAME,
        "url": frontend_url("/"),
        "description": "久至博客：记录技术与生活，分享所思所得。",
        "topics": [list_item(topic) for topic in topics],
    }
