"""Participation over time by department: people active, posts (of which new threads), ideas,
votes, and the share of employees who contributed at least once in the range."""

from collections import defaultdict

from django.db.models import Count, Sum

from accounts.models import Role, User

from .. import sources
from ..models import ActivityDay, ContributorDay
from .common import InsightContext

FIELDS = sources.ACTIVITY_FIELDS


def participation(ctx: InsightContext) -> dict:
    """Queries (with rollups): activity sums per period and department; distinct people per period
    and department; distinct people per department over the range; the live days' posts, ideas and
    votes (three); which of the live days' people the rollups already counted; headcount per
    department. The same whatever the number of rows."""
    bucket = ctx.bucket_expression()
    sums: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))
    people: dict[tuple, int] = defaultdict(int)
    contributors: dict[int | None, int] = defaultdict(int)
    if ctx.rolled_up:
        for row in (
            ctx.rollup_rows(ActivityDay)
            .annotate(period=bucket)
            .values("period", "department_id")
            .annotate(**{name: Sum(name) for name in FIELDS})
            .order_by()
        ):
            totals = sums[(row["period"], row["department_id"])]
            for name in FIELDS:
                totals[name] += row[name] or 0
        for row in (
            ctx.rollup_rows(ContributorDay)
            .annotate(period=bucket)
            .values("period", "department_id")
            .annotate(n=Count("person_id", distinct=True))
            .order_by()
        ):
            people[(row["period"], row["department_id"])] += row["n"]
        for row in (
            ctx.rollup_rows(ContributorDay)
            .values("department_id")
            .annotate(n=Count("person_id", distinct=True))
            .order_by()
        ):
            contributors[row["department_id"]] += row["n"]

    live = sources.contributions(ctx.live_spans, ctx.scope)
    live_people: dict[tuple, set[int]] = defaultdict(set)
    live_department: dict[int, int | None] = {}
    for (day, person_id, department_id, _space, _board), counts in live.items():
        period = ctx.bucket(day)
        totals = sums[(period, department_id)]
        for name in FIELDS:
            totals[name] += counts[name]
        live_people[(period, department_id)].add(person_id)
        live_department[person_id] = department_id
    if live_department:
        # People active on live days may already be counted by the rollups for the same period (or
        # the range): count only the ones the rollups have not seen.
        seen_in_period: set[tuple] = set()
        seen_in_range: set[int] = set()
        if ctx.rolled_up:
            for day, person_id in (
                ctx.rollup_rows(ContributorDay)
                .filter(person_id__in=list(live_department))
                .values_list("day", "person_id")
                .distinct()
            ):
                seen_in_period.add((ctx.bucket(day), person_id))
                seen_in_range.add(person_id)
        for (period, department_id), persons in live_people.items():
            people[(period, department_id)] += sum(1 for p in persons if (period, p) not in seen_in_period)
        for person_id, department_id in live_department.items():
            if person_id not in seen_in_range:
                contributors[department_id] += 1

    headcount_rows = User.objects.filter(is_active=True).exclude(role=Role.GUEST)
    if ctx.department_ids is not None:
        headcount_rows = headcount_rows.filter(department_id__in=ctx.department_ids)
    headcount = {
        row["department_id"]: row["n"]
        for row in headcount_rows.values("department_id").annotate(n=Count("pk")).order_by()
    }

    periods = ctx.periods()
    series = []
    for period in periods:
        point = {"period": period, "people": 0, **dict.fromkeys(FIELDS, 0)}
        for (row_period, _department), totals in sums.items():
            if row_period == period:
                for name in FIELDS:
                    point[name] += totals[name]
        point["people"] = sum(n for (row_period, _d), n in people.items() if row_period == period)
        series.append(point)

    department_ids = set(headcount) | set(contributors) | {d for _p, d in sums}
    departments = []
    for department_id in department_ids:
        totals = dict.fromkeys(FIELDS, 0)
        for (_period, row_department), counts in sums.items():
            if row_department == department_id:
                for name in FIELDS:
                    totals[name] += counts[name]
        count, staff = contributors.get(department_id, 0), headcount.get(department_id, 0)
        departments.append(
            {
                "department_id": department_id,
                "department": ctx.department_name(department_id),
                "headcount": staff,
                "contributors": count,
                "share": round(count / staff, 4) if staff else None,
                **totals,
            }
        )
    departments.sort(key=lambda d: (-(d["share"] or 0), d["department"]))

    rows = [
        {
            "period": period,
            "department_id": department_id,
            "department": ctx.department_name(department_id),
            "people": people.get((period, department_id), 0),
            **sums.get((period, department_id), dict.fromkeys(FIELDS, 0)),
        }
        for period in periods
        for department_id in sorted(
            {d for p, d in sums if p == period} | {d for p, d in people if p == period},
            key=lambda d: ctx.department_name(d),
        )
    ]
    total_staff = sum(headcount.values())
    total_contributors = sum(contributors.values())
    return {
        "period": ctx.filters.period,
        "series": series,
        "departments": departments,
        "rows": rows,
        "totals": {
            "headcount": total_staff,
            "contributors": total_contributors,
            "share": round(total_contributors / total_staff, 4) if total_staff else None,
            **{name: sum(point[name] for point in series) for name in FIELDS},
        },
    }
