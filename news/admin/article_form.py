"""The article form: the article's fields plus what an editorial step needs."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import body_photos, proposals, workflow
from ..models import Article, ProposedChange, Status
from ..sanitize import clean_html


class ArticleAdminForm(forms.ModelForm):
    """The article form plus what an editorial step needs: the version the edit started from,
    a comment for the step, and the publication time."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The version of the article's proposed change the edit started from (0: none was open).
    change_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
    restoring = None  # the revision a restore brings back
    changes_content = False  # set by clean(): the save changes the article's text or fields

    class Meta:
        model = Article
        # Not status or publication time: those change only through workflow moves.
        fields = ["title", "slug", "lead", "body", "category", "source", "is_featured", "author"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.change = proposals.open_change(self.instance)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
            self.fields["change_version"].initial = self.change.version if self.change else 0
            if not self.is_bound:
                photos = list(self.instance.photos.all())
                if self.change is not None:  # the change is what is being edited
                    self.initial.update(
                        {
                            name: proposals.field_value(self.change, name)
                            for name in proposals.FIELDS
                        }
                    )
                    proposals.photos_as_proposed(photos, self.change)
                # The photos placed in the body with their current caption and alternative
                # text (the photo list may have changed them).
                self.initial["body"] = body_photos.refresh(self.initial.get("body", ""), photos)

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
            self._refuse_stale_change(current, cleaned.get("change_version"))
            self._check_move(current, cleaned)
            self.changes_content = self._changes_content(current, cleaned)
            if self.workflow_move is None and not self.restoring:  # a restore says which
                try:
                    workflow.check_correction(
                        current,
                        self.acting_user,
                        cleaned.get("workflow_comment", ""),
                        changed=self.changes_content,
                    )
                except ValidationError as error:
                    self.add_error("workflow_comment", error)
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

    def _changes_content(self, current, cleaned):
        """Whether saving changes what the article says (compared with what is stored, not with
        what the form showed: the body editor rewrites HTML it did not change)."""
        for name in self.Meta.fields:
            if name not in cleaned or name in ("slug", "author"):
                continue
            stored = getattr(current, name)
            if (cleaned[name] or "") != (stored or ""):
                return True
        return bool(cleaned.get("slug")) and cleaned["slug"] != current.slug

    def _refuse_stale_change(self, current, started_from):
        """Two people editing a published article's change: the later save is refused, as for
        the article itself, instead of overwriting the other's change."""
        change = ProposedChange.objects.filter(article=current).first()
        if started_from is None or started_from == (change.version if change else 0):
            return
        self.data = self.data.copy()
        self.data["change_version"] = str(change.version if change else 0)
        raise ValidationError(
            gettext(
                "The change to this published article was saved, sent, published or discarded "
                "by someone else after you opened it. Your text is still below: compare it with "
                "the current version (open it in a new tab), merge, then save again."
            ),
            code="change_conflict",
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
