"""What every insight shares: the filters, who may see the dashboard, the viewer's scope (the
spaces and boards they may see) and which days of the range come from rollups or live."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import DateField, F, Q, QuerySet
from django.db.models.functions import Trunc
from django.utils import timezone

from accounts.models import Department, User
from collab.exceptions import Forbidden
from ideas.models import Board
from ideas.selectors import board_visibility_q
from threads.models import Space
from threads.selectors import space_visibility_q

from .. import sources
from ..models import RollupDay
from ..services import day_span

DEFAULT_DAYS = 90
MAX_DAYS = 732


@dataclass(frozen=True)
class InsightFilters:
    start: date
    end: date  # inclusive
    department_id: int | None = None  # the department and the ones below it in the tree
    board_id: int | None = None

    @classmethod
    def default(cls, today: date | None = None) -> "InsightFilters":
        today = today or timezone.localdate()
        return cls(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def period(self) -> str:
        """How the over-time figures are bucketed: days up to a month, weeks up to ~7 months, months."""
        if self.days <= 31:
            return "day"
        return "week" if self.days <= 210 else "month"


def can_see_dashboard(user: User) -> bool:
    """Managers and admins see the company dashboard (everything they may see); others their own page."""
    return bool(user.is_authenticated and user.is_active and not user.is_guest and user.is_manager)


def can_see_own_insights(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and not user.is_guest)


def _everything(q: Q) -> bool:
    return not q.children and not q.negated


def bucket_of(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


@dataclass
class InsightContext:
    """One dashboard request: the filters resolved for one viewer (a few queries, made once)."""

    viewer: User
    filters: InsightFilters
    use_rollups: bool = True
    today: date = field(default_factory=timezone.localdate)

    @cached_property
    def departments(self) -> dict[int, Department]:
        """Every department (one query; the tree is small)."""
        return {d.pk: d for d in Department.objects.only("pk", "name", "parent_id")}

    def department_name(self, department_id: int | None) -> str:
        from django.utils.translation import gettext as _

        department = self.departments.get(department_id) if department_id else None
        return department.name if department else _("No department")

    @cached_property
    def department_ids(self) -> tuple[int, ...] | None:
        """The filtered department and every department below it, or None (no filter)."""
        root = self.filters.department_id
        if root is None:
            return None
        children: dict[int | None, list[int]] = {}
        for department in self.departments.values():
            children.setdefault(department.parent_id, []).append(department.pk)
        found, stack = [], [root]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.append(current)
            stack.extend(children.get(current, []))
        return tuple(sorted(found))

    @cached_property
    def spaces(self) -> QuerySet | None:
        q = space_visibility_q(self.viewer)
        if self.filters.board_id is not None:
            return Space.objects.filter(q, board__pk=self.filters.board_id).values("pk")
        return None if _everything(q) else Space.objects.filter(q).values("pk")

    @cached_property
    def boards(self) -> QuerySet | None:
        q = board_visibility_q(self.viewer)
        if self.filters.board_id is not None:
            return Board.objects.filter(q, pk=self.filters.board_id).values("pk")
        return None if _everything(q) else Board.objects.filter(q).values("pk")

    @property
    def scope(self) -> sources.Scope:
        return sources.Scope(spaces=self.spaces, boards=self.boards, department_ids=self.department_ids)

    @property
    def last_day(self) -> date:
        return min(self.filters.end, self.today)

    @cached_property
    def rolled_up(self) -> set[date]:
        """Days of the range read from rollups (one query): finished days the nightly task did."""
        if not self.use_rollups or self.filters.start >= self.today:
            return set()
        return set(
            RollupDay.objects.filter(
                day__gte=self.filters.start, day__lte=self.last_day, day__lt=self.today
            ).values_list("day", flat=True)
        )

    @cached_property
    def live_spans(self) -> list[sources.Span]:
        """The rest of the range (at least today, when the range reaches it), as few spans as may be."""
        spans: list[sources.Span] = []
        day = self.filters.start
        while day <= self.last_day:
            if day not in self.rolled_up:
                start, end = day_span(day)
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
            day += timedelta(days=1)
        return spans

    @property
    def range_span(self) -> sources.Span:
        return day_span(self.filters.start)[0], day_span(self.filters.end)[1]

    def rollup_rows(self, model, *, people_field: str = "department"):
        """Rows of a rollup table in the range that this viewer may see, with the department filter."""
        if not self.rolled_up:
            return model.objects.none()
        rows = model.objects.filter(day__gte=self.filters.start, day__lte=self.last_day)
        if self.spaces is not None or self.boards is not None:
            spaces = Q(space__in=self.spaces) if self.spaces is not None else Q(space__isnull=False)
            boards = Q(board__in=self.boards) if self.boards is not None else Q(board__isnull=False)
            rows = rows.filter(spaces | boards)
        if self.department_ids is not None:
            rows = rows.filter(**{f"{people_field}_id__in": self.department_ids})
        return rows

    def bucket(self, day: date) -> date:
        return bucket_of(day, self.filters.period)

    def bucket_expression(self):
        period = self.filters.period
        return Trunc("day", period, output_field=DateField()) if period != "day" else F("day")

    def periods(self) -> list[date]:
        seen, day = [], self.filters.start
        while day <= self.filters.end:
            bucket = self.bucket(day)
            if not seen or seen[-1] != bucket:
                seen.append(bucket)
            day += timedelta(days=1)
        return seen


def insight_context(*, viewer: User, filters: InsightFilters, use_rollups: bool = True) -> InsightContext:
    """The one access check for the company dashboard (pages, API, CSV)."""
    if not can_see_dashboard(viewer):
        raise Forbidden()
    return InsightContext(viewer=viewer, filters=filters, use_rollups=use_rollups)


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
