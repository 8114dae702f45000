"""The embedded default: SQLite FTS5 over our own bigram tokens (search/text.py).

FTS5's `trigram` tokenizer would find Chinese substrings of three characters or more
but never a two-character word such as 博客; its `unicode61` tokenizer would take a
whole run of Chinese as one token. So the text is tokenized here (CJK runs into
bigrams, words folded) and FTS5 only splits on the spaces between tokens.

The FTS5 table's rowid is the document's rank key, so `ORDER BY rowid DESC` is the
ranking and FTS5 reads it straight from its index; the `scope` column holds the
visibility tokens (`_` is a token character here, so `_hid` is one token), which
makes visibility part of the MATCH. The topic id is an unindexed column.
"""
from django.db import connection

from search.backends.base import ALL, HIDDEN, TITLE, SqlBackend
from search.models import SearchDocument
from search.text import bigrams, index_tokens, is_cjk

TABLE = "search_fts"
TEXT = "{title tags body}"
# Prefix indexes (in characters) let FTS5 stream a prefix query of one of these
# lengths like a term (one CJK character; a word typed in part) instead of gathering
# every matching term's doclist first. Not 2: that would copy every CJK bigram.
PREFIXES = "1 3 4 5 6 7 8"


def create_table(cursor):
    cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
                   "topic_id UNINDEXED, title, tags, body, scope, "
                   "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\", "
                   f"prefix='{PREFIXES}')")


def fts_row(topic_id, rank, title, tags, body, scope):
    """The FTS5 row of one document (`tags` as stored: one name a line)."""
    return (rank, topic_id, index_tokens(title), index_tokens(tags.replace("\n", " ")),
            index_tokens(body), scope)


def insert_rows(cursor, rows):
    cursor.executemany(f"INSERT INTO {TABLE} (rowid, topic_id, title, tags, body, scope) "
                       "VALUES (%s, %s, %s, %s, %s, %s)", rows)


def phrase(run):
    """An FTS5 phrase for one run: the bigrams of a CJK run (adjacent, so the run as
    written); one CJK character or a word as a prefix (a bigram starting with the
    character, or the run's last character; the word's longer forms). A bigram phrase
    needs no prefix, and FTS5 streams an exact term but gathers a prefix's whole
    doclist first. Tokens hold only letters and digits, never a quote."""
    if is_cjk(run) and len(run) > 1:
        return '"' + " ".join(bigrams(run)) + '"'
    return f'"{run}" *'


def match_expression(runs, part, viewer_id, author_id):
    """The MATCH of one part: every run in the text, the author's tokens when narrowed
    to one blog, minus what the viewer may not see, plus or minus a title hit."""
    found = f"({TEXT} : (" + " AND ".join(phrase(run) for run in runs) + "))"
    if author_id is not None:
        found += f" AND (scope : _a{int(author_id)})"
    hidden = HIDDEN if viewer_id is None else f"({HIDDEN} NOT _h{int(viewer_id)})"
    found = f"({found}) NOT (scope : {hidden})"
    if part == ALL:
        return found
    in_title = "(title : (" + " OR ".join(phrase(run) for run in runs) + "))"
    return f"{in_title} AND ({found})" if part == TITLE else f"({found}) NOT {in_title}"


class Fts5Backend(SqlBackend):
    def index_documents(self, documents):
        ids = [document.topic_id for document in documents]
        old = list(SearchDocument.objects.filter(topic_id__in=ids).values_list("rank", flat=True))
        super().index_documents(documents)
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(rank,) for rank in old])
            insert_rows(cursor, [
                fts_row(document.topic_id, document.rank, document.title,
                        "\n".join(document.tags), document.body, document.scope)
                for document in documents])

    def remove(self, topic_id):
        old = list(SearchDocument.objects.filter(topic_id=topic_id).values_list("rank", flat=True))
        super().remove(topic_id)
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(rank,) for rank in old])

    def clear(self):
        super().clear()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def part(self, runs, part, *, viewer_id, author_id, offset, limit, count):
        expression = match_expression(runs, part, viewer_id, author_id)
        ids, total = [], None
        with connection.cursor() as cursor:
            if limit > 0:  # FTS5 walks the index newest first and stops after the page
                cursor.execute(f"SELECT topic_id FROM {TABLE} WHERE {TABLE} MATCH %s "
                               "ORDER BY rowid DESC LIMIT %s OFFSET %s", [expression, limit, offset])
                ids = [row[0] for row in cursor.fetchall()]
            if count:
                cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])
                total = cursor.fetchone()[0]
        return ids, total
