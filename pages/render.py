"""Pages as text: the SPA's own page file (templates/<page>.html) with the article or
the list placed in it, so that a client running no JavaScript and a browser get the
same document (no cloaking). The SPA removes the `[data-prerendered]` block when it
starts and draws the same content from the API."""
import html
import re

from django.conf import settings
from django.template.loader import render_to_string

from pages import presenters

TITLE = re.compile(r"<title>.*?</title>", re.S)
MAIN = re.compile(r"<main\b[^>]*>")
LIST = re.compile(r"<div id=\"topic-list\"[^>]*>")


class ShellChanged(Exception):
    """The SPA's page file lost the <title> or <main> the pages are placed by."""


def shell(name):
    return (settings.SPA_TEMPLATES_DIR / name).read_text(encoding="utf-8")


def into_shell(name, head, body, at=MAIN, texts=None, hrefs=None):
    """The SPA page `name` with `head` in place of its <title>, `body` at the start of
    the element `at` matches, and the text and link of the elements named in `texts`
    and `hrefs` ({id: value}) set as the SPA would set them."""
    page = shell(name)
    if not TITLE.search(page) or not at.search(page):
        raise ShellChanged(f"templates/{name} needs a <title> and {at.pattern}")
    page = TITLE.sub(lambda _: head.strip(), page, count=1)
    page = at.sub(lambda match: match.group(0) + "\n" + body.strip(), page, count=1)
    for element_id, text in (texts or {}).items():
        element = re.compile(rf"(<(\w+) id=\"{re.escape(element_id)}\"[^>]*>)[^<]*(</\2>)")
        page = element.sub(lambda m: m.group(1) + html.escape(text) + m.group(3), page, count=1)
    for element_id, href in (hrefs or {}).items():
        link = re.compile(rf"(<a id=\"{re.escape(element_id)}\"[^>]*? href=\")[^\"]*(\")")
        page = link.sub(lambda m: m.group(1) + html.escape(href) + m.group(2), page, count=1)
    return page


def article_page(topic):
    context = presenters.article_context(topic)
    return into_shell("detail.html", render_to_string("pages/article_head.html", context),
                      render_to_string("pages/article_body.html", context),
                      texts={"back-to-blog": f"← 返回{context['nickname']}的博客"},
                      hrefs={"back-to-blog": context["author_url"]})


def author_page(user, topics):
    context = presenters.author_context(user, topics)
    blog = f"{context['nickname']}的博客"
    context.update(title=f"{blog} - {presenters.SITE_NAME}", og_type="profile", show_author=False)
    return into_shell("list.html", render_to_string("pages/list_head.html", context),
                      render_to_string("pages/list_body.html", context), at=LIST,
                      texts={"blog-title": blog}, hrefs={"profile-link": f"/{user.username}/info"})


def index_page(topics):
    context = presenters.index_context(topics)
    context.update(title=presenters.SITE_NAME, og_type="website", show_author=True, author_feed="")
    return into_shell("index.html", render_to_string("pages/list_head.html", context),
                      render_to_string("pages/list_body.html", context), at=LIST)


def robots():
    return ("User-agent: *\n"
            "Allow: /\n"
            "Disallow: /login\n"
            "Disallow: /register\n"
            "Disallow: /orders\n"
            "Disallow: /*/topic/release\n"
            "Disallow: /*/change_info\n"
            "Disallow: /*/change_password\n"
            f"\nSitemap: {presenters.frontend_url('/sitemap.xml')}\n")
