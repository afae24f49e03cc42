from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: the workflow permissions each editorial group gets.
GRANTS = {
    "Phóng viên": ["submit_article"],
    "Biên tập viên": ["submit_article", "review_article"],
    "Lãnh đạo duyệt tin": ["submit_article", "review_article", "publish_article"],
}


def grant(apps, schema_editor):
    news_config = apps.get_app_config("news")
    news_config.models_module = True
    create_permissions(news_config, verbosity=0, apps=apps)
    news_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("news", "0004_editorial_states_and_audit_trail")]
    operations = [migrations.RunPython(grant, revoke)]
