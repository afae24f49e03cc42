"""The site's settings: one row, never added twice nor deleted."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import MenuLink, SiteSettings


class MenuLinkInline(admin.TabularInline):
    """The main menu and the footer's links to other portals, in the order editors give."""

    model = MenuLink
    extra = 1
    fields = ["place", "order", "category", "url", "label"]
    autocomplete_fields = ["category"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    inlines = [MenuLinkInline]
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
