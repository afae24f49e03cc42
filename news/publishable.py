"""The models that go through the editorial workflow (news/workflow.py) and reach the public at
a time of their own: articles and pages here, radio broadcasts in the radio app. Each app
registers its models when it is ready; the content version (news/content_version.py) and the
announcements of scheduled items (news/notifications.py) go through this list."""

MODELS = []


def register(model):
    """`model` has `status`, `published_at`, `announced`, `was_public` and a `scheduled()`
    queryset method; its public changes renew every cached page."""
    from django.db.models.signals import post_delete, post_save

    from .content_version import item_changed

    if model not in MODELS:
        MODELS.append(model)
        post_save.connect(
            item_changed, sender=model, dispatch_uid=f"publishable:{model._meta.label}"
        )
        post_delete.connect(
            item_changed, sender=model, dispatch_uid=f"publishable-delete:{model._meta.label}"
        )
