"""Markdown articles (docs/api.md §11): CommonMark with GFM tables, strikethrough and task
lists (markdown-it-py + mdit-py-plugins), rendered to HTML that then goes through the
same allow-list as any article body (topic/sanitize.py).

Raw HTML is parsed as CommonMark says and then sanitized, so `<b>` stays and
`<script>` goes; markdown-it refuses `javascript:`/`vbscript:`/`data:` link targets
itself and the sanitizer's URL schemes refuse them again. A `<!--more-->` line (the
free-preview mark) becomes `<hr class="paywall">`, the mark of HTML articles.
"""
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from topic.sanitize import PAYWALL_MARK

MORE = re.compile(r"\s*<!--\s*more\s*-->\s*", re.IGNORECASE)


def _paywall_mark(state):
    """A block that is only `<!--more-->` becomes the paywall rule."""
    for token in state.tokens:
        if token.type == "html_block" and MORE.fullmatch(token.content):
            token.content = PAYWALL_MARK + "\n"


def _parser():
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.use(tasklists_plugin)  # - [x] → a disabled, checked checkbox
    parser.core.ruler.push("paywall_mark", _paywall_mark)
    return parser


_PARSER = _parser()


def render_markdown(source):
    """The (unsanitized) HTML of a Markdown source; callers sanitize it."""
    return _PARSER.render(source or "")
