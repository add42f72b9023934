"""Write the demo company (see `company.py`) to the database, in one transaction.

Idempotent: every row is found by its natural key (slug, username; a person's skill by person and
skill; an interest by person and skill or topic) and written only when missing or different, so a
second run with the same size and seed writes nothing. The seed owns the demo people it names: it
resets their profile, password, skills and interests to the seeded values and removes skills and
interests it did not give them. It never deletes people, departments or skills, so running
"small" after "large" leaves the other 4,800 people in place. Small is exactly the first 200 people
of large (same seed), so "large" after "small" only adds people.

Fast: the password is hashed once, and everything else is a handful of bulk queries per table.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from accounts.models import Department, Interest, Role, Skill, SkillCategory, User, UserSkill
from accounts.roles import STAFF_ROLES, groups_sync
from accounts.services import user_role_set

from . import data
from .company import Company, PersonSpec, company_generate

DEMO_PASSWORD = "collab-demo"  # noqa: S105 - published in the README, for demo sites only
# A fixed salt gives the same hash on every run, so re-seeding rewrites no password. Every demo
# account has the same published password, so per-account salts would protect nothing. 23
# characters carry the 128 bits of entropy Django wants, so no hash is "upgraded" at sign-in.
DEMO_PASSWORD_SALT = "collabDemoSeedSalt2025x"  # noqa: S105
BATCH_SIZE = 500
IN_CHUNK = 500  # ids per `__in` lookup, well below SQLite's limit on query parameters

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "job_title",
    "department_id",
    "manager_id",
    "bio",
    "weekly_availability",
    "is_active",
    "password",
)
# Set in bulk here for generated people; the demo logins get theirs from `user_role_set`.
ROLE_FIELDS = ("role", "is_staff", "is_superuser")
PERSONA_USERNAMES = frozenset(p["username"] for p in data.PERSONAS)


@transaction.atomic
def seed_demo(*, size: str, seed: int = 42) -> dict[str, int]:
    """Create or update the demo company. Returns what it holds and how many rows were written."""
    company = company_generate(size=size, seed=seed)
    writes = _Writes()
    role_groups = groups_sync()
    categories = _rows_sync(SkillCategory, [{"slug": slug, "name": name} for slug, name in company.categories], writes)
    skills = _rows_sync(
        Skill,
        [
            {"slug": slug, "name": name, "category_id": categories[category].pk}
            for slug, name, category in company.skills
        ],
        writes,
    )
    departments = _departments_sync(company, writes)
    people = _people_sync(company.people, departments, writes)
    _role_groups_sync(company.people, people, role_groups, writes)
    skills_held = _user_skills_sync(company.people, people, skills, writes)
    interests = _interests_sync(company.people, people, skills, writes)
    return {
        "departments": len(departments),
        "skill_categories": len(categories),
        "skills": len(skills),
        "people": len(people),
        "skills_held": skills_held,
        "interests": interests,
        "people_created": writes.people_created,
        "people_updated": writes.people_updated,
        "rows_written": writes.rows,
    }


@dataclass
class _Writes:
    rows: int = 0
    people_created: int = 0
    people_updated: int = 0


def _rows_sync(model: type[models.Model], rows: list[dict], writes: _Writes) -> dict[str, models.Model]:
    """Upsert taxonomy rows by slug; a row someone made by hand with the same (unique) name is adopted."""
    by_slug = {obj.slug: obj for obj in _filter_in(model.objects.all(), "slug", [row["slug"] for row in rows])}
    unmatched = {row["name"]: row["slug"] for row in rows if row["slug"] not in by_slug}
    for obj in model.objects.filter(name__in=unmatched):
        by_slug[unmatched[obj.name]] = obj
    created, changed = [], []
    for row in rows:
        obj = by_slug.get(row["slug"])
        if obj is None:
            by_slug[row["slug"]] = obj = model(**row)
            created.append(obj)
        elif _assign(obj, row):
            changed.append(obj)
    model.objects.bulk_create(created, batch_size=BATCH_SIZE)
    if changed:
        model.objects.bulk_update(changed, list(rows[0]), batch_size=BATCH_SIZE)
    writes.rows += len(created) + len(changed)
    return by_slug


def _departments_sync(company: Company, writes: _Writes) -> dict[str, Department]:
    rows = [{"slug": d.slug, "name": d.name, "description": d.description} for d in company.departments]
    departments = _rows_sync(Department, rows, writes)
    # Parents once every department has an id.
    parents = [
        {"slug": d.slug, "parent_id": departments[d.parent].pk if d.parent else None} for d in company.departments
    ]
    return _rows_sync(Department, parents, writes)


def _people_sync(specs: Sequence[PersonSpec], departments: dict[str, Department], writes: _Writes) -> dict[str, User]:
    """Upsert people by username, managers before their reports so every manager_id is known."""
    password = make_password(DEMO_PASSWORD, salt=DEMO_PASSWORD_SALT)
    users = {u.username: u for u in _filter_in(User.objects.all(), "username", [s.username for s in specs])}
    for level in _by_depth(specs):
        created, changed = [], []
        for spec in level:
            values = {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": spec.email,
                "job_title": spec.job_title,
                "department_id": departments[spec.department].pk,
                "manager_id": users[spec.manager].pk if spec.manager else None,
                "bio": spec.bio,
                "weekly_availability": spec.weekly_availability,
                "is_active": True,
                "password": password,
            }
            if spec.username not in PERSONA_USERNAMES:
                values.update(_role_fields(spec.role))
            user = users.get(spec.username)
            if user is None:
                users[spec.username] = user = User(username=spec.username, **values)
                created.append(user)
            elif _assign(user, values):
                changed.append(user)
        User.objects.bulk_create(created, batch_size=BATCH_SIZE)
        if changed:
            User.objects.bulk_update(changed, PROFILE_FIELDS + ROLE_FIELDS, batch_size=BATCH_SIZE)
        writes.people_created += len(created)
        writes.people_updated += len(changed)
        writes.rows += len(created) + len(changed)
    return users


def _role_groups_sync(specs: Sequence[PersonSpec], users: dict[str, User], role_groups: dict, writes: _Writes) -> None:
    """Each person in exactly their role's group, as `user_role_set` leaves them.

    Generated people get it in bulk; the four demo logins go through `user_role_set` itself,
    and only when something is off, so a second run writes nothing.
    """
    through = User.groups.through
    group_ids = {group.pk for group in role_groups.values()}
    current: dict[int, set[int]] = defaultdict(set)
    memberships = through.objects.filter(group_id__in=group_ids).values_list("user_id", "group_id")
    for user_id, group_id in _filter_in(memberships, "user_id", [u.pk for u in users.values()]):
        current[user_id].add(group_id)
    stale: list[tuple[int, int]] = []
    missing = []
    for spec in specs:
        user = users[spec.username]
        wanted = role_groups[spec.role].pk
        if spec.username in PERSONA_USERNAMES:
            flags = _role_fields(spec.role)
            state = {field: getattr(user, field) for field in ROLE_FIELDS}
            if state != flags or current[user.pk] != {wanted}:
                user_role_set(user=user, role=spec.role)
                writes.rows += 1
            continue
        stale.extend((user.pk, group_id) for group_id in current[user.pk] - {wanted})
        if wanted not in current[user.pk]:
            missing.append(through(user_id=user.pk, group_id=wanted))
    for user_id, group_id in stale:  # only after someone changed a role by hand
        through.objects.filter(user_id=user_id, group_id=group_id).delete()
    through.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    writes.rows += len(stale) + len(missing)


def _user_skills_sync(
    specs: Sequence[PersonSpec], users: dict[str, User], skills: dict[str, Skill], writes: _Writes
) -> int:
    wanted = {(users[spec.username].pk, skills[slug].pk): level for spec in specs for slug, level in spec.skills}
    existing = {
        (user_id, skill_id): (pk, level)
        for pk, user_id, skill_id, level in _filter_in(
            UserSkill.objects.values_list("pk", "user_id", "skill_id", "level"),
            "user_id",
            [users[s.username].pk for s in specs],
        )
    }
    stale = [pk for key, (pk, _level) in existing.items() if key not in wanted]
    created = [
        UserSkill(user_id=user_id, skill_id=skill_id, level=level)
        for (user_id, skill_id), level in wanted.items()
        if (user_id, skill_id) not in existing
    ]
    changed = [
        UserSkill(pk=existing[key][0], level=level)
        for key, level in wanted.items()
        if key in existing and existing[key][1] != level
    ]
    _delete_pks(UserSkill, stale)
    UserSkill.objects.bulk_create(created, batch_size=BATCH_SIZE)
    if changed:
        UserSkill.objects.bulk_update(changed, ["level"], batch_size=BATCH_SIZE)
    writes.rows += len(stale) + len(created) + len(changed)
    return len(wanted)


def _interests_sync(
    specs: Sequence[PersonSpec], users: dict[str, User], skills: dict[str, Skill], writes: _Writes
) -> int:
    # A dict, not a set: new rows are inserted in the people's order on every run.
    wanted = dict.fromkeys(
        (users[spec.username].pk, skills[slug].pk if slug else None, topic)
        for spec in specs
        for slug, topic in spec.interests
    )
    existing = {
        (user_id, skill_id, topic): pk
        for pk, user_id, skill_id, topic in _filter_in(
            Interest.objects.values_list("pk", "user_id", "skill_id", "topic"),
            "user_id",
            [users[s.username].pk for s in specs],
        )
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    created = [
        Interest(user_id=user_id, skill_id=skill_id, topic=topic)
        for user_id, skill_id, topic in wanted
        if (user_id, skill_id, topic) not in existing
    ]
    _delete_pks(Interest, stale)
    Interest.objects.bulk_create(created, batch_size=BATCH_SIZE)
    writes.rows += len(stale) + len(created)
    return len(wanted)


def _role_fields(role: str) -> dict:
    """The flags `user_role_set` gives a role."""
    return {"role": Role(role).value, "is_staff": role in STAFF_ROLES, "is_superuser": role == Role.ADMIN}


def _by_depth(specs: Sequence[PersonSpec]) -> list[list[PersonSpec]]:
    """People grouped by distance from the top of the org chart, the top first."""
    managers = {spec.username: spec.manager for spec in specs}
    depth: dict[str, int] = {}

    def depth_of(username: str) -> int:
        if username not in depth:
            manager = managers[username]
            depth[username] = 0 if manager is None else depth_of(manager) + 1
        return depth[username]

    levels: dict[int, list[PersonSpec]] = defaultdict(list)
    for spec in specs:
        levels[depth_of(spec.username)].append(spec)
    return [levels[d] for d in sorted(levels)]


def _assign(obj: models.Model, values: dict) -> bool:
    """Set the values that differ; True if any did."""
    changed = False
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    return changed


def _filter_in(queryset: models.QuerySet, field: str, values: Iterable) -> Iterator:
    values = list(values)
    for start in range(0, len(values), IN_CHUNK):
        yield from queryset.filter(**{f"{field}__in": values[start : start + IN_CHUNK]})


def _delete_pks(model: type[models.Model], pks: list[int]) -> None:
    for start in range(0, len(pks), IN_CHUNK):
        model.objects.filter(pk__in=pks[start : start + IN_CHUNK]).delete()
