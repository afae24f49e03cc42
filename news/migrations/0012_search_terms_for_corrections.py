import django.contrib.postgres.indexes
from django.db import migrations, models


# news.search.LEARN_TERMS as it was, for every article.
LEARN_ALL_TERMS = """
    WITH words AS (
        SELECT regexp_split_to_array(lower(news_unaccent(field.text)), '[^a-z0-9]+') AS w
        FROM news_article article
        CROSS JOIN LATERAL (VALUES (article.title), (article.lead)) AS field(text)
        WHERE article.status = 'published'
    ), terms AS (
        SELECT w[i] AS term FROM words, generate_subscripts(w, 1) AS i WHERE w[i] ~ '^[a-z]+$'
        UNION ALL
        SELECT w[i] || ' ' || w[i + 1] FROM words, generate_subscripts(w, 1) AS i
        WHERE i < array_length(w, 1) AND w[i] ~ '^[a-z]+$' AND w[i + 1] ~ '^[a-z]+$'
    )
    INSERT INTO news_searchterm (term, seen)
    SELECT left(term, 200), count(*) FROM terms GROUP BY 1
"""


class Migration(migrations.Migration):
    """The lexicon that corrects misspelt queries (news/search.py), learnt from the published
    articles there are."""

    dependencies = [
        ('news', '0011_indexes_for_public_lists'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('term', models.CharField(max_length=200, primary_key=True, serialize=False, verbose_name='term')),
                ('seen', models.PositiveIntegerField(default=0, verbose_name='times seen')),
            ],
            options={
                'verbose_name': 'search term',
                'verbose_name_plural': 'search terms',
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['term'], name='searchterm_trgm_idx', opclasses=['gin_trgm_ops'])],
            },
        ),
        migrations.RunSQL(LEARN_ALL_TERMS, migrations.RunSQL.noop),
    ]
