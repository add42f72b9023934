"""Responsiveness: time to the first reply on threads per space, and to the first official
reaction on ideas per board. Live reads (threads started in the range, with one aggregate)."""

from accounts.models import Role
from threads.models import Thread

from .. import sources
from .common import InsightContext, median
from .ideas import HOUR, idea_responsiveness


def thread_responsiveness(ctx: InsightContext) -> list[dict]:
    """Per space: threads started in the range (not ideas' discussions, not hidden), how many had a
    reply from someone else, the median hours to that first reply, and how many had none."""
    start, end = ctx.range_span
    threads = Thread.objects.filter(
        created_at__gte=start, created_at__lt=end, is_hidden=False, idea__isnull=True
    ).exclude(author__role=Role.GUEST)
    if ctx.spaces is not None:
        threads = threads.filter(space_id__in=ctx.spaces)
    if ctx.department_ids is not None:
        threads = threads.filter(author__department_id__in=ctx.department_ids)
    groups: dict[int, dict] = {}
    for row in (
        threads.annotate(first_reply_at=sources.first_reply_at())
        .values("space_id", "space__name", "created_at", "first_reply_at")
        .order_by()
    ):
        group = groups.setdefault(row["space_id"], {"space": row["space__name"], "waits": [], "items": 0})
        group["items"] += 1
        if row["first_reply_at"] is not None:
            group["waits"].append((row["first_reply_at"] - row["created_at"]).total_seconds() / HOUR)
    result = [
        {
            "space_id": space_id,
            "space": group["space"],
            "items": group["items"],
            "answered": len(group["waits"]),
            "unanswered": group["items"] - len(group["waits"]),
            "median_hours": round(m, 2) if (m := median(group["waits"])) is not None else None,
        }
        for space_id, group in groups.items()
    ]
    return sorted(result, key=lambda r: r["space"])


def responsiveness(ctx: InsightContext) -> dict:
    return {"threads": thread_responsiveness(ctx), "ideas": idea_responsiveness(ctx)}
