"""Documents carry their rank key and visibility tokens (search/backends/base.py), so a
query is answered by the engine alone. Existing documents get both from their article
(documents of articles that are gone are dropped); on SQLite the FTS5 table is made
again with its new shape (rowid = rank, topic_id, scope) from the stored documents; on
MariaDB `scope` gets its own full-text index and `mroonga_command()` is made available."""
from django.db import migrations, models

CHUNK = 1000
MROONGA_COMMAND_MISSING = (
    "Search queries need Mroonga's mroonga_command() function: run "
    "CREATE FUNCTION mroonga_command RETURNS STRING SONAME 'ha_mroonga.so' as a database "
    "administrator (bin/install-mroonga does it), then migrate again (docs/search.md).")


def fill(apps, schema_editor):
    from search.backends.base import rank_key, scope_tokens

    SearchDocument = apps.get_model("search", "SearchDocument")
    Topic = apps.get_model("topic", "Topic")
    ids = list(SearchDocument.objects.order_by("topic_id").values_list("topic_id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        topics = {topic.pk: topic for topic in Topic.objects.filter(pk__in=chunk).only(
            "id", "created_time", "author_id", "limit", "status")}
        SearchDocument.objects.filter(topic_id__in=set(chunk) - set(topics)).delete()
        documents = list(SearchDocument.objects.filter(topic_id__in=topics).only("topic_id"))
        for document in documents:
            topic = topics[document.topic_id]
            document.rank = rank_key(topic.created_time, topic.pk)
            document.scope = scope_tokens(
                topic.author_id, topic.limit == "public" and topic.status == "published")
        SearchDocument.objects.bulk_update(documents, ["rank", "scope"])


def build_index(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            from search.backends.sqlite import create_table, fts_row, insert_rows

            cursor.execute("DROP TABLE IF EXISTS search_fts")
            create_table(cursor)
            SearchDocument = apps.get_model("search", "SearchDocument")
            rows = SearchDocument.objects.order_by("topic_id").values_list(
                "topic_id", "rank", "title", "tags", "body", "scope")
            batch = []
            for row in rows.iterator(chunk_size=CHUNK):
                batch.append(fts_row(*row))
                if len(batch) == CHUNK:
                    insert_rows(cursor, batch)
                    batch = []
            insert_rows(cursor, batch)
        elif connection.vendor == "mysql":
            cursor.execute("ALTER TABLE search_document ADD FULLTEXT INDEX search_document_scope "
                           "(scope) COMMENT 'tokenizer \"TokenDelimit\"'")
            cursor.execute("SELECT COUNT(*) FROM mysql.func WHERE name = 'mroonga_command'")
            if not cursor.fetchone()[0]:
                try:
                    cursor.execute("CREATE FUNCTION mroonga_command RETURNS STRING "
                                   "SONAME 'ha_mroonga.so'")
                except Exception as error:
                    raise RuntimeError(MROONGA_COMMAND_MISSING) from error


def drop_index(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
            cursor.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, tags, body, "
                           "tokenize='unicode61 remove_diacritics 0')")
            # the old shape is refilled by `manage.py rebuild_search_index`
        elif connection.vendor == "mysql":
            cursor.execute("ALTER TABLE search_document DROP INDEX search_document_scope")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
        ("topic", "0004_writing_and_discovery"),
    ]

    operations = [
        migrations.AddField("searchdocument", "rank", models.BigIntegerField(default=0)),
        migrations.AddField("searchdocument", "scope",
                            models.CharField(blank=True, default="", max_length=64)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(build_index, drop_index),
    ]
