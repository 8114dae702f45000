"""The allow-list for article HTML (nh3): what a rich-text editor produces, nothing that runs."""
import html
import re

import nh3

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
    "del", "sub", "sup", "mark", "span", "div", "blockquote", "ul", "ol", "li", "a", "img",
    "pre", "code", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure",
    "figcaption", "input",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "hr": {"class"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},  # task lists only: see _task_checkboxes
}
URL_SCHEMES = {"http", "https", "mailto"}
# Only the classes something reads: the SPA's highlight.js picks the language of a Markdown
# fenced block from <code class="language-x">, and <hr class="paywall"> splits a paid
# article (docs/api.md §11). Any other class would let an author borrow the SPA's own styles.
LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+-]{1,30}")
PAYWALL_CLASS = "paywall"
PAYWALL_MARK = '<hr class="paywall">'
# After nh3 (which serializes every tag the same way) an <input> carries at most these.
INPUT_TAG = re.compile(r"<input\b([^>]*)>")
BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tfoot|tr|th|td|"
                       r"caption|figure|figcaption|hr|br)\b[^>]*>", re.IGNORECASE)


def _allowed_class(tag, name):
    if tag == "code":
        return LANGUAGE_CLASS.fullmatch(name) is not None
    return tag == "hr" and name == PAYWALL_CLASS


def _filter_attribute(tag, attribute, value):
    if tag == "input":
        if attribute == "type":
            return "checkbox" if value.strip().lower() == "checkbox" else None
        return ""  # checked, disabled: presence is what counts
    if attribute == "class":
        kept = [name for name in value.split() if _allowed_class(tag, name)]
        return " ".join(dict.fromkeys(kept)) or None
    if tag == "img" and attribute == "src" and not value.lower().startswith(("http://", "https://")):
        return None
    return value


def _task_checkbox(match):
    """A task list's marker: a disabled checkbox, checked or not; any other input goes."""
    attributes = match.group(1)
    if 'type="checkbox"' not in attributes:
        return ""
    checked = " checked" if "checked" in attributes else ""
    return f'<input type="checkbox" disabled{checked}>'


def clean_html(content):
    cleaned = nh3.clean(
        content, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow", attribute_filter=_filter_attribute,
        strip_comments=True,
    )
    return INPUT_TAG.sub(_task_checkbox, cleaned)


def split_paywall(content):
    """(free part, whether there is a paid part) of sanitized HTML, split at the first
    <hr class="paywall">; the free part is sanitized again, which closes what the cut
    left open. Without the mark: ("", False)."""
    index = content.find(PAYWALL_MARK)
    if index < 0:
        return "", False
    return clean_html(content[:index]).strip(), True


def block_text(content):
    """The visible text of an HTML fragment with its blocks (paragraphs, list items,
    cells, line breaks) kept apart by one space, never run together."""
    spaced = BLOCK_TAG.sub(" ", content)
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).split())


def plain_text(content):
    """The visible text of an HTML fragment."""
    return html.unescape(nh3.clean(content, tags=set())).strip()
