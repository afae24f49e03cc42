from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The public search box and its filters. Never rejects the words typed: they are cleaned.

    The categories offered come from the cached category tree (news/navigation.py), in menu
    order, each subcategory indented under its parent.
    """

    # A filter that is not valid is said so next to it and left out: the search goes on
    # (news/views.py), so the message says what happened.
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    # A category's path, looked up in the tree: its list of choices is written only when the
    # page's cached list of options is (search.html), not on every search (1.8 ms of a province's
    # 310 categories).
    category = forms.CharField(label=_("Category"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("article", _("Articles")),
            ("page", _("Pages")),
            ("radio", _("Radio")),
        ],
        error_messages={"invalid_choice": _("There is no such type: everything was searched.")},
    )
    date_from = forms.DateField(
        label=_("From (day/month/year)"),
        required=False,
        error_messages={"invalid": _("Type a date as day/month/year, e.g. 30/11/2026.")},
    )
    date_to = forms.DateField(
        label=_("To (day/month/year)"),
        required=False,
        error_messages={"invalid": _("Type a date as day/month/year, e.g. 30/11/2026.")},
    )

    def __init__(self, *args, tree, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree

    def category_choices(self):
        """(path, label) of every category offered, "all" first."""
        return [("", _("All categories"))] + [
            (category.path, "— " * depth + category.name) for category, depth in self.tree.outline()
        ]

    def clean_category(self):
        path = self.cleaned_data["category"]
        if not path:
            return None
        category = self.tree.get(path)
        if category is None:
            raise forms.ValidationError(
                _("There is no such category: all categories were searched."), code="invalid_choice"
            )
        return category


class PreviewLinkForm(forms.Form):
    """The preview-link buttons of the admin: create one for some hours, or revoke one."""

    HOURS = 48, 1, 720  # default, shortest, longest

    action = forms.ChoiceField(choices=[("create", "create"), ("revoke", "revoke")])
    # Any number of hours is taken (within bounds): the buttons send one of a few values.
    hours = forms.IntegerField(required=False)
    link = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "revoke" and cleaned.get("link") is None:
            raise forms.ValidationError("no link", code="required")
        return cleaned

    def valid_hours(self):
        default, shortest, longest = self.HOURS
        hours = self.cleaned_data["hours"]
        return default if hours is None else max(shortest, min(hours, longest))
