"""Opening, editing, publishing and closing projects and their roles."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import MAX_WEEKLY_HOURS, Skill, User
from collab.exceptions import Forbidden, NotFound
from ideas.selectors import idea_get_for_user
from threads import markdown

from .. import events
from ..models import MAX_HEADCOUNT, Membership, Project, ProjectRole, RoleSkill
from ..selectors import can_manage_project, can_open_project, project_get_for_user
from .errors import InvalidProject, InvalidRole, ProjectNotOpen

MAX_ROLES = 30
MAX_SKILLS_PER_ROLE = 20  # the optimizer takes up to 64; more than 20 is no longer a role


def _clean(value: str, field: str, max_length: int, *, required: bool, label: str) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidProject(_("Give the project a %(label)s.") % {"label": label}, field=field)
    if len(value) > max_length:
        raise InvalidProject(
            _("Keep the %(label)s under %(n)s characters.") % {"label": label, "n": max_length}, field=field
        )
    return value


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidProject(_("The end date must not be before the start date."), field="ends_on")


def _managed(project_id: int, actor: User) -> Project:
    project = project_get_for_user(project_id=project_id, user=actor, for_update=True)
    if not can_manage_project(user=actor, project=project):
        raise Forbidden(_("Only the project's owner and admins can change it."))
    return project


@transaction.atomic
def project_create(
    *,
    owner: User,
    title: str,
    goal: str,
    topics: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    idea_id: int | None = None,
    roles: list[dict] | None = None,
) -> Project:
    """Open a project in draft (publish it to call for volunteers), optionally promoted from an idea
    the owner can see and that has no project yet. `roles` as for `role_add`."""
    if not can_open_project(owner):
        raise Forbidden(_("Only managers can open projects."))
    title = _clean(title, "title", 160, required=True, label=_("title"))
    goal = _clean(goal, "goal", 10000, required=True, label=_("goal"))
    topics = _clean(topics, "topics", 300, required=False, label=_("topic list"))
    _check_dates(starts_on, ends_on)
    idea = None
    if idea_id is not None:
        try:
            idea = idea_get_for_user(idea_id=idea_id, user=owner)
        except NotFound:
            raise InvalidProject(_("No such idea."), field="idea_id") from None
        if idea.merged_into_id:
            raise InvalidProject(_("This idea was merged into another one: promote that one."), field="idea_id")
        if Project.objects.filter(idea=idea).exists():
            raise InvalidProject(_("This idea already has a project."), field="idea_id")
    project = Project.objects.create(
        title=title,
        goal=goal,
        goal_html=markdown.render(goal).html,
        topics=topics,
        owner=owner,
        idea=idea,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    for index, spec in enumerate(roles or []):
        try:
            _role_create(project, **spec)
        except InvalidRole as exc:
            field = f"roles[{index}].{exc.field}" if exc.field else f"roles[{index}]"
            raise InvalidRole(exc.message, field=field) from exc
    return project


@transaction.atomic
def project_update(*, project_id: int, actor: User, **changes) -> Project:
    """Change title, goal, topics or dates. Publishes `project.updated`."""
    project = _managed(project_id, actor)
    if project.status == Project.Status.CLOSED:
        raise ProjectNotOpen(_("This project is closed."))
    fields = []
    for field, label, max_length, required in (
        ("title", _("title"), 160, True),
        ("goal", _("goal"), 10000, True),
        ("topics", _("topic list"), 300, False),
    ):
        if field in changes:
            setattr(project, field, _clean(changes.pop(field), field, max_length, required=required, label=label))
            fields.append(field)
    for field in ("starts_on", "ends_on"):
        if field in changes:
            setattr(project, field, changes.pop(field))
            fields.append(field)
    if changes:
        raise InvalidProject(_("Unknown field."), field=next(iter(changes)))
    _check_dates(project.starts_on, project.ends_on)
    if "goal" in fields:
        project.goal_html = markdown.render(project.goal).html
        fields.append("goal_html")
    if fields:
        project.save(update_fields=fields)
        events.project_updated(project)
    return project


@transaction.atomic
def project_publish(*, project_id: int, actor: User) -> Project:
    """Publish a draft as an open call: every employee sees it and may volunteer."""
    project = _managed(project_id, actor)
    if project.status != Project.Status.DRAFT:
        raise ProjectNotOpen(_("Only a draft can be published."))
    if not project.roles.exists():
        raise InvalidProject(_("Add at least one role before publishing."), field="roles")
    project.status = Project.Status.OPEN
    project.published_at = timezone.now()
    project.save(update_fields=["status", "published_at"])
    events.project_updated(project)
    return project


@transaction.atomic
def project_close(*, project_id: int, actor: User) -> Project:
    """Close a project: it takes no volunteers or members; pending invitations lapse and every
    member's hours are free again (their seat stays on their profile as a past team)."""
    project = _managed(project_id, actor)
    if project.status == Project.Status.CLOSED:
        return project
    now = timezone.now()
    project.status = Project.Status.CLOSED
    project.closed_at = now
    project.save(update_fields=["status", "closed_at"])
    lapsed = list(project.memberships.filter(status=Membership.Status.INVITED).select_related("person", "role"))
    project.memberships.filter(pk__in=[m.pk for m in lapsed]).update(
        status=Membership.Status.DECLINED, responded_at=now
    )
    for membership in lapsed:
        membership.status = Membership.Status.DECLINED
        events.seat_changed(membership, "team.member_declined")
    for membership in [
        *lapsed,
        *project.memberships.filter(status=Membership.Status.ACCEPTED).select_related("person", "role"),
    ]:
        events.team_notice(membership, "project_closed")
    events.project_updated(project)
    return project


# --- roles ---------------------------------------------------------------------------------------


def _int(value, field: str, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidRole(_("Enter a whole number."), field=field) from None
    if not low <= number <= high:
        raise InvalidRole(message, field=field)
    return number


def _requirements(skills) -> list[tuple[int, int]]:
    """[(skill id, minimum level)] from [{"skill_id", "min_level"}], checked."""
    pairs = []
    for index, item in enumerate(skills or []):
        skill_id = item.get("skill_id") if isinstance(item, dict) else None
        level = _int(
            item.get("min_level", 3) if isinstance(item, dict) else None,
            f"skills[{index}].min_level",
            1,
            5,
            _("A minimum level is from 1 to 5."),
        )
        pairs.append((skill_id, level))
    ids = [skill_id for skill_id, _level in pairs]
    if len(set(ids)) != len(ids):
        raise InvalidRole(_("Each skill appears once per role."), field="skills")
    if len(ids) > MAX_SKILLS_PER_ROLE:
        raise InvalidRole(_("A role needs at most %(n)s skills.") % {"n": MAX_SKILLS_PER_ROLE}, field="skills")
    known = set(Skill.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]).values_list("pk", flat=True))
    for index, skill_id in enumerate(ids):
        if skill_id not in known:
            raise InvalidRole(_("Unknown skill."), field=f"skills[{index}].skill_id")
    return pairs


def _role_fields(name, description, headcount, hours_per_week) -> dict:
    name = (name or "").strip()
    if not name:
        raise InvalidRole(_("Give the role a name."), field="name")
    if len(name) > 120:
        raise InvalidRole(_("Keep the name under 120 characters."), field="name")
    if len(description or "") > 2000:
        raise InvalidRole(_("Keep the description under 2,000 characters."), field="description")
    return {
        "name": name,
        "description": (description or "").strip(),
        "headcount": _int(
            headcount, "headcount", 1, MAX_HEADCOUNT, _("A role has from 1 to %(n)s seats.") % {"n": MAX_HEADCOUNT}
        ),
        "hours_per_week": _int(
            hours_per_week,
            "hours_per_week",
            1,
            MAX_WEEKLY_HOURS,
            _("A role takes from 1 to %(n)s hours a week: a seat with no hours would book nobody's time.")
            % {"n": MAX_WEEKLY_HOURS},
        ),
    }


def _role_create(
    project: Project, *, name: str, headcount=1, hours_per_week=None, description: str = "", skills=None
) -> ProjectRole:
    fields = _role_fields(name, description, headcount, hours_per_week)
    if project.roles.count() >= MAX_ROLES:
        raise InvalidRole(_("A project has at most %(n)s roles.") % {"n": MAX_ROLES})
    position = (project.roles.aggregate(m=Max("position"))["m"] or 0) + 1
    role = ProjectRole.objects.create(project=project, position=position, **fields)
    RoleSkill.objects.bulk_create(
        [RoleSkill(role=role, skill_id=skill_id, min_level=level) for skill_id, level in _requirements(skills)]
    )
    return role


@transaction.atomic
def role_add(
    *,
    project_id: int,
    actor: User,
    name: str,
    headcount=1,
    hours_per_week=None,
    description: str = "",
    skills: list[dict] | None = None,
) -> ProjectRole:
    """Add a role: `skills` is [{"skill_id": 3, "min_level": 4}, ...]."""
    project = _managed(project_id, actor)
    if project.status == Project.Status.CLOSED:
        raise ProjectNotOpen(_("This project is closed."))
    role = _role_create(
        project, name=name, headcount=headcount, hours_per_week=hours_per_week, description=description, skills=skills
    )
    events.project_updated(project)
    return role


@transaction.atomic
def role_update(*, role_id: int, actor: User, skills: list[dict] | None = None, **changes) -> ProjectRole:
    """Change a role. Fewer seats than live members, or more hours than a member has free, is refused."""
    role = ProjectRole.objects.select_related("project").filter(pk=role_id).first()
    if role is None:
        raise NotFound()
    project = _managed(role.project_id, actor)
    if project.status == Project.Status.CLOSED:
        raise ProjectNotOpen(_("This project is closed."))
    role = ProjectRole.objects.select_for_update().get(pk=role_id)
    unknown = set(changes) - {"name", "description", "headcount", "hours_per_week"}
    if unknown:
        raise InvalidRole(_("Unknown field."), field=sorted(unknown)[0])
    current = {f: getattr(role, f) for f in ("name", "description", "headcount", "hours_per_week")}
    fields = _role_fields(**{**current, **changes})
    live = role.memberships.live()
    if fields["headcount"] < live.count():
        raise InvalidRole(
            _("%(n)s people already hold or are invited to seats of this role.") % {"n": live.count()},
            field="headcount",
        )
    if fields["hours_per_week"] != role.hours_per_week and live.exists():
        raise InvalidRole(_("People hold seats of this role: its hours cannot change now."), field="hours_per_week")
    for field, value in fields.items():
        setattr(role, field, value)
    role.save(update_fields=list(fields))
    if skills is not None:
        pairs = _requirements(skills)
        role.requirements.all().delete()
        RoleSkill.objects.bulk_create([RoleSkill(role=role, skill_id=s, min_level=level) for s, level in pairs])
    events.project_updated(project)
    return role


@transaction.atomic
def role_remove(*, role_id: int, actor: User) -> None:
    role = ProjectRole.objects.filter(pk=role_id).first()
    if role is None:
        raise NotFound()
    project = _managed(role.project_id, actor)
    if project.status == Project.Status.CLOSED:
        raise ProjectNotOpen(_("This project is closed."))
    if role.memberships.exists():
        raise InvalidRole(_("People were invited to this role; it stays on the project's record."))
    role.delete()
    events.project_updated(project)
