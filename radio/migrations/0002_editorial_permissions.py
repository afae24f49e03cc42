from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: the radio permissions each editorial group gets (the same roles as for articles).
GRANTS = {
    "Phóng viên": [
        "add_broadcast",
        "change_broadcast",
        "view_broadcast",
        "view_programme",
        "submit_broadcast",
    ],
    "Biên tập viên": [
        "add_broadcast",
        "change_broadcast",
        "view_broadcast",
        "view_programme",
        "submit_broadcast",
        "review_broadcast",
    ],
    "Lãnh đạo duyệt tin": [
        "add_broadcast",
        "change_broadcast",
        "delete_broadcast",
        "view_broadcast",
        "add_programme",
        "change_programme",
        "view_programme",
        "submit_broadcast",
        "review_broadcast",
        "publish_broadcast",
    ],
}


def grant(apps, schema_editor):
    radio_config = apps.get_app_config("radio")
    radio_config.models_module = True
    create_permissions(radio_config, verbosity=0, apps=apps)
    radio_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="radio", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("radio", "0001_broadcasts"),
        ("news", "0020_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
