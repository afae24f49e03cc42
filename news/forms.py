from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The public search box and its filters. Never rejects the words typed: they are cleaned.

    The categories offered come from the cached category tree (news/navigation.py), in menu
    order, each subcategory indented under its parent.
    """

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    category = forms.ChoiceField(label=_("Category"), required=False)
    date_from = forms.DateField(label=_("From (dd/mm/yyyy)"), required=False)
    date_to = forms.DateField(label=_("To (dd/mm/yyyy)"), required=False)

    def __init__(self, *args, tree, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.path, "— " * depth + category.name) for category, depth in tree.outline()
        ]

    def clean_category(self):
        path = self.cleaned_data["category"]
        return self.tree.get(path) if path else None
