import time

from django.core.management.base import BaseCommand, CommandError

from demo.archive import PHOTO_POOL, generate
from news.models import Article, Category


class Command(BaseCommand):
    help = (
        "Fill an empty database with a generated archive of N articles (categories, photos, "
        "view counts) for benchmarks: `make bench` runs it on a database of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("articles", type=int)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--pool", type=int, default=PHOTO_POOL, help="Real pictures the photos share."
        )

    def handle(self, *args, articles, seed, pool, verbosity, **options):
        self.verbosity = verbosity
        if Article.objects.exists() or Category.objects.exists():
            raise CommandError("The database already holds articles or categories.")
        start = time.monotonic()
        summary = generate(articles, seed=seed, pool_size=pool, progress=self._progress)
        self.stdout.write(
            f"{summary.articles} articles ({summary.published} public), {summary.photos} photos, "
            f"{summary.categories} categories in {time.monotonic() - start:.0f} s"
        )

    def _progress(self, message):
        if self.verbosity > 1:
            self.stderr.write(message)
