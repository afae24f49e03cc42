from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen copy of news.roles at the time of this migration: later changes get a new migration.
GROUPS = {
    "Phóng viên": [
        "add_article", "change_article", "view_article",
        "add_photo", "change_photo", "delete_photo", "view_photo",
        "view_category",
    ],
    "Biên tập viên": [
        "add_article", "change_article", "view_article",
        "add_photo", "change_photo", "delete_photo", "view_photo",
        "add_category", "change_category", "view_category",
    ],
    "Lãnh đạo duyệt tin": [
        "add_article", "change_article", "delete_article", "view_article",
        "add_photo", "change_photo", "delete_photo", "view_photo",
        "add_category", "change_category", "delete_category", "view_category",
        "change_sitesettings", "view_sitesettings",
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    news_config = apps.get_app_config("news")
    news_config.models_module = True
    create_permissions(news_config, verbosity=0, apps=apps)
    news_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
