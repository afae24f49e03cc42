"""Categories: the tree as the list shows it, found with or without accents."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from tree_queries.admin import TreeChangeList

from ..models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "path", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    # Found with or without accents ("quoc phong"), here and in the article form's picker.
    search_fields = ["name__unaccent__icontains"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "parent", "order", "description", "is_active"]

    class Media:
        js = ["admin/js/urlify.js", "news/admin/urlify_vi.js"]  # after the one it wraps

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


class PickerView(AutocompleteJsonView):
    """The admin's autocomplete (the article form's category picker), categories shown as the
    tree reads: each with its path of parents ("Tin tức - Sự kiện › An ninh - Quốc phòng"),
    indented by its depth, in the tree's order (CategoryAdmin.get_queryset)."""

    def get_context_data(self, *args, **kwargs):
        if self.model_admin.model is Category:
            self.names = dict(Category.objects.values_list("pk", "name"))
            self.parents = dict(Category.objects.values_list("pk", "parent_id"))
        return super().get_context_data(*args, **kwargs)

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Category):
            trail, at = [], obj.pk
            while at is not None and len(trail) < 50:
                trail.insert(0, self.names.get(at, ""))
                at = self.parents.get(at)
            result["text"] = "\u2003" * (len(trail) - 1) + " › ".join(trail)
        return result


def picker_view(request):
    return PickerView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = picker_view
