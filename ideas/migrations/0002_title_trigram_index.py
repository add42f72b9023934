from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS idea_title_trgm ON ideas_idea USING gin (title gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS idea_title_trgm")


class Migration(migrations.Migration):
    """Trigram index for similar-idea hints, PostgreSQL only (SQLite computes the same measure in
    Python: ideas.similarity)."""

    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
