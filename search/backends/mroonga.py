"""The production stack: MariaDB's Mroonga engine (Groonga inside MariaDB).

InnoDB FULLTEXT cannot serve Chinese: its parser needs spaces between words, and its
ngram parser is MySQL's, not MariaDB's; `innodb_ft_min_token_size` (3) drops two-
character words such as 博客 anyway. Mroonga's default tokenizer (TokenBigram) indexes
CJK text as bigrams and Latin text as words, normalized case-insensitively by the
utf8mb4_unicode_ci collation, so the same queries as on SQLite work with no extra
service. `search_document` is a Mroonga table with a full-text index on (title, tags,
body), one on title and one on `scope` (TokenDelimit: the visibility tokens as
written), plus the `rank` column (search/migrations/0001, 0002). Mroonga tables are
not transactional, which is why documents are written after the article's
transaction commits.

Queries go to Groonga itself through Mroonga's `mroonga_command()` function: one
`select` matches, filters by visibility, sorts by `rank` and counts inside Groonga,
where a `SELECT COUNT(*) … MATCH` would hand every match to MariaDB one row at a
time (~9 ms per 50,000 matches) and could not combine the count with the page.
"""
import json

from django.db import connection

from search.backends.base import ALL, HIDDEN, TITLE, SqlBackend
from search.models import SearchDocument
from search.text import is_cjk

TABLE = SearchDocument._meta.db_table
TEXT = "title || tags || body"


def operand(run, column=""):
    """A CJK run as a phrase (its characters as written), a word as a prefix, in
    Groonga's query syntax, optionally on one column; runs hold only letters and
    digits, so no operator of the syntax can get in."""
    if is_cjk(run):
        return f'{column}:@"{run}"' if column else f'"{run}"'
    return f"{column}:^{run}" if column else f"{run}*"


def groonga_query(runs, part, viewer_id, author_id):
    """Every run (in title, tags or body), the author's token when narrowed to one
    blog, minus what the viewer may not see; and for TITLE/REST, with/without a
    title hit. Selective conditions come first: Groonga evaluates left to right."""
    terms = [operand(run) for run in runs]
    if author_id is not None:
        terms.append(f"scope:@_a{int(author_id)}")
    terms.append(f"-scope:@{HIDDEN}" if viewer_id is None
                 else f"-(scope:@{HIDDEN} -scope:@_h{int(viewer_id)})")
    if part == TITLE:
        terms.insert(0, "(" + " OR ".join(operand(run, "title") for run in runs) + ")")
    elif part != ALL:
        terms.extend("-" + operand(run, "title") for run in runs)
    return " ".join(terms)


def quoted(value):
    """A value of a Groonga command line."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class MroongaBackend(SqlBackend):
    """The documents table is the index: SqlBackend's writes are all it takes."""

    def part(self, runs, part, *, viewer_id, author_id, offset, limit, count):
        """Groonga counts every select's matches anyway: the count always comes."""
        command = (f"select {TABLE} --match_columns {quoted(TEXT)} "
                   f"--query {quoted(groonga_query(runs, part, viewer_id, author_id))} "
                   "--output_columns _key --cache no")
        if limit > 0:  # Groonga keeps the best `offset + limit` while it sorts
            command += f" --sort_keys -rank --offset {int(offset)} --limit {int(limit)}"
        else:
            command += " --limit 0"
        with connection.cursor() as cursor:
            cursor.execute("SELECT mroonga_command(%s)", [command])
            answer = cursor.fetchone()[0]
        result = json.loads(answer)[0]  # [[count], [[column, type]], [id], [id], ...]
        return [row[0] for row in result[2:]], result[0][0]
