"""The article form: the article's fields plus what an editorial step needs."""

from .. import body_photos, proposals
from ..models import Article
from .editorial import EditorialForm


class ArticleAdminForm(EditorialForm):
    """The article form plus what an editorial step needs (EditorialForm); the body's photos
    and a published article's proposed change."""

    class Meta:
        model = Article
        # Not status or publication time: those change only through workflow moves.
        fields = ["title", "slug", "lead", "body", "category", "source", "is_featured", "author"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            photos = list(self.instance.photos.all())
            if self.change is not None:  # the change is what is being edited
                self.initial.update(
                    {name: proposals.field_value(self.change, name) for name in proposals.FIELDS}
                )
                proposals.photos_as_proposed(photos, self.change)
            # The photos placed in the body with their current caption and alternative
            # text (the photo list may have changed them).
            self.initial["body"] = body_photos.refresh(self.initial.get("body", ""), photos)
