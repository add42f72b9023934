"""Insights pages: the company dashboard for managers and admins (charts, their tables, CSV), and
everyone's own page."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from collab.exceptions import NotFound

from . import selectors, tables
from .forms import InsightFilterForm


def _form(request) -> InsightFilterForm:
    return InsightFilterForm(request.GET or None, user=request.user)


@login_required
def dashboard(request):
    """The company dashboard; people who may not see it get their own page instead."""
    if not selectors.can_see_dashboard(request.user):
        return redirect("insights_me")
    form = _form(request)
    ctx = selectors.insight_context(viewer=request.user, filters=form.filters())
    sections = selectors.dashboard(ctx)
    context = {
        "form": form,
        "filters": ctx.filters,
        "sections": sections,
        "tables": {name: tables.TABLES[name](data) for name, data in sections.items()},
        "charts": tables.charts(sections),
        "query": request.GET.urlencode(),
        "rolled_days": len(ctx.rolled_up),
    }
    return render(request, "insights/dashboard.html", context)


@login_required
def export_csv(request, section: str):
    """One section's tables as CSV (the same figures as the page, with the same filters)."""
    if section not in selectors.SECTIONS:
        raise Http404
    form = _form(request)
    ctx = selectors.insight_context(viewer=request.user, filters=form.filters())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    f = ctx.filters
    response["Content-Disposition"] = f'attachment; filename="insights-{section}-{f.start}-{f.end}.csv"'
    writer = csv.writer(response)
    for index, table in enumerate(tables.TABLES[section](selectors.SECTIONS[section](ctx))):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows(table.rows)
    return response


@login_required
def me(request):
    """A person's own contribution and where their ideas stand."""
    if not selectors.can_see_own_insights(request.user):
        raise NotFound()
    form = InsightFilterForm(request.GET or None, user=request.user, with_scope=False)
    filters = form.filters()
    context = {
        "form": form,
        "filters": filters,
        "mine": selectors.my_insights(user=request.user, filters=filters),
        "can_see_dashboard": selectors.can_see_dashboard(request.user),
        "title": _("Your insights"),
    }
    return render(request, "insights/me.html", context)
