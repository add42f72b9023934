"""The dashboard's figures as JSON (managers and admins), and a person's own."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .. import selectors
from ..selectors.common import DEFAULT_DAYS, MAX_DAYS, InsightFilters
from . import serializers as s

_TAGS = ["insights"]
_FILTERS = (
    "Filters: `start`, `end` (inclusive; default the last 90 days), `department` (with the departments below "
    "it), `board`."
)


def _filters(request, *, scoped: bool = True) -> InsightFilters:
    serializer = (s.InsightFilterInputSerializer if scoped else s.MyInsightFilterInputSerializer)(
        data=request.query_params
    )
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    end = data.get("end") or timezone.localdate()
    start = data.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ValidationError({"start": ["The start must not be after the end."]})
    if (end - start).days >= MAX_DAYS:
        raise ValidationError({"start": [f"Choose at most {MAX_DAYS} days."]})
    department = data.get("department")
    return InsightFilters(
        start=start, end=end, department_id=department.pk if department else None, board_id=data.get("board")
    )


def _section_view(name: str, summary: str, description: str, example: dict):
    serializer_class = s.SECTION_SERIALIZERS[name]

    @extend_schema(
        operation_id=f"insights_{name}",
        summary=summary,
        description=f"{description} Managers and admins (403 for others); counts only what the viewer may "
        f"see. {_FILTERS}",
        tags=_TAGS,
        parameters=[s.InsightFilterInputSerializer],
        responses={200: serializer_class},
        examples=[OpenApiExample(name, value=example, response_only=True)],
    )
    def view(self, request):
        ctx = selectors.insight_context(viewer=request.user, filters=_filters(request))
        return Response(serializer_class(selectors.SECTIONS[name](ctx)).data)

    view.__name__ = name
    return view


_TEAMS_EXAMPLE = {
    "projects": 8, "published": 7, "formed": 4, "roles": 15, "roles_filled": 9, "seats": 22, "seats_filled": 14,
    "joined": 15, "from_volunteers": 9, "volunteer_share": 0.6, "skills_missing": 1,
    "skills": [
        {"skill_id": 4, "skill": "Rust", "roles": 2, "min_level": 4, "people_with_skill": 1, "people_at_level": 0}
    ],
}  # fmt: skip


class InsightViewSet(viewsets.ViewSet):
    participation = _section_view(
        "participation",
        "Participation over time by department",
        "People active, posts, ideas and votes per period and department; the share of employees who "
        "contributed at least once.",
        {"period": "week", "series": [], "departments": [], "rows": [],
         "totals": {"headcount": 200, "contributors": 150, "share": 0.75, "threads": 40, "posts": 300, "ideas": 60,
                    "votes": 900}},
    )  # fmt: skip
    funnel = _section_view(
        "funnel",
        "The idea funnel per board or campaign",
        "Ideas posted in the range, how many reached each stage, the median days in each stage and how many "
        "never had an official response.",
        {"stages": [{"key": "new", "label": "New"}], "boards": [],
         "total": {"board_id": None, "board": "All boards", "posted": 10, "reached": {"new": 10},
                   "current": {"new": 4}, "median_days": {"new": 3.5}, "no_response": 4}},
    )  # fmt: skip
    responsiveness = _section_view(
        "responsiveness",
        "Time to a first answer per space and board",
        "Threads: hours to the first reply from someone else. Ideas: hours to the first official reaction.",
        {"threads": [{"space_id": 1, "space": "General", "items": 12, "answered": 10, "unanswered": 2,
                      "median_hours": 5.5}], "ideas": []},
    )  # fmt: skip
    collaboration = _section_view(
        "collaboration",
        "Departments working together, and who bridges them",
        "Replies, votes and comments across departments, and team members from different departments.",
        {"departments": [{"id": 1, "name": "Platform"}, {"id": 2, "name": "Sales"}],
         "pairs": [{"a_id": 1, "a": "Platform", "b_id": 2, "b": "Sales", "thread": 5, "idea": 9, "team": 1,
                    "total": 15}],
         "bridges": [{"person_id": 7, "person": "Ana Lytic", "department": "Platform", "departments_reached": 4,
                      "interactions": 21}]},
    )  # fmt: skip
    teams = _section_view(
        "teams",
        "Projects, teams and the skills nobody has",
        "Projects created in the range: teams formed, roles and seats filled, joined from volunteers, and the "
        "skills asked for that nobody in the company has at the asked level.",
        _TEAMS_EXAMPLE,
    )

    @extend_schema(
        operation_id="insights_me",
        summary="Your own contribution and where your ideas stand",
        description="Your posts, ideas and votes in the range (`start`, `end`), your teams, and your latest 50 "
        "ideas with their status and official response. Only your own figures.",
        tags=_TAGS,
        parameters=[s.MyInsightFilterInputSerializer],
        responses={200: s.MyInsightsSerializer},
    )
    def me(self, request):
        if not selectors.can_see_own_insights(request.user):
            from collab.exceptions import NotFound

            raise NotFound()
        data = selectors.my_insights(user=request.user, filters=_filters(request, scoped=False))
        return Response(s.MyInsightsSerializer(data).data)
