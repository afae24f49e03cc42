# Pairs of neighbouring words for quoted phrases (news/search.py): the function that makes them
# from a search vector, a stored column computed by PostgreSQL on every write, and its index.
# On an existing archive the column is computed for every article once (about 1 ms each).
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

# Words at neighbouring positions of the vector, as "first second" (a lexeme has no space).
# IMMUTABLE: PostgreSQL may use it in a stored generated column.
PAIRS_FUNCTION = """
CREATE FUNCTION news_syllable_pairs(document tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(pair)), ''::tsvector)
  FROM (
    SELECT lexeme || ' ' || lead(lexeme) OVER byposition AS pair,
           lead(position) OVER byposition - position AS gap
    FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(document)) AS word
    WINDOW byposition AS (ORDER BY position)
  ) AS neighbours
  WHERE gap = 1
$$;
"""

# The pairs a phrase's articles must all hold, as a query (NULL for fewer than two words).
PHRASE_FUNCTION = """
CREATE FUNCTION news_phrase_pairs(phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(quote_literal(lexeme), ' & ')::tsquery
  FROM unnest(news_syllable_pairs(to_tsvector('vietnamese', phrase)))
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0014_announce_scheduled_publications'),
    ]

    operations = [
        migrations.RunSQL(
            PAIRS_FUNCTION + PHRASE_FUNCTION,
            "DROP FUNCTION news_phrase_pairs(text); DROP FUNCTION news_syllable_pairs(tsvector);",
        ),
        migrations.AddField(
            model_name='article',
            name='search_pairs',
            field=models.GeneratedField(db_persist=True, expression=models.Func('search_vector', function='news_syllable_pairs', output_field=django.contrib.postgres.search.SearchVectorField()), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='article',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_pairs'], name='article_search_pairs_idx'),
        ),
    ]
