"""The production stack: MariaDB's Mroonga engine (Groonga inside MariaDB).

InnoDB FULLTEXT cannot serve Chinese: its parser needs spaces between words, and its
ngram parser is MySQL's, not MariaDB's; `innodb_ft_min_token_size` (3) drops two-
character words such as 博客 anyway. Mroonga's default tokenizer (TokenBigram) indexes
CJK text as bigrams and Latin text as words, normalized case-insensitively by the
utf8mb4_unicode_ci collation, so the same queries as on SQLite work with no extra
service. The `search_document` table is a Mroonga table with two full-text indexes
(search/migrations/0001_initial.py); Mroonga tables are not transactional, which is
why documents are written after the article's transaction commits.
"""
from search.backends.base import SqlBackend
from search.models import SearchDocument
from search.text import is_cjk

TABLE = SearchDocument._meta.db_table


def operand(run):
    """A CJK run as a phrase (its characters as written), a word as a prefix; runs hold
    only letters and digits, so no operator of the boolean syntax can get in."""
    return f'"{run}"' if is_cjk(run) else f"{run}*"


class MroongaBackend(SqlBackend):
    """The documents table is the index: SqlBackend's writes are all it takes."""

    def match_all(self, runs):
        return (f"SELECT topic_id FROM {TABLE} WHERE MATCH (title, tags, body) "
                "AGAINST (%s IN BOOLEAN MODE)", [" ".join("+" + operand(run) for run in runs)])

    def match_title(self, runs):
        return (f"SELECT topic_id FROM {TABLE} WHERE MATCH (title) AGAINST (%s IN BOOLEAN MODE)",
                [" ".join(operand(run) for run in runs)])
