from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from news import roles

pytestmark = pytest.mark.django_db


def test_migration_creates_the_three_editorial_groups_with_their_permissions():
    # Run the migrations' own functions on an empty table, as on a new database: the groups
    # present now may have been made by tests/conftest.py after another test's flush.
    Group.objects.filter(name__in=roles.PERMISSIONS).delete()
    state = MigrationLoader(connection).project_state(("news", "0020_pages"))
    import_module("news.migrations.0003_editorial_groups").create_groups(state.apps, None)
    import_module("news.migrations.0005_workflow_permissions").grant(state.apps, None)
    import_module("news.migrations.0020_pages").grant(state.apps, None)
    radio_state = MigrationLoader(connection).project_state(("radio", "0002_editorial_permissions"))
    import_module("radio.migrations.0002_editorial_permissions").grant(radio_state.apps, None)

    for name, permissions in roles.PERMISSIONS.items():
        group = Group.objects.get(name=name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(permissions), name
