from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category


class SearchForm(forms.Form):
    """The public search box and its filters. Never rejects the words typed: they are cleaned."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.active().order_by("path"),
        required=False,
        empty_label=_("All categories"),
        to_field_name="path",
    )
    date_from = forms.DateField(label=_("From (dd/mm/yyyy)"), required=False)
    date_to = forms.DateField(label=_("To (dd/mm/yyyy)"), required=False)
