"""The interface every search backend implements, and what the SQL ones share.

A backend indexes documents (`index_document`), forgets them (`remove`, `clear`) and
answers `query(runs, candidates, offset=, limit=)`: the ids of the `candidates` (a
Topic queryset that already says who may see what, and whose articles) in which every
run matches, title hits first, then newer first, and how many there are. Visibility is
never the index's business: it is applied by `candidates`, at query time, so an
article made private or deleted leaves the results at once.

Every backend also keeps the SearchDocument rows snippets are cut from. A dedicated
engine (Elasticsearch/OpenSearch) would implement the same four methods; see
docs/search.md for what changes then.
"""
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from search.models import SearchDocument


@dataclass
class Document:
    topic_id: int
    title: str
    tags: list = field(default_factory=list)
    body: str = ""

    def row(self):
        return SearchDocument(topic_id=self.topic_id, title=self.title,
                              tags="\n".join(self.tags), body=self.body)


class SearchBackend:
    def index_document(self, document):
        self.index_documents([document])

    def index_documents(self, documents):
        raise NotImplementedError

    def remove(self, topic_id):
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    def query(self, runs, candidates, *, offset, limit):
        raise NotImplementedError


class SqlBackend(SearchBackend):
    """A backend whose index lives in the article database: matching is a subquery of
    topic ids, so the visibility filter, the count and the ordering are one SQL query."""

    def match_all(self, runs):
        """(sql, params) selecting the ids of documents where every run matches."""
        raise NotImplementedError

    def match_title(self, runs):
        """(sql, params) selecting the ids of documents whose title matches any run."""
        raise NotImplementedError

    def index_documents(self, documents):
        ids = [document.topic_id for document in documents]
        SearchDocument.objects.filter(topic_id__in=ids).delete()
        SearchDocument.objects.bulk_create([document.row() for document in documents])

    def remove(self, topic_id):
        SearchDocument.objects.filter(topic_id=topic_id).delete()

    def clear(self):
        SearchDocument.objects.all().delete()  # not TRUNCATE: DDL would commit a transaction

    def query(self, runs, candidates, *, offset, limit):
        if not runs:
            return [], 0
        found = candidates.filter(id__in=RawSQL(*self.match_all(runs)))
        total = found.count()
        if total <= offset:
            return [], total
        topic_id = f"{connection.ops.quote_name(candidates.model._meta.db_table)}.{connection.ops.quote_name('id')}"
        title_sql, title_params = self.match_title(runs)
        title_hit = RawSQL(f"{topic_id} IN ({title_sql})", title_params, output_field=BooleanField())
        ranked = (found.annotate(title_hit=title_hit)
                  .order_by("-title_hit", "-created_time", "-id")
                  .values_list("id", flat=True)[offset:offset + limit])
        return list(ranked), total
