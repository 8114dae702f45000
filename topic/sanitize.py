"""The allow-list for article HTML (nh3): what a rich-text editor produces, nothing that runs."""
import html
import re

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
    "hr": {"class"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Only the classes something reads: the SPA's highlight.js picks the language of a Markdown
# fenced block from <code class="language-x">, and <hr class="paywall"> splits a paid
# article (SPEC §11). Any other class would let an author borrow the SPA's own styles.
LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+-]{1,30}")
PAYWALL_CLASS = "paywall"


def _allowed_class(tag, name):
    if tag == "code":
        return LANGUAGE_CLASS.fullmatch(name) is not None
    return tag == "hr" and name == PAYWALL_CLASS


def _filter_attribute(tag, attribute, value):
    if attribute == "class":
        kept = [name for name in value.split() if _allowed_class(tag, name)]
        return " ".join(dict.fromkeys(kept)) or None
    if tag == "img" and attribute == "src" and not value.lower().startswith(("http://", "https://")):
        return None
    return value


def clean_html(content):
    return nh3.clean(
        content, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow", attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def plain_text(content):
    """The visible text of an HTML fragment."""
    return html.unescape(nh3.clean(content, tags=set())).strip()
