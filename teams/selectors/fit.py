"""How well a person fits a role, and why: the "fits you" score on the project pages.

The score is the optimizer's fit (docs/formation.md) for someone who volunteers with the top
preference: (0.2 + 0.8 x skill) x (0.5 + 0.5 x interest), shown as a percentage, where skill is
the mean of level / 5 over the role's required skills and interest the share of the role's skills
and the project's topics the person wants to work on. A role needing more hours than the person
has free is shown, with the reason, but never ranks above one they could take.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Interest, User, UserSkill

from ..models import Project, ProjectRole
from .projects import free_hours_for


@dataclass
class Profile:
    """What the fit needs to know about a person, read once per page."""

    skills: dict[int, tuple[str, int]]  # skill id -> (name, level)
    skill_interests: set[int]
    topic_interests: dict[str, str]  # lower-cased topic -> as written
    free_hours: int


@dataclass
class RoleFit:
    score: int  # 0-100
    has: list[tuple[str, int, int]] = field(default_factory=list)  # (skill, level, minimum) met
    short: list[tuple[str, int, int]] = field(default_factory=list)  # (skill, level, minimum) not met
    wants: list[str] = field(default_factory=list)  # skills or topics of the role they are interested in
    free_hours: int = 0
    hours_needed: int = 0

    @property
    def enough_hours(self) -> bool:
        return self.free_hours >= self.hours_needed

    @property
    def reason(self) -> str:
        parts = []
        if self.has:
            parts.append(
                _("you have %(skills)s")
                % {"skills": ", ".join(f"{name} {level}/5" for name, level, _minimum in self.has[:3])}
            )
        elif self.short:
            name, _level, minimum = self.short[0]
            parts.append(_("it needs %(skill)s %(minimum)s/5") % {"skill": name, "minimum": minimum})
        if self.wants:
            wants = _("want to work on %(topics)s") % {"topics": ", ".join(self.wants[:3])}
            if parts and self.has:
                parts[-1] = _("%(has)s and %(wants)s") % {"has": parts[-1], "wants": wants}
            else:
                parts.append(wants)
        hours = ngettext("%(hours)s h free", "%(hours)s h free", self.free_hours) % {"hours": self.free_hours}
        if not self.enough_hours:
            hours = _("%(free)s h free of the %(needed)s h it needs") % {
                "free": self.free_hours,
                "needed": self.hours_needed,
            }
        parts.append(hours)
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


def fit_profile(user: User) -> Profile:
    skills = {
        skill_id: (name, level)
        for skill_id, name, level in UserSkill.objects.filter(user=user).values_list("skill_id", "skill__name", "level")
    }
    skill_interests, topics = set(), {}
    for skill_id, topic in Interest.objects.filter(user=user).values_list("skill_id", "topic"):
        if skill_id:
            skill_interests.add(skill_id)
        elif topic:
            topics[topic.strip().lower()] = topic
    return Profile(
        skills=skills, skill_interests=skill_interests, topic_interests=topics, free_hours=free_hours_for(user)
    )


def role_fit(profile: Profile, role: ProjectRole, project: Project) -> RoleFit:
    """Needs `role.requirements` prefetched with their skills."""
    requirements = list(role.requirements.all())
    fit = RoleFit(score=0, free_hours=profile.free_hours, hours_needed=role.hours_per_week)
    level_sum = 0
    for req in requirements:
        _name, level = profile.skills.get(req.skill_id, (req.skill.name, 0))
        level_sum += level
        (fit.has if level >= req.min_level else fit.short).append((req.skill.name, level, req.min_level))
        if req.skill_id in profile.skill_interests:
            fit.wants.append(req.skill.name)
    topics = project.topic_list
    for topic in topics:
        if topic.lower() in profile.topic_interests:
            fit.wants.append(topic)
    skill = level_sum / (5 * len(requirements)) if requirements else 0.5
    tags = len(requirements) + len(topics)
    interest = len(fit.wants) / tags if tags else 0.0
    fit.score = round(100 * (0.2 + 0.8 * skill) * (0.5 + 0.5 * interest))
    fit.has.sort(key=lambda item: -item[1])
    return fit


def projects_with_fit(projects, user: User, profile: Profile | None = None) -> list[Project]:
    """Annotate each role of each project with `fit` for `user` (whose `profile` may be read
    already), and each project with `best_fit`: its best role they have the hours for, else its
    best role. The order is kept."""
    profile = profile or fit_profile(user)
    projects = list(projects)
    for project in projects:
        best = None
        for role in project.roles.all():
            role.fit = role_fit(profile, role, project)
            key = (role.fit.enough_hours, role.fit.score)
            if best is None or key > (best.enough_hours, best.score):
                best = role.fit
        project.best_fit = best
    return projects


def fit_rank(project: Project) -> tuple[bool, int]:
    """Sort key (reversed) of projects annotated by `projects_with_fit`: those with a role the person
    has the hours for first, then by their best score."""
    best = project.best_fit
    return (best is not None and best.enough_hours, best.score if best else 0)
