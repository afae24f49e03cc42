from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """unaccent folds Vietnamese accents for search; pg_trgm finds near-miss spellings."""

    initial = True
    dependencies = []
    operations = [UnaccentExtension(), TrigramExtension()]
