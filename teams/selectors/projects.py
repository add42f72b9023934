"""Reads of projects, roles, volunteers and memberships, with the access rules built in.

`project_get_for_user` is the one access check for a project (pages, API, sockets): a project
in draft is seen by its owner and admins, an open or closed one by every employee, never by
external guests. `can_manage_project` says who runs it: its owner and admins.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from accounts.models import Role, User
from collab.exceptions import NotFound

from ..models import FormationRound, Membership, Project, ProjectRole, Proposal, RoleSkill, Volunteer


def is_teams_admin(user: User) -> bool:
    """Admins run company rounds and may manage every project."""
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


def can_open_project(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_manager and not user.is_guest)


def can_manage_project(*, user: User, project: Project) -> bool:
    return bool(user.is_authenticated and (project.owner_id == user.pk or is_teams_admin(user)))


def project_visibility_q(user: User, prefix: str = "") -> Q:
    if not user.is_authenticated or user.is_guest:
        return Q(pk__in=[])
    if is_teams_admin(user):
        return Q()
    return Q(**{f"{prefix}status__in": [Project.Status.OPEN, Project.Status.CLOSED]}) | Q(**{f"{prefix}owner": user})


def _projects_for(user: User) -> QuerySet[Project]:
    return Project.objects.filter(project_visibility_q(user))


def project_get_for_user(*, project_id: int, user: User, for_update: bool = False) -> Project:
    """The project if `user` may see it, else NotFound (the same whether missing or hidden)."""
    qs = _projects_for(user).select_related("owner", "idea", "space")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(pk=project_id)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def user_can_see_project(*, user: User, project: Project) -> bool:
    return _projects_for(user).filter(pk=project.pk).exists()


def role_get_for_user(*, role_id: int, user: User, for_update: bool = False) -> ProjectRole:
    qs = ProjectRole.objects.filter(project_visibility_q(user, "project__")).select_related("project")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(pk=role_id)
    except (ProjectRole.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def _roles_prefetch(*, with_people: bool) -> list:
    requirements = Prefetch("requirements", queryset=RoleSkill.objects.select_related("skill"))
    live = Membership.objects.live()
    roles = ProjectRole.objects.annotate(
        live_count=Count("memberships", filter=Q(memberships__status__in=Membership.LIVE), distinct=True),
        accepted_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACCEPTED), distinct=True),
        volunteer_count=Count("volunteers", filter=Q(volunteers__withdrawn_at__isnull=True), distinct=True),
    )
    lookups: list = [requirements]
    if with_people:
        lookups += [
            Prefetch("memberships", queryset=live.select_related("person"), to_attr="live_members"),
            Prefetch(
                "volunteers",
                queryset=Volunteer.objects.filter(withdrawn_at__isnull=True).select_related("person"),
                to_attr="active_volunteers",
            ),
        ]
    return [Prefetch("roles", queryset=roles.prefetch_related(*lookups))]


def project_list_for_user(
    *, user: User, status: str | None = None, owned: bool = False, q: str = ""
) -> QuerySet[Project]:
    """Projects `user` may see, newest first, with roles, required skills and seat counts."""
    qs = _projects_for(user).select_related("owner")
    if status:
        qs = qs.filter(status=status)
    if owned:
        qs = qs.filter(owner=user)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(goal__icontains=q) | Q(topics__icontains=q))
    return qs.prefetch_related(*_roles_prefetch(with_people=False))


def project_list_open_with_roles() -> QuerySet[Project]:
    """The open projects that have roles: what a company-wide round can form teams for."""
    return Project.objects.filter(
        Exists(ProjectRole.objects.filter(project=OuterRef("pk"))), status=Project.Status.OPEN
    ).select_related("owner")


def project_detail_for_user(*, project_id: int, user: User) -> Project:
    """One project with roles, required skills, live members and active volunteers (fixed query count)."""
    qs = _projects_for(user).select_related("owner", "idea", "space")
    try:
        return qs.prefetch_related(*_roles_prefetch(with_people=True)).get(pk=project_id)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def committed_hours(*, person_ids, exclude_project_ids=()) -> dict[int, int]:
    """Hours a week each person is booked for by live seats (invitations included) on projects
    that are not closed."""
    qs = Membership.objects.live().filter(person_id__in=list(person_ids)).exclude(project__status=Project.Status.CLOSED)
    if exclude_project_ids:
        qs = qs.exclude(project_id__in=list(exclude_project_ids))
    rows = qs.values("person_id").annotate(hours=Sum("hours_per_week")).values_list("person_id", "hours")
    return defaultdict(int, rows)


def free_hours_for(user: User) -> int:
    return max(0, user.weekly_availability - committed_hours(person_ids=[user.pk])[user.pk])


def membership_list_for_person(*, person: User, viewer: User) -> QuerySet[Membership]:
    """The teams a person is on (accepted seats) in projects the viewer may see: their profile."""
    return (
        Membership.objects.filter(person=person, status=Membership.Status.ACCEPTED)
        .filter(project_visibility_q(viewer, "project__"))
        .select_related("project", "role")
        .order_by("-responded_at", "-id")
    )


def membership_list_for_project(*, project_id: int, user: User) -> QuerySet[Membership]:
    """A project's live seats (invited and accepted), for whoever may see the project."""
    project = project_get_for_user(project_id=project_id, user=user)
    return (
        project.memberships.live()
        .select_related("project", "role", "person", "invited_by")
        .order_by("role__position", "role_id", "invited_at", "id")
    )


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The viewer's own seats: invitations waiting for an answer, then teams, then past ones."""
    return (
        Membership.objects.filter(person=user)
        .select_related("project", "role", "invited_by")
        .order_by("-invited_at", "-id")
    )


def membership_get_for_user(*, membership_id: int, user: User, for_update: bool = False) -> Membership:
    """A seat its person or the project's managers may act on."""
    qs = Membership.objects.select_related("project", "role", "person")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        membership = qs.get(pk=membership_id)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if membership.person_id != user.pk and not can_manage_project(user=user, project=membership.project):
        raise NotFound()
    return membership


def volunteer_list_for_user(*, user: User) -> QuerySet[Volunteer]:
    return Volunteer.objects.filter(person=user, withdrawn_at__isnull=True).select_related("role", "role__project")


def proposal_get_for_user(*, proposal_id: int, user: User, for_update: bool = False) -> Proposal:
    """A proposed team, for those who manage its project only."""
    qs = Proposal.objects.select_related("project", "project__owner", "created_by")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        proposal = qs.get(pk=proposal_id)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not can_manage_project(user=user, project=proposal.project):
        raise NotFound()
    return proposal


def round_get_for_user(*, round_id: int, user: User) -> FormationRound:
    if not is_teams_admin(user):
        raise NotFound()
    try:
        return FormationRound.objects.select_related("created_by").get(pk=round_id)
    except (FormationRound.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def round_list_for_user(*, user: User) -> QuerySet[FormationRound]:
    if not is_teams_admin(user):
        return FormationRound.objects.none()
    return (
        FormationRound.objects.select_related("created_by")
        .annotate(project_count=Count("projects"))
        .order_by("-created_at", "-id")  # an aggregate drops Meta.ordering
    )
