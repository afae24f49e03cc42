"""Pages (Giới thiệu, Liên hệ, the English introduction): a small tree, written and published
through the same workflow as articles (EditorialAdmin)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import body_photos
from ..models import Page
from .editorial import EditorialAdmin, EditorialForm


class PageAdminForm(EditorialForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "lead", "body", "parent", "order", "language", "author"]
        labels = {"parent": _("parent page")}
        help_texts = {"parent": _("Empty: a page at the top, e.g. “Giới thiệu”.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The photos placed in the body with their current caption and alternative text.
            photos = list(self.instance.photos.all())
            self.initial["body"] = body_photos.refresh(self.initial.get("body", ""), photos)


@admin.register(Page)
class PageAdmin(EditorialAdmin):
    form = PageAdminForm
    change_form_template = "admin/news/page/change_form.html"
    list_display = ["indented_title", "address", "state", "language", "author", "updated_at"]
    list_display_links = ["indented_title"]
    list_filter = ["status", "language"]
    list_select_related = ["author"]
    search_fields = ["title", "lead"]
    ordering = ["path"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Place in the tree"), {"fields": ["parent", "order", "language", "author"]}),
    ]

    class Media:
        js = ["admin/js/urlify.js", "news/admin/urlify_vi.js"]
        css = {"all": ["news/admin/newsroom.css"]}

    @admin.display(description=_("title"), ordering="path")
    def indented_title(self, page):
        return format_html("{}{}", "— " * page.path.count("/"), page.title)

    @admin.display(description=_("address"))
    def address(self, page):
        return page.get_absolute_url()

    @admin.display(description=_("state"), ordering="status")
    def state(self, page):
        return page.get_status_display()

    def save_related_content(self, request, form, formsets, change):
        changed = super().save_related_content(request, form, formsets, change)
        body_photos.drop_unplaced(form.instance)
        return changed

    def view_on_site(self, page):
        # Only a public page has an address that answers.
        return page.get_absolute_url() if page.status == "published" else None
