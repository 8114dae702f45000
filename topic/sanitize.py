"""The allow-list for article HTML (nh3): what a rich-text editor produces, nothing that runs."""
import html

import nh3

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
    "del", "sub", "sup", "mark", "span", "div", "blockquote", "ul", "ol", "li", "a", "img",
    "pre", "code", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure",
    "figcaption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "pre": {"class"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _only_web_images(tag, attribute, value):
    if tag == "img" and attribute == "src" and not value.lower().startswith(("http://", "https://")):
        return None
    return value


def clean_html(content):
    return nh3.clean(
        content, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow", attribute_filter=_only_web_images,
        strip_comments=True,
    )


def plain_text(content):
    """The visible text of an HTML fragment."""
    return html.unescape(nh3.clean(content, tags=set())).strip()
