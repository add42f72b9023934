"""Cross-department collaboration: which departments work together in discussions, on ideas and
in teams, and the people who bridge them."""

from collections import defaultdict
from itertools import combinations

from django.db.models import Sum

from accounts.models import User
from teams.models import Membership
from teams.selectors import project_visibility_q

from .. import sources
from ..models import InteractionDay
from .common import InsightContext

KINDS = ("thread", "idea", "team")
BRIDGES = 10


def _team_links(ctx: InsightContext) -> dict[tuple, int]:
    """Team interactions: people who joined a team in the range, paired with every other member of
    the same project who joined in the range, when their departments differ. One query."""
    start, end = ctx.range_span
    seats = (
        Membership.objects.filter(
            project_visibility_q(ctx.viewer, "project__"),
            status__in=[Membership.Status.ACCEPTED, Membership.Status.LEFT],
            responded_at__gte=start,
            responded_at__lt=end,
            person__department__isnull=False,
        )
        .values_list("project_id", "person_id", "person__department_id")
        .order_by("project_id", "person_id")
    )
    teams: dict[int, dict[int, int]] = defaultdict(dict)
    for project_id, person_id, department_id in seats:
        teams[project_id][person_id] = department_id
    links: dict[tuple, int] = defaultdict(int)
    selected = set(ctx.department_ids) if ctx.department_ids is not None else None
    for members in teams.values():
        for (a, dept_a), (b, dept_b) in combinations(sorted(members.items()), 2):
            if dept_a == dept_b:
                continue
            if selected is not None and dept_a not in selected and dept_b not in selected:
                continue
            links[(a, dept_a, dept_b)] += 1
            links[(b, dept_b, dept_a)] += 1
    return links


def collaboration(ctx: InsightContext) -> dict:
    """A symmetric matrix of interactions between departments per kind, and the top bridges (people
    who reached the most other departments). Queries with rollups: pair sums; person x department
    sums; the live days' replies and votes (two); team seats; the bridges' names."""
    pairs: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    reach: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # person -> other dept -> count
    home: dict[int, int] = {}

    def add(kind: str, actor: int, actor_department: int, other_department: int, count: int) -> None:
        key = tuple(sorted((actor_department, other_department)))
        pairs[key][kind] += count
        reach[actor][other_department] += count
        home[actor] = actor_department

    if ctx.rolled_up:
        rows = ctx.rollup_rows(InteractionDay, people_field="actor_department")
        for row in (
            rows.values("actor_id", "actor_department_id", "other_department_id", "kind")
            .annotate(n=Sum("count"))
            .order_by()
        ):
            add(row["kind"], row["actor_id"], row["actor_department_id"], row["other_department_id"], row["n"])
    scope = ctx.scope
    for (_day, kind, _space, _board, actor, actor_dept, other_dept), count in sources.interactions(
        ctx.live_spans, scope
    ).items():
        add(kind, actor, actor_dept, other_dept, count)
    for (actor, actor_dept, other_dept), count in _team_links(ctx).items():
        # Each team pair is counted from both sides; the matrix wants it once.
        key = tuple(sorted((actor_dept, other_dept)))
        pairs[key]["team"] += count / 2
        reach[actor][other_dept] += count
        home[actor] = actor_dept

    departments = sorted({d for pair in pairs for d in pair}, key=ctx.department_name)
    cells = [
        {
            "a_id": a,
            "a": ctx.department_name(a),
            "b_id": b,
            "b": ctx.department_name(b),
            **{kind: int(counts[kind]) for kind in KINDS},
            "total": int(sum(counts.values())),
        }
        for (a, b), counts in pairs.items()
    ]
    cells.sort(key=lambda c: (-c["total"], c["a"], c["b"]))
    ranked = sorted(reach.items(), key=lambda item: (-len(item[1]), -sum(item[1].values()), item[0]))[:BRIDGES]
    names = {
        u.pk: u.display_name
        for u in User.objects.filter(pk__in=[person for person, _reach in ranked]).only(
            "pk", "first_name", "last_name", "username"
        )
    }
    bridges = [
        {
            "person_id": person,
            "person": names.get(person, ""),
            "department": ctx.department_name(home[person]),
            "departments_reached": len(others),
            "interactions": int(sum(others.values())),
        }
        for person, others in ranked
    ]
    return {
        "departments": [{"id": d, "name": ctx.department_name(d)} for d in departments],
        "pairs": cells,
        "bridges": bridges,
    }
