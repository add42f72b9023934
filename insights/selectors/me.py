"""A person's own insights: what they contributed, and where their ideas stand (closing the
loop). Only their own rows; nobody else's personal figures."""

from django.db.models import Min

from accounts.models import User
from ideas.models import Idea
from teams.models import Membership, Volunteer

from .. import sources
from ..services import day_span
from .common import InsightFilters
from .ideas import HOUR

IDEAS_SHOWN = 50


def my_insights(*, user: User, filters: InsightFilters) -> dict:
    """Queries: the person's posts, ideas and votes in the range (three grouped); their ideas with
    board and first official reaction; their joined seats and volunteering (two counts)."""
    span = [(day_span(filters.start)[0], day_span(filters.end)[1])]
    totals = dict.fromkeys(sources.ACTIVITY_FIELDS, 0)
    days = set()
    for (day, *_rest), counts in sources.contributions(span, sources.Scope(person_ids=(user.pk,))).items():
        days.add(day)
        for name in sources.ACTIVITY_FIELDS:
            totals[name] += counts[name]
    ideas = list(
        Idea.objects.filter(author=user, is_hidden=False, merged_into__isnull=True)
        .select_related("board")
        .annotate(first_change_at=Min("status_changes__changed_at"))
        .order_by("-created_at", "-id")[:IDEAS_SHOWN]
    )
    mine = []
    for idea in ideas:
        wait = (idea.first_change_at - idea.created_at).total_seconds() / HOUR if idea.first_change_at else None
        mine.append(
            {
                "id": idea.pk,
                "title": idea.title,
                "board": idea.board.title,
                "status": idea.status,
                "status_label": str(idea.get_status_display()),
                "created_at": idea.created_at,
                "upvotes": idea.upvotes,
                "hours_to_response": round(wait, 1) if wait is not None else None,
                "response": idea.response,
                "responded_at": idea.responded_at,
            }
        )
    return {
        "active_days": len(days),
        **totals,
        "teams_joined": Membership.objects.filter(
            person=user, status__in=[Membership.Status.ACCEPTED, Membership.Status.LEFT]
        ).count(),
        "volunteered": Volunteer.objects.filter(person=user).count(),
        "ideas_list": mine,
        "ideas_waiting": sum(1 for i in mine if i["hours_to_response"] is None),
    }
