from django.db import migrations


class Migration(migrations.Migration):
    """Near-miss search on titles without a full scan: an IMMUTABLE wrapper of unaccent (the
    extension's own function is only STABLE, so it cannot be indexed) and a trigram index.
    Names are schema-qualified: PostgreSQL 17+ builds indexes with a bare search_path."""

    dependencies = [("news", "0008_photo_renditions_and_view_counts")]

    operations = [
        migrations.RunSQL(
            """
            CREATE FUNCTION news_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
            CREATE INDEX article_title_trgm_idx
                ON news_article USING gin (news_unaccent(title) gin_trgm_ops);
            """,
            """
            DROP INDEX article_title_trgm_idx;
            DROP FUNCTION news_unaccent(text);
            """,
        ),
    ]
