"""Reads of people and the organization, with their related rows loaded in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet

from collab.exceptions import NotFound

from .models import ApiToken, Department, Interest, Skill, SkillCategory, User, UserSkill


def _people() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .select_related("department", "manager")
        .prefetch_related(
            Prefetch("user_skills", queryset=UserSkill.objects.select_related("skill__category")),
            Prefetch("interests", queryset=Interest.objects.select_related("skill")),
        )
    )


def person_list(*, viewer: User) -> QuerySet[User]:
    """Active people with department, manager, skills and interests loaded; every employee may
    see the company directory. `accounts.filters.PersonFilter` narrows it."""
    return _people().order_by("last_name", "first_name", "id")


def person_get(*, viewer: User, user_id: int) -> User:
    person = _people().filter(pk=user_id).first()
    if person is None:
        raise NotFound()
    return person


def me_get(*, user: User) -> User:
    return _people().get(pk=user.pk)


def department_list() -> QuerySet[Department]:
    return Department.objects.select_related("parent").annotate(
        member_count=Count("members", filter=Q(members__is_active=True))
    )


def skill_list(*, search: str = "", category_id: int | None = None) -> QuerySet[Skill]:
    skills = Skill.objects.select_related("category")
    if search:
        skills = skills.filter(name__icontains=search)
    if category_id:
        skills = skills.filter(category_id=category_id)
    return skills


def skill_category_list() -> QuerySet[SkillCategory]:
    return SkillCategory.objects.prefetch_related("skills")


def api_token_list_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
