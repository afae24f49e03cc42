"""Articles: the list with its queues, the form with its workflow steps, revisions and
their comparison, and preview links. Who may do what lives in news/workflow.py."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.storage import StorageFull

from .. import proposals, revisions
from ..dates import local_datetime
from ..forms import PreviewLinkForm
from ..models import Article, ChangeStatus, Photo, PreviewLink, SiteSettings, Status
from .article_form import ArticleAdminForm
from .editorial import EditorialAdmin
from .photos import PhotoFormSet, PhotoInline, thumbnail


class QueueFilter(admin.SimpleListFilter):
    """The editors' and leaders' work queues."""

    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("review", _("Waiting for an editor")),
            ("approval", _("Waiting for approval")),
            ("scheduled", _("Scheduled")),
            ("returned", _("Returned to authors")),
            ("changes", _("Changes waiting for approval")),
            ("own_changes", _("Your open changes")),
        ]

    def queryset(self, request, queryset):
        return {
            "review": queryset.filter(status=Status.SUBMITTED),
            "approval": queryset.filter(status=Status.PENDING_APPROVAL),
            "scheduled": queryset.scheduled(),
            "returned": queryset.filter(status=Status.RETURNED),
            "changes": queryset.filter(proposal__status=ChangeStatus.PENDING_APPROVAL),
            "own_changes": queryset.filter(
                proposal__author=request.user,
                proposal__status__in=[ChangeStatus.DRAFT, ChangeStatus.RETURNED],
            ),
        }.get(self.value(), queryset)


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/news/article/change_form.html"
    list_display = [
        "title",
        "list_thumbnail",
        "category",
        "state",
        "published",
        "author",
        "is_featured",
    ]
    list_display_links = ["title"]
    list_filter = [QueueFilter, "status", "category", "published_at", "is_featured"]
    list_select_related = ["category", "author"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["category"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Classification"), {"fields": ["category", "source", "is_featured", "author"]}),
    ]

    class Media:
        js = [
            "admin/js/urlify.js",
            "news/admin/urlify_vi.js",  # after the one it wraps
            "news/admin/article_photos.js",  # before the body editor starts
        ]
        css = {"all": ["news/admin/newsroom.css"]}

    def get_queryset(self, request):
        first_photo = Photo.objects.filter(article=OuterRef("pk")).order_by("order", "pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                first_photo=Subquery(first_photo.values("image")[:1]),
                change_status=F("proposal__status"),  # an open change to a live article
            )
        )

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        if not obj.first_photo:
            return "—"
        return thumbnail(Photo.image.field.storage.url(obj.first_photo))

    @admin.display(description=_("publication time"), ordering="published_at")
    def published(self, obj):
        # Compact for the list (the weekday takes a column's width): 29/11/2026 16:45.
        return local_datetime(obj.published_at, "SHORT_DATETIME_FORMAT") or "—"

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj):
        if obj.is_scheduled():
            return gettext("Scheduled for %(time)s") % {
                "time": local_datetime(obj.published_at, "SHORT_DATETIME_FORMAT")
            }
        state = obj.get_status_display()
        if getattr(obj, "change_status", None):
            return f"{state}, {ChangeStatus(obj.change_status).label.lower()}"
        return state

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not request.user.has_perm("news.publish_article"):
            readonly.append("is_featured")  # the front page is the leaders' decision
        if proposals.goes_to_change(obj, request.user):
            # A proposed change holds the text and classification (news/proposals.py).
            readonly += [name for name in ("author", "is_featured") if name not in readonly]
        return readonly

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("source", SiteSettings.load().station_name)
        return initial

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageFull:
            # The save ran in one transaction, now undone; the photo files written before the
            # disk filled up stay as files no row points to. The form comes back refused.
            request.save_refused = gettext(
                "The server has no room left to store photos: nothing of this save was kept. "
                "Your text is still below; tell the site's technician, then save again."
            )
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # a save the admin renders again was refused
            for inline in context.get("inline_admin_formsets", []):
                if isinstance(inline.formset, PhotoFormSet):
                    inline.formset.ask_again_for_dropped_uploads()
        context["can_share_preview"] = obj is not None and request.user.has_perm(
            "news.publish_article"
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change and getattr(request, "to_change", False):
            # Kept as the article's proposed change (its photos' texts: save_related).
            proposals.save(Article(pk=obj.pk), request.user, form.cleaned_data)
            request.change_saved = True
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The photo list is saved first; then the body's photos become the article's, with
        # the text the body changed (news/body_photos.py).
        move = getattr(request, "workflow_move", None)
        if change and getattr(request, "to_change", False):
            photo_lists = [fs for fs in formsets if isinstance(fs, PhotoFormSet)]
            proposals.save_photo_texts(
                form.instance,
                proposals.texts_of_forms([f for fs in photo_lists for f in fs.forms]),
                removed=[
                    f.instance.pk for fs in photo_lists for f in fs.deleted_forms if f.instance.pk
                ],
            )
            for formset in formsets:  # nothing of them saved: the admin's log says so
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            if move is None:
                messages.info(
                    request,
                    gettext(
                        "Your change was saved. Readers keep seeing the published text until a "
                        "leader publishes the change."
                    ),
                )
            self.record_correction_or_move(request, form, False, False)
            return
        super().save_related(request, form, formsets, change)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # "… was changed successfully" would say the public sees it: save_related said what
        # happened to a proposed change instead.
        if getattr(request, "change_saved", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    object_history_list_template = "admin/news/article/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return revisions.ReadableChanges(self.model, historical_record)

    def restored(self, request, article, revision):
        # The article's text was restored; now its photos'.
        if request.to_change:
            proposals.save_photo_texts(article, revisions.texts_at(article, revision))
            messages.info(
                request,
                gettext(
                    "Your change was saved. Readers keep seeing the published text "
                    "until a leader publishes the change."
                ),
            )
            return
        revisions.restore_photo_texts(article, revision)
        super().restored(request, article, revision)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/change-diff/",
                self.admin_site.admin_view(self.change_diff_view),
                name="{}_{}_change_diff".format(*info),
            ),
            path(
                "<path:object_id>/preview-links/",
                self.admin_site.admin_view(self.preview_links_view),
                name="{}_{}_preview_links".format(*info),
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        article = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **revisions.comparison(article, request.GET.get("from"), request.GET.get("to")),
            "opts": self.opts,
            "original": article,
            "title": gettext("Compare revisions of “%(title)s”") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/news/article/compare.html", context)

    def change_diff_view(self, request, object_id):
        """The published text against the proposed change, as a leader decides on it."""
        article = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        change = proposals.open_change(article)
        if change is None:
            messages.info(request, gettext("This article has no proposed change."))
            return redirect(reverse("admin:news_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "diffs": revisions.change_comparison(article, change),
            "proposed_change": change,
            "opts": self.opts,
            "original": article,
            "title": gettext("Published text and proposed change of “%(title)s”")
            % {"title": article.title},
        }
        return TemplateResponse(request, "admin/news/article/change_diff.html", context)

    def preview_links_view(self, request, object_id):
        article = self._object_or_404(request, object_id)
        if not request.user.has_perm("news.publish_article"):
            raise PermissionDenied
        if request.method == "POST":
            form = PreviewLinkForm(request.POST)
            if not form.is_valid():
                messages.error(
                    request,
                    gettext("Nothing was changed: the number of hours must be a whole number."),
                )
            elif form.cleaned_data["action"] == "create":
                PreviewLink.objects.create(
                    article=article,
                    created_by=request.user,
                    expires_at=timezone.now() + timezone.timedelta(hours=form.valid_hours()),
                )
                messages.success(request, gettext("A preview link was created."))
            else:
                article.preview_links.filter(pk=form.cleaned_data["link"], revoked_at=None).update(
                    revoked_at=timezone.now()
                )
                messages.success(request, gettext("The preview link was revoked."))
            return redirect(reverse("admin:news_article_preview_links", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "links": article.preview_links.select_related("created_by"),
            "now": timezone.now(),
            "title": gettext("Preview links for “%(title)s”") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/news/article/preview_links.html", context)
