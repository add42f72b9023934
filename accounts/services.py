"""Every write to people, skills, interests, roles and API tokens."""

import secrets
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab.exceptions import ApplicationError, NotFound
from collab.realtime.sockets import sockets_close_for_user

from . import events
from .models import MAX_WEEKLY_HOURS, ApiToken, Department, Interest, Role, Skill, User, UserSkill
from .roles import STAFF_ROLES, group_name

PROFILE_FIELDS = ("first_name", "last_name", "job_title", "bio", "weekly_availability", "department_id")
MAX_TOPIC_LENGTH = 80
MAX_ACTIVE_TOKENS = 20


class InvalidProfile(ApplicationError):
    code = "invalid_profile"


class TooManyTokens(ApplicationError):
    code = "too_many_tokens"


class AccountSuspended(ApplicationError):
    code = "account_suspended"
    status_code = HTTPStatus.FORBIDDEN
    default_message = _("This account is suspended.")


# Why an inactive account is inactive, asked when its API token is used so the client gets a
# clear refusal rather than "invalid token". A higher app (moderation) registers a provider in its
# AppConfig.ready(): it returns a message, or None when it is not the reason.
_inactive_reasons: list[Callable[[User], str | None]] = []


def register_inactive_reason(provider: Callable[[User], str | None]) -> None:
    if provider not in _inactive_reasons:
        _inactive_reasons.append(provider)


# Permission changes (role, deactivation) are recorded in the audit log of a higher app
# (moderation), which registers a recorder in its AppConfig.ready(). Recorders run inside the
# service's transaction: the change and its audit line commit or roll back together.
AccountChangeRecorder = Callable[..., None]  # (*, user, actor, action, data) -> None
_change_recorders: list[AccountChangeRecorder] = []


def register_account_change_recorder(recorder: AccountChangeRecorder) -> None:
    if recorder not in _change_recorders:
        _change_recorders.append(recorder)


def _record_change(*, user: User, actor: User | None, action: str, data: dict) -> None:
    for recorder in _change_recorders:
        recorder(user=user, actor=actor, action=action, data=data)


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str = "",
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    department: Department | None = None,
    manager: User | None = None,
    role: str = Role.EMPLOYEE,
    weekly_availability: int = 0,
) -> User:
    """Create a person with a role. Raises InvalidProfile for a taken username or e-mail."""
    user = User(
        username=username,
        email=email.strip().lower(),
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        department=department,
        manager=manager,
        weekly_availability=weekly_availability,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean(exclude=["password", "role"])
    except ValidationError as exc:
        raise InvalidProfile(_first_message(exc), field=_first_field(exc)) from exc
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise InvalidProfile(_("This username or e-mail is already taken."), field="username") from exc
    user_role_set(user=user, role=role, previous_role=role)  # a new account: not a change
    return user


@transaction.atomic
def profile_update(*, user: User, **changes) -> User:
    """Change the editable fields of a person's own profile. Raises InvalidProfile with the field."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidProfile(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    department_id = changes.get("department_id")
    if department_id is not None and not Department.objects.filter(pk=department_id).exists():
        raise InvalidProfile(_("This department does not exist."), field="department")
    hours = changes.get("weekly_availability")
    if hours is not None and not (0 <= int(hours) <= MAX_WEEKLY_HOURS):
        raise InvalidProfile(
            _("Free hours per week must be between 0 and %(max)d.") % {"max": MAX_WEEKLY_HOURS},
            field="weekly_availability",
        )
    for field, value in changes.items():
        setattr(user, field, value)
    try:
        user.full_clean(
            exclude=["password", "username", "email", "role"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise InvalidProfile(_first_message(exc), field=_first_field(exc)) from exc
    if changes:
        user.save(update_fields=list(changes))
        events.person_updated(user)
    return user


@transaction.atomic
def user_skill_set(*, user: User, skill: Skill, level: int) -> UserSkill:
    """Add a skill to a person or change its level (1-5)."""
    if not 1 <= int(level) <= 5:
        raise InvalidProfile(_("A skill level is a whole number from 1 to 5."), field="level")
    user_skill, _created = UserSkill.objects.update_or_create(user=user, skill=skill, defaults={"level": int(level)})
    events.person_updated(user)
    return user_skill


@transaction.atomic
def user_skill_remove(*, user: User, skill: Skill) -> None:
    deleted, _rows = UserSkill.objects.filter(user=user, skill=skill).delete()
    if deleted:
        events.person_updated(user)


@transaction.atomic
def interest_add(*, user: User, skill: Skill | None = None, topic: str = "") -> Interest:
    """Add a passion: a skill from the taxonomy or a free topic (not both). Adding it twice keeps one."""
    topic = " ".join(topic.split())
    if (skill is None) == (not topic):
        raise InvalidProfile(_("Give either a skill or a topic."), field="topic")
    if len(topic) > MAX_TOPIC_LENGTH:
        raise InvalidProfile(_("A topic has at most %(max)d characters.") % {"max": MAX_TOPIC_LENGTH}, field="topic")
    if skill is None:
        # A free topic that names a known skill becomes that skill, so the optimizer can use it.
        skill = Skill.objects.filter(name__iexact=topic).first()
        if skill is not None:
            topic = ""
    existing = (
        Interest.objects.filter(user=user, skill=skill)
        if skill
        else Interest.objects.filter(user=user, topic__iexact=topic)
    )
    interest = existing.first()
    if interest is None:
        interest = Interest.objects.create(user=user, skill=skill, topic=topic)
        events.person_updated(user)
    return interest


@transaction.atomic
def interest_remove(*, user: User, interest_id: int) -> None:
    deleted, _rows = Interest.objects.filter(user=user, pk=interest_id).delete()
    if not deleted:
        raise NotFound()
    events.person_updated(user)


@transaction.atomic
def user_role_set(*, user: User, role: str, actor: User | None = None, previous_role: str | None = None) -> User:
    """Give a person a role: the role field, the matching group, and staff/superuser flags. A change
    is recorded (who, from, to) by the registered recorders (the audit log). `previous_role` is for
    callers that saved the new role already (the admin's form)."""
    if role not in Role.values:
        raise InvalidProfile(_("Unknown role."), field="role")
    if previous_role is None and user.pk:
        previous_role = User.objects.filter(pk=user.pk).values_list("role", flat=True).first()
    role_groups = Group.objects.filter(name__in=[group_name(r) for r in Role])
    user.groups.remove(*role_groups)
    group, _created = Group.objects.get_or_create(name=group_name(role))
    user.groups.add(group)
    user.role = role
    user.is_staff = role in STAFF_ROLES
    user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    if previous_role != role:
        _record_change(user=user, actor=actor, action="role_changed", data={"from": previous_role, "to": role})
    return user


@transaction.atomic
def user_deactivate(*, user: User, actor: User | None = None) -> User:
    """Stop a person from signing in; their API tokens stop working and their open sockets close.
    Recorded by the registered recorders (the audit log)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    _record_change(user=user, actor=actor, action="deactivated", data={})
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    sockets_close_for_user(user_id=user.pk, reason="deactivated")
    return user


def _sessions_end(user: User) -> None:
    """Delete the person's sessions (database sessions: each is decoded, which is fine for a rare
    moderator action), so they stay signed out even after their account is active again."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


@transaction.atomic
def user_suspend(*, user: User) -> User:
    """Suspend a person: they cannot sign in, their sessions end and their open sockets close at
    once; their API tokens are refused with `account_suspended` but kept for afterwards. The period
    and the reason belong to the caller (moderation.Suspension), which lifts it with
    `user_unsuspend`."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    _sessions_end(user)
    sockets_close_for_user(user_id=user.pk, reason="suspended")
    return user


@transaction.atomic
def user_unsuspend(*, user: User) -> User:
    """The end of a suspension: the person may sign in again and their API tokens work again."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise InvalidProfile(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    sockets_close_for_user(user_id=user.pk, reason="password_changed")
    return user


def sockets_close_on_password_change(sender=None, request=None, user=None, **kwargs) -> None:
    """allauth signal receiver: sessions made with the old password end, and so do their sockets.
    The current tab reconnects with its refreshed session."""
    if user is not None:
        sockets_close_for_user(user_id=user.pk, reason="password_changed")


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a personal API token. Returns the row and the secret, which is never stored."""
    name = name.strip()
    if not name:
        raise InvalidProfile(_("Give the token a name."), field="name")
    if expires_at is not None and expires_at <= timezone.now():
        raise InvalidProfile(_("The expiry date must be in the future."), field="expires_at")
    # Lock the person's row so two requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TooManyTokens(_("You have too many active tokens; revoke one first."))
    key = "clb_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:80],
        prefix=key[4 : 4 + ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        expires_at=expires_at,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The active token for a secret, with its user, or None. Records the last use at most once a minute.
    Raises AccountSuspended for a valid token of a suspended person."""
    token = ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None:
        return None
    if not token.user.is_active:
        for provider in _inactive_reasons:
            if message := provider(token.user):
                raise AccountSuspended(message)
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _first_field(exc: ValidationError) -> str | None:
    return next(iter(exc.message_dict), None) if hasattr(exc, "error_dict") else None


def _first_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return next(iter(exc.message_dict.values()))[0]
    return exc.messages[0]
