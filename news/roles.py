"""The station's editorial roles, as Django groups (made by migrations: news 0003, 0005 and 0020, radio 0002)."""

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
PUBLISHER = "Lãnh đạo duyệt tin"

# Model permissions of each group, as "app_label.codename". The workflow decides, per state,
# which of these apply to a given article.
PERMISSIONS = {
    REPORTER: [
        "news.add_article",
        "news.change_article",
        "news.view_article",
        "news.add_photo",
        "news.change_photo",
        "news.delete_photo",
        "news.view_photo",
        "news.view_category",
        "news.submit_article",
        "news.add_page",
        "news.change_page",
        "news.view_page",
        "news.submit_page",
        "radio.add_broadcast",
        "radio.change_broadcast",
        "radio.view_broadcast",
        "radio.view_programme",
        "radio.submit_broadcast",
    ],
    EDITOR: [
        "news.add_article",
        "news.change_article",
        "news.view_article",
        "news.add_photo",
        "news.change_photo",
        "news.delete_photo",
        "news.view_photo",
        "news.add_category",
        "news.change_category",
        "news.view_category",
        "news.submit_article",
        "news.review_article",
        "news.add_page",
        "news.change_page",
        "news.view_page",
        "news.submit_page",
        "news.review_page",
        "radio.add_broadcast",
        "radio.change_broadcast",
        "radio.view_broadcast",
        "radio.view_programme",
        "radio.submit_broadcast",
        "radio.review_broadcast",
    ],
    PUBLISHER: [
        "news.add_article",
        "news.change_article",
        "news.delete_article",
        "news.view_article",
        "news.add_photo",
        "news.change_photo",
        "news.delete_photo",
        "news.view_photo",
        "news.add_category",
        "news.change_category",
        "news.delete_category",
        "news.view_category",
        "news.change_sitesettings",
        "news.view_sitesettings",
        "news.submit_article",
        "news.review_article",
        "news.publish_article",
        "news.add_page",
        "news.change_page",
        "news.delete_page",
        "news.view_page",
        "news.submit_page",
        "news.review_page",
        "news.publish_page",
        "radio.add_broadcast",
        "radio.change_broadcast",
        "radio.delete_broadcast",
        "radio.view_broadcast",
        "radio.add_programme",
        "radio.change_programme",
        "radio.view_programme",
        "radio.submit_broadcast",
        "radio.review_broadcast",
        "radio.publish_broadcast",
    ],
}


def ensure_groups():
    """Create the groups with their permissions if missing (e.g. after a test database flush).

    Migrations 0003 and 0005 do this on a real database; this is for code that starts from an
    emptied one.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for name, permissions in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for permission in permissions:
            app_label, codename = permission.split(".", 1)
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
