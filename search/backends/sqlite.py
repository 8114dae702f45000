"""The embedded default: SQLite FTS5 over our own bigram tokens (search/text.py).

FTS5's `trigram` tokenizer would find Chinese substrings of three characters or more
but never a two-character word such as 博客; its `unicode61` tokenizer would take a
whole run of Chinese as one token. So the text is tokenized here (CJK runs into
bigrams, words folded) and FTS5 only splits on the spaces between tokens.
"""
from django.db import connection

from search.backends.base import SqlBackend
from search.text import bigrams, index_tokens, is_cjk

TABLE = "search_fts"


def create_table(cursor):
    cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
                   "USING fts5(title, tags, body, tokenize='unicode61 remove_diacritics 0')")


def phrase(run):
    """An FTS5 prefix phrase for one run: the bigrams of a CJK run (adjacent, so the run
    as written), or the word; tokens hold only letters and digits, never a quote."""
    tokens = bigrams(run) if is_cjk(run) else [run]
    return '"' + " ".join(tokens) + '" *'


class Fts5Backend(SqlBackend):
    def index_documents(self, documents):
        super().index_documents(documents)
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s",
                               [(document.topic_id,) for document in documents])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, tags, body) VALUES (%s, %s, %s, %s)",
                [(document.topic_id, index_tokens(document.title),
                  index_tokens(" ".join(document.tags)), index_tokens(document.body))
                 for document in documents])

    def remove(self, topic_id):
        super().remove(topic_id)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [topic_id])

    def clear(self):
        super().clear()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def match_all(self, runs):
        return (f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",
                [" AND ".join(phrase(run) for run in runs)])

    def match_title(self, runs):
        return (f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",
                ["title : (" + " OR ".join(phrase(run) for run in runs) + ")"])
