"""The radio pages: the broadcasts, newest first (all, by programme, by month), and a page per
broadcast with its player, summary and transcript."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

from news.page_cache import cached
from news.views import aside_lists

from .models import Broadcast, Programme

PER_PAGE = 20


def programmes():
    """The programmes (a handful), from the cache."""
    return cached("radio-programmes", lambda: list(Programme.objects.all()))


def public_broadcasts():
    return Broadcast.objects.published().select_related("programme")


def newest_broadcast():
    """The newest public broadcast (the home page's), or None; from the cache."""
    newest = cached("radio-newest", lambda: list(public_broadcasts()[:1]))
    return newest[0] if newest else None


class BroadcastListView(TemplateView):
    template_name = "radio/broadcast_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        broadcasts = public_broadcasts()
        programme = None
        if "programme" in kwargs:
            programme = next((p for p in programmes() if p.slug == kwargs["programme"]), None)
            if programme is None:
                raise Http404
            broadcasts = broadcasts.filter(programme=programme)
        months = cached(
            f"radio-months:{programme and programme.pk}",
            lambda: list(broadcasts.dates("aired_at", "month", order="DESC")),
        )
        month = self.request.GET.get("thang", "")
        chosen = next((m for m in months if f"{m:%Y-%m}" == month), None)
        if month and chosen is None:
            raise Http404
        if chosen:
            broadcasts = broadcasts.filter(aired_at__year=chosen.year, aired_at__month=chosen.month)
        try:
            page = Paginator(broadcasts, PER_PAGE).page(self.request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404 from error
        context.update(
            programme=programme,
            programmes=programmes(),
            months=months,
            month=chosen,
            page=page,
            broadcasts=page.object_list,
            aside=aside_lists(),
        )
        return context


class BroadcastView(DetailView):
    template_name = "radio/broadcast_detail.html"
    context_object_name = "broadcast"

    def get_object(self, queryset=None):
        if len(self.kwargs["pk"]) > 18:
            raise Http404
        return get_object_or_404(public_broadcasts(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.get_absolute_url() != request.path:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aside"] = aside_lists()
        return context
