"""The article form: the article's fields plus what an editorial step needs."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import body_photos, workflow
from ..models import Article, Status
from ..sanitize import clean_html


class ArticleAdminForm(forms.ModelForm):
    """The article form plus what an editorial step needs: the version the edit started from,
    a comment for the step, and the publication time."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_comment = forms.CharField(
        label=_("Comment or reason for this step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    publish_at = forms.SplitDateTimeField(
        label=_("Publish at"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("Empty: now. A later time schedules the article (Vietnam time)."),
    )
    # A publication date is a real one: year 1 or 9999 is a slip, and PostgreSQL cannot even
    # store year 1 in Vietnam time once turned into UTC.
    PUBLISH_YEARS = range(1900, 2100)
    # Set by ArticleAdmin.get_form for the request being handled.
    workflow_move = None
    acting_user = None
    refusal = None  # why this save is refused, whatever the form holds

    class Meta:
        model = Article
        # Not status or publication time: those change only through workflow moves.
        fields = ["title", "slug", "lead", "body", "category", "source", "is_featured", "author"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
            if not self.is_bound:
                # The photos placed in the body with their current caption and alternative
                # text (the photo list may have changed them).
                self.initial["body"] = body_photos.refresh(
                    self.initial.get("body", ""), self.instance.photos.all()
                )

    def clean_body(self):
        # Checked as it will be stored: cleaning may rewrite what the checks read (a resized
        # photo's classes and style, a hand-made <IMG SRC=…>).
        body = clean_html(self.cleaned_data["body"])
        body_photos.validate(body, self.instance, self.acting_user)
        return body

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at and publish_at.year not in self.PUBLISH_YEARS:
            raise ValidationError(
                gettext("Choose a date between the years %(first)d and %(last)d.")
                % {"first": self.PUBLISH_YEARS[0], "last": self.PUBLISH_YEARS[-1]},
                code="publish_year",
            )
        return publish_at

    def clean(self):
        cleaned = super().clean()
        if self.refusal:
            raise ValidationError(self.refusal, code="refused")
        if self.instance.pk:
            # Locked until the admin's transaction ends: nobody can save in between.
            current = Article.objects.select_for_update().get(pk=self.instance.pk)
            self._refuse_stale_edit(current, cleaned.get("edit_version"))
            self._check_move(current, cleaned)
        elif self.workflow_move:
            self._check_move(Article(author=self.acting_user, status=Status.DRAFT), cleaned)
        return cleaned

    def _refuse_stale_edit(self, current, started_from):
        if started_from is None or started_from == current.version:
            return
        # Let the next save go through: the person has now seen the conflict and merged.
        self.data = self.data.copy()
        self.data["edit_version"] = str(current.version)
        last = current.history.select_related("history_user").first()
        who = last.history_user if last and last.history_user else None
        raise ValidationError(
            gettext(
                "%(who)s saved this article at %(time)s, after you opened it. Your text is "
                "still below: compare it with the current version (open it in a new tab), "
                "merge, then save again."
            )
            % {
                "who": (who.get_full_name() or who.get_username()) if who else gettext("Someone"),
                "time": timezone.localtime(last.history_date).strftime("%H:%M:%S %d/%m/%Y")
                if last
                else "",
            },
            code="edit_conflict",
        )

    def _check_move(self, current, cleaned):
        move = self.workflow_move
        if move is None:
            return
        try:
            workflow.check(move, current, self.acting_user, cleaned.get("workflow_comment", ""))
        except workflow.TransitionNotAllowed:
            raise
        except ValidationError as error:  # a missing reason: shown next to the comment box
            self.add_error("workflow_comment", error)
