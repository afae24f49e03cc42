"""Programmes and their broadcasts. A broadcast goes through the articles' workflow
(news/admin/editorial.py): a reporter uploads it, an editor reviews it, a leader publishes it."""

from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from news.admin.editorial import EditorialAdmin, EditorialForm
from news.dates import local_datetime

from .models import Broadcast, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]

    class Media:
        js = ["admin/js/urlify.js", "news/admin/urlify_vi.js"]


class BroadcastAdminForm(EditorialForm):
    class Meta:
        model = Broadcast
        fields = [
            "programme",
            "number",
            "aired_at",
            "audio",
            "summary",
            "transcript",
            "cover",
            "author",
        ]

    def clean_audio(self):
        audio = self.cleaned_data["audio"]
        if isinstance(audio, UploadedFile):  # a new file; otherwise the stored one, unchanged
            # Refused here, nothing is stored: Django writes the file when the row is saved.
            self.instance.take_audio(audio)
        return audio


@admin.register(Broadcast)
class BroadcastAdmin(EditorialAdmin):
    form = BroadcastAdminForm
    change_form_template = "admin/news/page/change_form.html"
    list_display = ["heading", "aired", "length", "state", "author"]
    list_filter = ["programme", "status", "aired_at"]
    list_select_related = ["programme", "author"]
    search_fields = ["summary", "transcript", "programme__name"]
    date_hierarchy = "aired_at"
    fieldsets = [
        (None, {"fields": ["programme", "number", "aired_at", "audio"]}),
        (_("Contents"), {"fields": ["summary", "transcript", "cover", "author"]}),
    ]

    class Media:
        css = {"all": ["news/admin/newsroom.css"]}

    @admin.display(description=_("title"))
    def heading(self, broadcast):
        return broadcast.title

    @admin.display(description=_("broadcast time"), ordering="aired_at")
    def aired(self, broadcast):
        return local_datetime(broadcast.aired_at, "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("length"))
    def length(self, broadcast):
        return broadcast.duration_text()

    @admin.display(description=_("state"), ordering="status")
    def state(self, broadcast):
        return broadcast.get_status_display()

    def view_on_site(self, broadcast):
        return broadcast.get_absolute_url() if broadcast.status == "published" else None
