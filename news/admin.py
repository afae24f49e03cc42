from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from tree_queries.admin import TreeChangeList

from .models import Article, Category, Photo, SiteSettings


def thumbnail(url, alt=""):
    if not url:
        return "—"
    return format_html('<img src="{}" alt="{}" class="news-thumb" width="80">', url, alt)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "path", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}

    class Media:
        js = ["admin/js/urlify.js", "news/admin/urlify_vi.js"]  # after the one it wraps

    fields = ["name", "slug", "parent", "order", "description", "is_active"]

    def get_queryset(self, request):
        # Depth-first with siblings by their order: the admin list reads as the tree.
        return super().get_queryset(request).with_tree_fields().order_siblings_by("order", "name")

    def get_changelist(self, request, **kwargs):
        return TreeChangeList

    @admin.display(description=_("name"))
    def indented_name(self, obj):
        return format_html(
            '<span style="padding-left:{}em">{}{}</span>',
            2 * obj.tree_depth,
            "└ " if obj.tree_depth else "",
            obj.name,
        )


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 1
    fields = [("image", "preview"), "caption", ("alt_text", "is_decorative"), ("credit", "order")]
    readonly_fields = ["preview"]
    ordering = ["order", "pk"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.image.url if obj.image else "", obj.alt_text)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "list_thumbnail",
        "category",
        "status",
        "published_at",
        "author",
        "is_featured",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "category", "published_at", "is_featured"]
    list_select_related = ["category", "author"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}

    class Media:
        js = ["admin/js/urlify.js", "news/admin/urlify_vi.js"]  # after the one it wraps

    autocomplete_fields = ["category"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Classification"), {"fields": ["category", "source", "is_featured"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "author"]}),
    ]

    def get_queryset(self, request):
        first_photo = Photo.objects.filter(article=OuterRef("pk")).order_by("order", "pk")
        return (
            super()
            .get_queryset(request)
            .annotate(first_photo=Subquery(first_photo.values("image")[:1]))
        )

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        if not obj.first_photo:
            return "—"
        return thumbnail(Photo.image.field.storage.url(obj.first_photo))

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("source", SiteSettings.load().station_name)
        initial.setdefault("author", request.user.pk)
        return initial

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["portal_name", "station_name", "tagline", "logo"]}),
        (_("Contact"), {"fields": ["responsible_body", "address", "phone", "email", "licence"]}),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
