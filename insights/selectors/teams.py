"""Teams: projects opened and formed, roles and seats filled, how much of the formed teams came
from volunteers, and the skills asked for that nobody in the company has at the asked level (a
hiring and training signal). Live reads: projects are few (tens to hundreds)."""

from collections import defaultdict

from django.db.models import Count, Min, Q

from accounts.models import Role, UserSkill
from teams.models import Membership, Project, ProjectRole, RoleSkill
from teams.selectors import project_visibility_q

from .common import InsightContext

JOINED = [Membership.Status.ACCEPTED, Membership.Status.LEFT]


def teams_summary(ctx: InsightContext) -> dict:
    """Projects created in the range that the viewer may see (filters: the owner's department, the
    board of the idea a project came from). Queries: projects by status; roles with their joined
    seats; joined seats; skills asked; who holds those skills."""
    start, end = ctx.range_span
    projects = Project.objects.filter(project_visibility_q(ctx.viewer), created_at__gte=start, created_at__lt=end)
    if ctx.department_ids is not None:
        projects = projects.filter(owner__department_id__in=ctx.department_ids)
    if ctx.filters.board_id is not None:
        projects = projects.filter(idea__board_id=ctx.filters.board_id)
    by_status = {row["status"]: row["n"] for row in projects.values("status").annotate(n=Count("pk")).order_by()}
    project_ids = projects.values("pk")
    roles = list(
        ProjectRole.objects.filter(project_id__in=project_ids)
        .annotate(joined=Count("memberships", filter=Q(memberships__status=Membership.Status.ACCEPTED)))
        .values("pk", "project_id", "headcount", "joined")
        .order_by()
    )
    seats = Membership.objects.filter(project_id__in=project_ids, status__in=JOINED).aggregate(
        joined=Count("pk"),
        from_volunteers=Count("pk", filter=Q(from_volunteer=True)),
        formed=Count("project_id", distinct=True),
    )
    asked = list(
        RoleSkill.objects.filter(role__project_id__in=project_ids)
        .values("skill_id", "skill__name")
        .annotate(roles=Count("role_id", distinct=True), min_level=Min("min_level"))
        .order_by()
    )
    holders: dict[int, dict[int, int]] = defaultdict(dict)
    if asked:
        for row in (
            UserSkill.objects.filter(skill_id__in=[a["skill_id"] for a in asked], user__is_active=True)
            .exclude(user__role=Role.GUEST)
            .values("skill_id", "level")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            holders[row["skill_id"]][row["level"]] = row["n"]
    skills = [
        {
            "skill_id": a["skill_id"],
            "skill": a["skill__name"],
            "roles": a["roles"],
            "min_level": a["min_level"],
            "people_with_skill": sum(holders[a["skill_id"]].values()),
            "people_at_level": sum(n for level, n in holders[a["skill_id"]].items() if level >= a["min_level"]),
        }
        for a in asked
    ]
    skills.sort(key=lambda s: (s["people_at_level"] > 0, -s["roles"], s["skill"]))
    seats_total = sum(r["headcount"] for r in roles)
    seats_filled = sum(min(r["joined"], r["headcount"]) for r in roles)
    joined = seats["joined"] or 0
    return {
        "projects": sum(by_status.values()),
        "published": by_status.get(Project.Status.OPEN, 0) + by_status.get(Project.Status.CLOSED, 0),
        "formed": seats["formed"] or 0,
        "roles": len(roles),
        "roles_filled": sum(1 for r in roles if r["joined"] >= r["headcount"]),
        "seats": seats_total,
        "seats_filled": seats_filled,
        "joined": joined,
        "from_volunteers": seats["from_volunteers"] or 0,
        "volunteer_share": round(seats["from_volunteers"] / joined, 4) if joined else None,
        "skills": skills,
        "skills_missing": sum(1 for s in skills if s["people_at_level"] == 0),
    }
