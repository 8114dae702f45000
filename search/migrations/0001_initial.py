from django.db import migrations, models

MROONGA_MISSING = (
    "The search index needs MariaDB's Mroonga engine: apt-get install mariadb-plugin-mroonga, "
    "then INSTALL SONAME 'ha_mroonga' (docs/search.md).")


def mroonga_available(cursor):
    cursor.execute("SELECT SUPPORT FROM information_schema.ENGINES WHERE ENGINE = 'Mroonga'")
    row = cursor.fetchone()
    return row is not None and row[0] in ("YES", "DEFAULT")


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            from search.backends.sqlite import create_table

            create_table(cursor)
        elif connection.vendor == "mysql":
            if not mroonga_available(cursor):
                try:  # the plugin file may be there without being loaded
                    cursor.execute("INSTALL SONAME 'ha_mroonga'")
                except Exception as error:
                    raise RuntimeError(MROONGA_MISSING) from error
            cursor.execute(
                "ALTER TABLE search_document ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 "
                "COLLATE=utf8mb4_unicode_ci, "
                "ADD FULLTEXT INDEX search_document_all (title, tags, body), "
                "ADD FULLTEXT INDEX search_document_title (title)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):

    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("topic_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("title", models.CharField(max_length=200)),
                ("tags", models.CharField(blank=True, default="", max_length=200)),
                ("body", models.TextField(blank=True, default="")),
            ],
            options={"db_table": "search_document"},
        ),
        migrations.RunPython(create_index, drop_index),
    ]
