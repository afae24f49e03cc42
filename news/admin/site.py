"""The site's settings: one row, never added twice nor deleted."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["portal_name", "station_name", "tagline", "logo", "share_image"]}),
        (
            _("Contact"),
            {
                "fields": [
                    "responsible_body",
                    "responsible_person",
                    "permit",
                    "address",
                    "phone",
                    "email",
                    "licence",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
