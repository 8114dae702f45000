"""The interface every search backend implements, and what the SQL ones share.

A backend indexes documents (`index_documents`), forgets them (`remove`, `clear`) and
answers `query(runs, viewer_id=, author_id=, offset=, limit=)`: the topic ids, in rank
order, of the articles in which every run matches and that the viewer may see, and
how many there are. The engine does all of it (matching, visibility, ranking,
counting) over its own index, never joining the matches to `topic`, so a query costs
what the engine's posting lists cost, not a join per match (docs/search.md).

So each document carries, beside its text:
- `rank`, the ranking key: `created_time` (whole seconds since 1970) shifted left by
  24 bits, plus the low 24 bits of the topic id. Newer first is `rank` descending;
  articles of the same second come newest id first, exactly while ids stay below
  2**24 (16,777,216 articles); any date of years 1–9999 fits in a signed 64-bit integer.
- `scope`, the visibility tokens: `_a<author id>` on every document, and `_hid
  _h<author id>` on one that is not both public and published. A viewer sees every
  document except those with `_hid` and without their own `_h<id>`; a visitor, every
  document without `_hid`. The tokens start with `_`, which a query run (letters and
  digits only) never contains, so nothing typed can match them.

Visibility, status and `created_time` change only through topic.services, which
announces `topic_changed`; search.receivers then writes the document again (and a
deleted article, its author's deletion included, is removed). The selector still
checks the page of ids against `Topic.objects.visible_to(viewer)`, so a stale
document can never show an article the viewer may not read.

Every backend also keeps the SearchDocument rows snippets are cut from. A dedicated
engine (Elasticsearch/OpenSearch) would implement the same four methods.
"""
import math
from dataclasses import dataclass, field
from datetime import datetime

from search.models import SearchDocument

ID_BITS = 24
HIDDEN = "_hid"


def rank_key(created_time, topic_id):
    """Newer first, then the higher id (exact for ids below 2**24)."""
    seconds = math.floor(created_time.timestamp())
    return (seconds << ID_BITS) | (topic_id & ((1 << ID_BITS) - 1))


def scope_tokens(author_id, public):
    """The visibility tokens of a document; `public` = public and published."""
    return f"_a{author_id}" if public else f"_a{author_id} {HIDDEN} _h{author_id}"


@dataclass
class Document:
    topic_id: int
    title: str
    tags: list = field(default_factory=list)
    body: str = ""
    author_id: int = 0
    public: bool = False  # public and published: anyone may find it
    created_time: datetime = None

    @property
    def rank(self):
        return rank_key(self.created_time, self.topic_id)

    @property
    def scope(self):
        return scope_tokens(self.author_id, self.public)

    def row(self):
        return SearchDocument(topic_id=self.topic_id, title=self.title,
                              tags="\n".join(self.tags), body=self.body,
                              rank=self.rank, scope=self.scope)


# The parts of a ranked result: title hits come first, then the rest.
ALL, TITLE, REST = "all", "title", "rest"


class SearchBackend:
    def index_document(self, document):
        self.index_documents([document])

    def index_documents(self, documents):
        raise NotImplementedError

    def remove(self, topic_id):
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    def query(self, runs, *, viewer_id=None, author_id=None, offset=0, limit=20):
        """(topic ids of the page, total): every run matches; articles whose title
        matches any run first, then newer first; only what `viewer_id` (None for a
        visitor) may see; only `author_id`'s articles when given."""
        raise NotImplementedError


class SqlBackend(SearchBackend):
    """A backend whose index lives in the article database next to the SearchDocument
    rows. It answers `part(...)` for ALL, TITLE (also matching a run in the title) and
    REST (matching none in the title), each already narrowed to what the viewer may
    see; `query` pages across the title/rest boundary with as few counts as it can
    (counting every match is what costs: reading a page of a rank-ordered index stops
    after the page)."""

    def part(self, runs, part, *, viewer_id, author_id, offset, limit, count):
        """(ids of that part in rank order from `offset`, at most `limit` (0: none),
        and the part's count when `count` is true or comes free, else None)."""
        raise NotImplementedError

    def query(self, runs, *, viewer_id=None, author_id=None, offset=0, limit=20):
        if not runs:
            return [], 0
        scope = {"viewer_id": viewer_id, "author_id": author_id}
        ids, titled = self.part(runs, TITLE, offset=offset, limit=limit, count=False, **scope)
        if len(ids) < limit:  # the page reaches past the title hits
            if titled is None:  # a short page ends them; an empty one may be past them
                titled = (offset + len(ids) if ids or not offset else
                          self.part(runs, TITLE, offset=0, limit=0, count=True, **scope)[1])
            rest, untitled = self.part(runs, REST, offset=max(0, offset - titled),
                                       limit=limit - len(ids), count=False, **scope)
            ids += rest
            if untitled is not None:
                return ids, titled + untitled
        return ids, self.part(runs, ALL, offset=0, limit=0, count=True, **scope)[1]

    def index_documents(self, documents):
        ids = [document.topic_id for document in documents]
        SearchDocument.objects.filter(topic_id__in=ids).delete()
        SearchDocument.objects.bulk_create([document.row() for document in documents])

    def remove(self, topic_id):
        SearchDocument.objects.filter(topic_id=topic_id).delete()

    def clear(self):
        SearchDocument.objects.all().delete()  # not TRUNCATE: DDL would commit a transaction
