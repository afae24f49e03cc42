import pytest
from django.contrib.auth.models import Group

from news import roles

pytestmark = pytest.mark.django_db


def test_migration_creates_the_three_editorial_groups_with_their_permissions():
    for name, permissions in roles.PERMISSIONS.items():
        group = Group.objects.get(name=name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(permissions), name
