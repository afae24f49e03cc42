"""`manage.py make_renditions [--all]`: the smaller copies of photos stored before they existed.

New photos get theirs when they are uploaded (Photo.save). Safe to run again: without `--all`
it only looks at photos that have none, so a second run makes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from news import renditions
from news.models import Photo


class Command(BaseCommand):
    help = gettext_lazy(
        "Make the smaller copies (WebP, JPEG, social preview) of photos that have none, and "
        "remove location and other metadata from their originals."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help=gettext_lazy(
                "Make the copies of every photo again, e.g. after the sizes changed."
            ),
        )

    def handle(self, *args, everything=False, **options):
        photos = Photo.objects.order_by("pk")
        if not everything:
            photos = photos.filter(renditions={})
        made = failed = 0
        for photo in photos.iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    renditions.refresh(photo)
                    # An update, not save(): no revision for the editors' history, no side effects.
                    Photo.objects.filter(pk=photo.pk).update(
                        renditions=photo.renditions, width=photo.width, height=photo.height
                    )
            except Exception as exc:  # one missing or broken file must not stop the others
                failed += 1
                self.stderr.write(
                    _("Photo %(id)s (%(name)s): %(error)s")
                    % {"id": photo.pk, "name": photo.image.name, "error": exc}
                )
            else:
                made += 1
        self.stdout.write(
            ngettext(
                "Made the copies of %(count)d photo.",
                "Made the copies of %(count)d photos.",
                made,
            )
            % {"count": made}
        )
        if failed:
            self.stderr.write(
                ngettext(
                    "%(count)d photo could not be read.",
                    "%(count)d photos could not be read.",
                    failed,
                )
                % {"count": failed}
            )
