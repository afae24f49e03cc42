"""The station's editorial roles, as Django groups (created by migrations 0003 and 0005)."""

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
    ],
}
