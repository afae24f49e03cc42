from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.content import ACCOUNTS, NOTICE
from demo.loader import load_demo

# Where `make run` serves the site.
DEVELOPMENT_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    # Translated when the parser is built: argparse cannot format a lazy string.
    @property
    def help(self):
        return _(
            "Load the demo content (site settings, categories, articles with photos) and the "
            "demo accounts, then print the addresses and the accounts."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_(
                "Delete the demo articles, photos, categories, pages and broadcasts, then load them again."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even with DEBUG off. The demo passwords are public."),
        )

    def handle(self, *args, reset=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off: this looks like a live site, and the demo accounts have public "
                    "passwords. Use --force only on a test server."
                )
            )
        outcome = load_demo(reset=reset)
        if outcome.loaded:
            self.stdout.write(
                self.style.SUCCESS(
                    NOTICE["loaded"].format(
                        articles=outcome.articles,
                        photos=outcome.photos,
                        categories=outcome.categories,
                        pages=outcome.pages,
                        broadcasts=outcome.broadcasts,
                    )
                )
            )
        else:
            self.stdout.write(NOTICE["skipped"])
        self.stdout.write(accounts_notice())


def accounts_notice():
    """The addresses and a table of the demo accounts, aligned for a terminal."""
    rows = [NOTICE["columns"], *((a.role, a.username, a.password) for a in ACCOUNTS)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    table = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    table.insert(1, "  ".join("-" * w for w in widths))
    labels = max(len(NOTICE["site"]), len(NOTICE["admin"]))
    admin_url = DEVELOPMENT_URL + settings.ADMIN_URL.lstrip("/")
    return "\n".join(
        [
            "",
            f"{NOTICE['site'].ljust(labels)}  {DEVELOPMENT_URL}",
            f"{NOTICE['admin'].ljust(labels)}  {admin_url}",
            "",
            NOTICE["accounts"],
            *(f"  {line.rstrip()}" for line in table),
            "",
        ]
    )
