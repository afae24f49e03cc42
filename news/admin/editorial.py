"""What the admin of every item that goes through the editorial workflow shares (articles,
pages): the form's version check, step comment and publication time; the step buttons, the
timeline, edits refused without losing the text, revisions restored as edits. Who may do what
lives in news/workflow.py; proposed changes (articles only) in news/proposals.py."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import body_photos, proposals, workflow
from ..models import ProposedChange, Status
from ..sanitize import clean_html

# The read-only stand-in for the body field (EditorialAdmin.get_fieldsets).
BODY_AS_SHOWN = "body_as_shown"


class LenientAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, which shows a hand-typed value that is no id at all (category=abc)
    as nothing chosen: it looked the value up to show its name, and the lookup raised."""

    def optgroups(self, name, value, attr=None):
        try:
            return super().optgroups(name, value, attr)
        except (ValueError, ValidationError):
            return super().optgroups(name, [], attr)


def check_database_id(value):
    """404 unless `value` can be a row id: the admin's URLs take ids as text, and the history
    views of django-simple-history look up whatever they get (…/history/abc/ raised ValueError)."""
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        raise Http404


class EditorialForm(forms.ModelForm):
    """An item's form plus what an editorial step needs: the version the edit started from,
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
        help_text=_("Empty: now. A later time schedules it (Vietnam time)."),
    )
    # A publication date is a real one: year 1 or 9999 is a slip, and PostgreSQL cannot even
    # store year 1 in Vietnam time once turned into UTC.
    PUBLISH_YEARS = range(1900, 2100)
    # Set by EditorialAdmin.get_form for the request being handled.
    workflow_move = None
    acting_user = None
    refusal = None  # why this save is refused, whatever the form holds
    restoring = None  # the revision a restore brings back
    changes_content = False  # set by clean(): the save changes the item's text or fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.change = proposals.open_change(self.instance)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
            self.fields["change_version"].initial = self.change.version if self.change else 0

    def clean_body(self):
        # Articles and pages: photos placed in the body (news/body_photos.py). Checked as it
        # will be stored: cleaning may rewrite what the checks read (a resized photo's classes
        # and style, a hand-made <IMG SRC=…>).
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
        model = self._meta.model
        if self.instance.pk:
            # Locked until the admin's transaction ends: nobody can save in between.
            current = model._default_manager.select_for_update().get(pk=self.instance.pk)
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
            self._check_move(model(author=self.acting_user, status=Status.DRAFT), cleaned)
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
                "%(who)s saved this %(item)s at %(time)s, after you opened it. Your text is "
                "still below: compare it with the current version (open it in a new tab), "
                "merge, then save again."
            )
            % {
                **workflow.named(current),
                "who": (who.get_full_name() or who.get_username()) if who else gettext("Someone"),
                "time": timezone.localtime(last.history_date).strftime("%H:%M:%S %d/%m/%Y")
                if last
                else "",
            },
            code="edit_conflict",
        )

    def _changes_content(self, current, cleaned):
        """Whether saving changes what the item says (compared with what is stored, not with
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
        if not proposals.supported(current):
            return
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


class EditorialAdmin(SimpleHistoryAdmin):
    """The admin of an item with an editorial workflow: its state changes only through the
    step buttons (workflow.apply), a refused save gives the text back, and a leader's change
    to a public item is a correction the timeline shows."""

    def _object_or_404(self, request, object_id):
        item = self.get_object(request, unquote(object_id))  # None for a malformed id too
        if item is None:
            raise Http404
        return item

    # Permissions: a reporter edits only their own unsubmitted work; editors and
    # leaders edit any item. State changes go through workflow moves only.
    def has_change_permission(self, request, obj=None):
        if obj is not None and getattr(request, "save_refused", None):
            # A refused save: the form comes back with the typed text and the reason; its
            # clean() refuses it, so nothing is saved (see changeform_view).
            return self.has_view_permission(request, obj)
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.may_edit(obj, request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read only (a reporter's submitted work): the body as readers will see it, not the
        # HTML it is stored as.
        return [
            (name, {**options, "fields": [BODY_AS_SHOWN if f == "body" else f for f in fields]})
            for name, options in fieldsets
            for fields in [options["fields"]]
        ]

    @admin.display(description=_("body"))
    def body_as_shown(self, obj):
        return mark_safe(obj.body)  # cleaned with nh3 on every save (news/sanitize.py)

    def get_readonly_fields(self, request, obj=None):
        # A reporter writes under their own name; editors and leaders may credit a colleague.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(workflow.permission(self.model, "review")):
            readonly.append("author")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(
            form.__name__,
            (form,),
            {
                "workflow_move": getattr(request, "workflow_move", None),
                "acting_user": request.user,
                "refusal": getattr(request, "save_refused", None),
                "restoring": getattr(request, "restoring", None),
            },
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                LenientAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("author", request.user.pk)
        return initial

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            item = self.get_object(request, unquote(object_id)) if object_id else None
            if object_id and item is None and self.has_add_permission(request):
                # Deleted while being edited: the text comes back in the add form, whose Save
                # makes it a new item.
                request.save_refused = gettext(
                    "This %(item)s was deleted while you were editing it. Your text is still "
                    "below: “Save” makes it a new %(item)s."
                ) % workflow.named(self.model)
                opts = self.opts
                add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
                return super().changeform_view(request, None, add_url, extra_context)
            if item and not self.has_change_permission(request, item):
                request.save_refused = gettext(
                    "You can no longer change this %(item)s: it is now “%(status)s”. Your text "
                    "is still below: copy what you need and ask an editor."
                ) % {"status": item.get_status_display(), **workflow.named(item)}
            request.to_change = proposals.goes_to_change(item, request.user)
            if "_move" in request.POST:
                move = workflow.MOVES.get(request.POST["_move"])
                if move is None:
                    return HttpResponseBadRequest()
                subject = item or self.model(author=request.user, status=Status.DRAFT)
                if workflow.is_permitted(move, subject, request.user):
                    request.workflow_move = move
                    if not move.on_change and move.target != Status.PUBLISHED:
                        # Taken off the site: the text is no longer public, so it is saved as
                        # it stands, as for any unpublished article.
                        request.to_change = False
                else:
                    request.save_refused = gettext(
                        "You may not take this step on this %(item)s. Your text is still below."
                    ) % workflow.named(self.model)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        item = obj or self.model(author=request.user, status=Status.DRAFT)
        context.update(
            workflow_moves=workflow.available_moves(item, request.user),
            proposed_change=proposals.open_change(obj),
            to_change=proposals.goes_to_change(obj, request.user),
            transitions=obj.transitions.select_related("actor") if obj else [],
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        if getattr(request, "workflow_move", None) is not None:
            # The step saves the item again right after (workflow.apply): that save is the
            # revision, so that "save and submit" leaves one revision, not two identical ones.
            obj.skip_history_when_saving = True
        if change:
            # The form never changes the editorial state, not even when restoring a revision.
            current = type(obj)._default_manager.get(pk=obj.pk)
            obj.status, obj.published_at, obj.version = (
                current.status,
                current.published_at,
                current.version,
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        was_public = change and form.instance.status == Status.PUBLISHED
        changed = self.save_related_content(request, form, formsets, change)
        self.record_correction_or_move(request, form, was_public, changed)

    def save_related_content(self, request, form, formsets, change):
        """Save the inlines, then make the body's new photos the item's, with the text the body
        changed (articles and pages); return whether the save changed what the item says."""
        has_body = "body" in form.cleaned_data
        before = body_photos.stored_texts(form.instance) if has_body else {}
        super().save_related(request, form, formsets, change)
        if has_body:
            body_photos.attach(form.instance, request.user, before)
        return form.changes_content or any(formset.has_changed() for formset in formsets)

    def record_correction_or_move(self, request, form, was_public, changed):
        """After the save: the timeline's correction of a public item, or the step asked for."""
        move = getattr(request, "workflow_move", None)
        if was_public and move is None and changed:
            workflow.record_correction(
                form.instance, request.user, form.cleaned_data.get("workflow_comment", "")
            )
        if move is None:
            return
        vars(form.instance).pop("skip_history_when_saving", None)
        workflow.apply(
            form.instance,
            move.name,
            request.user,
            comment=form.cleaned_data.get("workflow_comment", ""),
            publish_at=form.cleaned_data.get("publish_at"),
        )
        form.instance.refresh_from_db()
        proposals.forget(form.instance)
        messages.success(
            request,
            gettext("State: %(status)s.") % {"status": workflow.state_label(form.instance)},
        )

    def history_view(self, request, object_id, extra_context=None):
        check_database_id(unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        check_database_id(unquote(object_id))
        check_database_id(version_id)
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        # Restoring a revision is an edit: the same rules as editing the item apply. Of a
        # live article, it is a proposed change, or a leader's correction the timeline shows.
        item = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        request.to_change = proposals.goes_to_change(item, request.user)
        request.restoring = version_id
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                revision = get_object_or_404(item.history, history_id=version_id)
                self.restored(request, item, revision)
        return response

    def restored(self, request, item, revision):
        """After `revision` of `item` was restored (in the same transaction)."""
        if item.status == Status.PUBLISHED:
            workflow.record_correction(
                item,
                request.user,
                gettext("Revision #%(id)s restored.") % {"id": revision.history_id},
            )
