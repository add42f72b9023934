"""What happened to the ideas people gave: the funnel per board or campaign with the median time
in each stage, and how fast boards respond. Live reads: ideas posted in the range (a few thousand
rows at the large company) and their status history."""

from collections import defaultdict

from django.db.models import Min
from django.utils.translation import gettext as _

from accounts.models import Role
from ideas.models import Idea, IdeaStatusChange, Status

from .common import InsightContext, median

STAGES = [s.value for s in Status]  # new, under review, planned, in progress, done, declined
HOUR = 3600.0
DAY = 86400.0


def _idea_rows(ctx: InsightContext) -> list[dict]:
    """Ideas posted in the range (not hidden, not merged away, not a guest's) the viewer may see,
    with their first official reaction (the first status change or response). One query."""
    cached = getattr(ctx, "_idea_rows", None)
    if cached is not None:
        return cached
    start, end = ctx.range_span
    ideas = Idea.objects.filter(
        created_at__gte=start, created_at__lt=end, is_hidden=False, merged_into__isnull=True
    ).exclude(author__role=Role.GUEST)
    if ctx.boards is not None:
        ideas = ideas.filter(board_id__in=ctx.boards)
    if ctx.department_ids is not None:
        ideas = ideas.filter(author__department_id__in=ctx.department_ids)
    rows = list(
        ideas.annotate(first_change_at=Min("status_changes__changed_at"))
        .values("pk", "board_id", "board__title", "board__kind", "status", "created_at", "first_change_at")
        .order_by("pk")
    )
    ctx._idea_rows = rows  # type: ignore[attr-defined]
    return rows


def _stays(ideas: list[dict]) -> tuple[dict[int, set[str]], dict[int, list[tuple[str, float]]]]:
    """Per idea: the stages it reached and its finished stays (stage, seconds), from its history."""
    ids = [idea["pk"] for idea in ideas]
    changes: dict[int, list[dict]] = defaultdict(list)
    if ids:
        for change in (
            IdeaStatusChange.objects.filter(idea_id__in=ids)
            .values("idea_id", "old_status", "new_status", "changed_at")
            .order_by("changed_at", "id")
        ):
            changes[change["idea_id"]].append(change)
    reached: dict[int, set[str]] = {}
    stays: dict[int, list[tuple[str, float]]] = {}
    for idea in ideas:
        stage, since = Status.NEW.value, idea["created_at"]
        seen, finished = {stage}, []
        for change in changes.get(idea["pk"], []):
            if change["new_status"] == stage:
                continue  # a response without a move: the stay goes on
            finished.append((stage, (change["changed_at"] - since).total_seconds()))
            stage, since = change["new_status"], change["changed_at"]
            seen.add(stage)
        seen.add(idea["status"])
        reached[idea["pk"]], stays[idea["pk"]] = seen, finished
    return reached, stays


def _board_label(kind: str, title: str) -> str:
    return f"{title} ({_('campaign')})" if kind == "campaign" else title


def idea_funnel(ctx: InsightContext) -> dict:
    """Per board and for all: ideas posted, how many reached each stage, how many are in each stage
    now, the median days of a finished stay in each stage, and how many never had an official
    response. Queries: departments, the ideas (+ first reaction), their status changes."""
    ideas = _idea_rows(ctx)
    reached, stays = _stays(ideas)
    groups: dict[int | None, list[dict]] = defaultdict(list)
    for idea in ideas:
        groups[idea["board_id"]].append(idea)
        groups[None].append(idea)

    def summary(key, members: list[dict]) -> dict:
        durations: dict[str, list[float]] = defaultdict(list)
        for idea in members:
            for stage, seconds in stays[idea["pk"]]:
                durations[stage].append(seconds)
        first = members[0] if members and key is not None else None
        return {
            "board_id": key,
            "board": _board_label(first["board__kind"], first["board__title"]) if first else _("All boards"),
            "posted": len(members),
            "reached": {stage: sum(1 for i in members if stage in reached[i["pk"]]) for stage in STAGES},
            "current": {stage: sum(1 for i in members if i["status"] == stage) for stage in STAGES},
            "median_days": {
                stage: (round(m / DAY, 2) if (m := median(durations[stage])) is not None else None) for stage in STAGES
            },
            "no_response": sum(1 for i in members if i["first_change_at"] is None),
        }

    boards = sorted(
        (summary(key, members) for key, members in groups.items() if key is not None), key=lambda b: b["board"]
    )
    return {
        "stages": [{"key": stage, "label": str(Status(stage).label)} for stage in STAGES],
        "total": summary(None, groups.get(None, [])),
        "boards": boards,
    }


def idea_responsiveness(ctx: InsightContext) -> list[dict]:
    """Per board: ideas posted in the range, how many had an official reaction, the median hours
    to it, and how many never did."""
    groups: dict[int, list[dict]] = defaultdict(list)
    for idea in _idea_rows(ctx):
        groups[idea["board_id"]].append(idea)
    result = []
    for members in groups.values():
        waits = [
            (i["first_change_at"] - i["created_at"]).total_seconds() / HOUR for i in members if i["first_change_at"]
        ]
        result.append(
            {
                "board_id": members[0]["board_id"],
                "board": _board_label(members[0]["board__kind"], members[0]["board__title"]),
                "items": len(members),
                "answered": len(waits),
                "unanswered": len(members) - len(waits),
                "median_hours": round(m, 2) if (m := median(waits)) is not None else None,
            }
        )
    return sorted(result, key=lambda r: r["board"])
