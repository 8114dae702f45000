"""Text for search: readable text from HTML, query terms, bigrams, snippets.

Chinese (and Japanese, Korean) has no spaces between words, so a run of such
characters is indexed as its overlapping bigrams (缓存失效 → 缓存 存失 失效) plus its
last character alone: any substring of two or more characters is then a phrase of
adjacent bigrams, and one character is a prefix of a bigram or that last one.
Latin letters and digits form words, found by prefix, case-insensitively.
"""
import re

from topic.sanitize import block_text

CJK = ("\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf"
       "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f")
# A run of CJK characters, or a word of other letters and digits.
RUN = re.compile(f"([{CJK}]+)|((?:(?![{CJK}])[^\\W_])+)")
SNIPPET_LENGTH = 120
CONTEXT_BEFORE = 20
ELLIPSIS = "…"


def fold(text):
    """Case-folded, one character for one, so that offsets stay valid."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def readable_text(html):
    """The visible text of article HTML, blocks separated by a space."""
    return block_text(html or "")


def query_runs(q):
    """The parts of a query that must all match: each CJK run (as a substring) and each
    word (as a prefix) of every whitespace-separated term, folded. Duplicates go."""
    runs = []
    for match in RUN.finditer(fold(q)):
        if match.group(0) not in runs:
            runs.append(match.group(0))
    return runs


def is_cjk(run):
    return RUN.fullmatch(run).group(1) is not None


def bigrams(run):
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def index_tokens(text):
    """Space-separated tokens to index: words, and each CJK run's bigrams and last character."""
    tokens = []
    for match in RUN.finditer(fold(text or "")):
        if match.group(1):
            run = match.group(1)
            tokens.extend(bigrams(run))
            if len(run) > 1:
                tokens.append(run[-1])
        else:
            tokens.append(match.group(2))
    return " ".join(tokens)


def _hits(text, runs):
    """[start, end) of every occurrence of any run in `text`, merged and in order."""
    folded = fold(text)
    spans = []
    for run in runs:
        start = folded.find(run)
        while start != -1:
            spans.append([start, start + len(run)])
            start = folded.find(run, start + 1)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _window(body, start):
    """At most SNIPPET_LENGTH characters of `body` from `start`, with an ellipsis
    where text was left out."""
    if len(body) <= SNIPPET_LENGTH:
        return body
    start = max(0, min(start, len(body) - SNIPPET_LENGTH + 1))
    prefix = ELLIPSIS if start > 0 else ""
    room = SNIPPET_LENGTH - len(prefix)
    if start + room < len(body):
        return prefix + body[start:start + room - 1] + ELLIPSIS
    return prefix + body[start:]


def snippet(title, body, runs):
    """(snippet, matches): plain text of at most 120 characters around the first hit in
    the body (its start when only the title or tags matched; the title when there is no
    body), and the hits in it as [start, end) pairs."""
    body_hits = _hits(body, runs)
    if body_hits:
        text = _window(body, body_hits[0][0] - CONTEXT_BEFORE)
    elif body:
        text = _window(body, 0)
    else:
        text = title[:SNIPPET_LENGTH]
    return text, _hits(text, runs)
