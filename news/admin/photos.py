"""An article's photo list (the inline of its form)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import body_photos, proposals
from ..models import Article, Photo
from ..sanitize import clean_html


def thumbnail(url, alt=""):
    if not url:
        return "—"
    return format_html('<img src="{}" alt="{}" class="news-thumb" width="80">', url, alt)


class PhotoFormSet(BaseInlineFormSet):
    def get_queryset(self):
        # A published article's open change gives its photos the texts it proposes.
        if not hasattr(self, "_photos"):
            photos = list(super().get_queryset())
            self._photos = proposals.photos_as_proposed(
                photos, proposals.open_change(self.instance)
            )
        return self._photos

    def clean(self):
        super().clean()
        # A photo still placed in the body would leave a hole there (news/body_photos.py).
        placed = {
            place.photo_id: place
            for place in body_photos.placed(clean_html(self.data.get("body", "")))
        }
        for form in self.forms:
            self._refuse_two_texts(form, placed.get(form.instance.pk))
        # (An error on a form that is deleted would not count: the whole list refuses.)
        if any(
            form.instance.pk in placed and self._should_delete_form(form) for form in self.forms
        ):
            raise ValidationError(
                gettext(
                    "This photo stands in the body: take it out of the body first, then delete "
                    "it here."
                ),
                code="placed_photo",
            )

    def _refuse_two_texts(self, form, place):
        """A caption or alternative text changed in this row and, otherwise, under the same
        photo in the body: one of the two would be lost, so the form asks which to keep."""
        if place is None or not hasattr(form, "cleaned_data") or self._should_delete_form(form):
            return
        for name, in_body in (("caption", place.caption), ("alt_text", place.alt)):
            if (
                name in form.changed_data
                and in_body
                and in_body != form.initial.get(name)
                and in_body != form.cleaned_data.get(name)
            ):
                form.add_error(
                    name,
                    ValidationError(
                        gettext(
                            "This text was also changed under the photo in the body, "
                            "differently (“%(in_body)s”): write the one to keep in both places."
                        )
                        % {"in_body": in_body},
                        code="changed_twice",
                    ),
                )

    def ask_again_for_dropped_uploads(self):
        """In a save that was refused, say next to each good upload that it was not kept.

        Nothing of a refused save is stored, and a browser cannot fill a file input again,
        so a good upload beside a refused one would come back silently empty. We ask for it
        again rather than keep it in a temporary file: nothing to clean up, nothing half saved.
        """
        for form in self.forms:
            if (
                form.files.get(form.add_prefix("image"))
                and "image" not in form.errors
                and not self._should_delete_form(form)
            ):
                form.add_error(
                    "image",
                    ValidationError(
                        gettext(
                            "This file was not saved because the form has errors elsewhere: "
                            "choose it again."
                        ),
                        code="upload_not_kept",
                    ),
                )


class PhotoInline(admin.StackedInline):
    model = Photo
    formset = PhotoFormSet
    extra = 1
    fields = [("image", "preview"), "caption", ("alt_text", "is_decorative"), ("credit", "order")]
    readonly_fields = ["preview"]
    ordering = ["order", "pk"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.stored_image_url, obj.alt_text)

    # Photos follow their article: whoever may not edit the article may not edit its photos.
    def _article_editable(self, request, obj):
        return self.admin_site.get_model_admin(Article).has_change_permission(request, obj)

    # A proposed change holds its photos' texts and the photos it deletes; adding photos to a
    # live article through this list is a leader's direct work (news/proposals.py).
    def has_add_permission(self, request, obj):
        return (
            super().has_add_permission(request, obj)
            and self._article_editable(request, obj)
            and not proposals.goes_to_change(obj, request.user)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)
