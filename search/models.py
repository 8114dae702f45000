from django.db import models


class SearchDocument(models.Model):
    """What search knows of one article: the text it may be found by and quote from.

    For a paid article that is the title, the tags and the free part only, so neither
    a match nor a snippet can ever reveal the paid part. Every backend keeps these rows
    (snippets are cut from them); the index proper lives beside them: an FTS5 table on
    SQLite, Mroonga full-text indexes on this very table on MariaDB (docs/search.md).
    """

    topic_id = models.BigIntegerField(primary_key=True)  # no foreign key: Mroonga has none
    title = models.CharField(max_length=200)
    tags = models.CharField(max_length=200, blank=True, default="")
    body = models.TextField(blank=True, default="")
    # What the engine ranks and filters by (search/backends/base.py): newer first,
    # and who may see it, so a query never joins its matches to `topic`.
    rank = models.BigIntegerField(default=0)
    scope = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        db_table = "search_document"
