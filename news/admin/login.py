"""The admin's login form."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AdminAuthenticationForm):
    """The admin's login form with the length of the name checked: Django's sets max_length
    after the field is made, so no validator ran, and django-axes then failed to record a
    failed login under a name longer than its column (a 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


admin.site.login_form = LoginForm
