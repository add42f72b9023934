"""Every write of moderation: flags, decisions on the review queue, automatic hiding, suspensions,
the audit log and reporters' trust.

Content changes go through the domain apps' services (`moderation.targets`), so their events,
live pages and notifications follow whatever the entry point (admin, API, task).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import Role, User
from collab.exceptions import ApplicationError, Conflict, Forbidden, NotFound

from . import events, spam, targets
from .models import Action, AuditEntry, Case, Decision, Flag, Reason, Suspension, TargetKind, Trust
from .targets import InvalidAction, Target

logger = logging.getLogger(__name__)

BOT_USERNAME = "collab-moderation"
AUTOMATIC = "Collab (automatic)"
MAX_NOTE_LENGTH = 1000


class InvalidFlag(ApplicationError):
    code = "invalid_flag"


class OwnContent(ApplicationError):
    code = "own_content"
    default_message = _("You cannot flag your own content.")


class AlreadyFlagged(Conflict):
    code = "already_flagged"
    default_message = _("You already flagged this; moderators will look at it.")


class TooManyFlags(ApplicationError):
    code = "too_many_flags"
    status_code = 429
    default_message = _("You flagged a lot recently. Wait a while and try again.")


# --- audit log and trust --------------------------------------------------------------------------


def audit_record(
    *,
    actor: User | None,
    action: str,
    target_kind: str,
    target_id: int,
    target_repr: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Append one line to the audit log (in the caller's transaction: a rolled-back action leaves none)."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(actor.username if actor else AUTOMATIC)[:160],
        action=action,
        target_kind=target_kind,
        target_id=target_id,
        target_repr=target_repr[:200],
        reason=reason,
        data=data or {},
    )


def account_change_record(*, user: User, actor: User | None, action: str, data: dict) -> None:
    """accounts' recorder: a role change or deactivation becomes an audit line (same transaction)."""
    audit_record(actor=actor, action=action, target_kind="person", target_id=user.pk, target_repr=str(user), data=data)


def flag_weight(*, user: User) -> float:
    """What a person's flag counts for: 2 x (upheld + 1) / (upheld + dismissed + 2).

    A newcomer's flag counts 1; every upheld flag pushes the weight towards 2 and every
    dismissed one towards 0, so people whose flags moderators keep upholding hide content sooner
    and people who flag to harass soon count for little."""
    trust = Trust.objects.filter(user=user).first()
    upheld, dismissed = (trust.flags_upheld, trust.flags_dismissed) if trust else (0, 0)
    return round(2 * (upheld + 1) / (upheld + dismissed + 2), 3)


def _trust_bump(user_id: int, **fields: int) -> None:
    Trust.objects.get_or_create(user_id=user_id)
    Trust.objects.filter(user_id=user_id).update(**{name: F(name) + n for name, n in fields.items()})


def moderation_bot() -> User:
    """The account automatic hiding acts as (the domain services want a moderator). It has no
    password and cannot sign in."""
    bot = User.objects.filter(username=BOT_USERNAME).first()
    if bot is None:
        try:
            with transaction.atomic():
                bot = account_services.user_create(
                    username=BOT_USERNAME, first_name="Collab", last_name="moderation", role=Role.MODERATOR
                )
        except (IntegrityError, account_services.InvalidProfile):  # made by a concurrent first use
            bot = User.objects.get(username=BOT_USERNAME)
    return bot


# --- flags ----------------------------------------------------------------------------------------


def _case_for(target: Target) -> Case:
    """The item's case, locked; created on first flag or doubt (one per item, ever)."""
    defaults = {
        "author": target.author,
        "space_id": target.space_id,
        "title": target.title[:200],
        "excerpt": target.text,
        "url": target.url[:300],
    }
    try:
        with transaction.atomic():
            Case.objects.get_or_create(target_kind=target.kind, target_id=target.id, defaults=defaults)
    except IntegrityError:
        pass  # created by a concurrent flag in the meantime
    return Case.objects.select_for_update().get(target_kind=target.kind, target_id=target.id)


def _case_rescore(case: Case) -> None:
    open_flags = case.flags.filter(status=Flag.Status.OPEN)
    case.score = round(open_flags.aggregate(s=Sum("weight"))["s"] or 0.0, 3)
    case.flag_count = open_flags.count()


def _case_reopen(case: Case, target: Target) -> None:
    """A closed case gets new doubt: back in the queue, with the item's current text."""
    if case.status == Case.Status.CLOSED:
        case.status, case.resolved_at, case.auto_hidden = Case.Status.OPEN, None, False
    case.excerpt, case.title = target.text, target.title[:200]


@transaction.atomic
def flag_create(*, reporter: User, target_kind: str, target_id: int, reason: str, note: str = "") -> Flag:
    """Flag a post, an idea or a person for moderators, with a reason and a note.

    One open flag per person per item; never your own content; only what you can see (NotFound
    otherwise, as if it did not exist). When the item's flag score reaches
    `MODERATION_AUTO_HIDE_SCORE` it is hidden pending review. Raises InvalidFlag, OwnContent,
    AlreadyFlagged, TooManyFlags, NotFound.
    """
    if reason not in Reason.values:
        raise InvalidFlag(_("Choose a reason."), field="reason")
    if target_kind not in TargetKind.values:
        raise InvalidFlag(_("Unknown kind of item."), field="target_kind")
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidFlag(_("A note has at most %(max)d characters.") % {"max": MAX_NOTE_LENGTH}, field="note")
    target = targets.target_get_for_user(kind=target_kind, target_id=target_id, user=reporter)
    if target.author is not None and target.author.pk == reporter.pk:
        raise OwnContent()
    if target.is_removed:
        raise InvalidFlag(_("This was already taken down."))
    since = timezone.now() - timedelta(hours=1)
    if Flag.objects.filter(reporter=reporter, created_at__gte=since).count() >= settings.MODERATION_FLAGS_PER_HOUR:
        raise TooManyFlags(extra={"retry_after": 3600})
    case = _case_for(target)
    if case.flags.filter(reporter=reporter, status=Flag.Status.OPEN).exists():
        raise AlreadyFlagged()
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                case=case, reporter=reporter, reason=reason, note=note, weight=flag_weight(user=reporter)
            )
    except IntegrityError as exc:  # the same person, twice at once
        raise AlreadyFlagged() from exc
    _case_reopen(case, target)
    _case_rescore(case)
    case.updated_at = timezone.now()
    case.save(
        update_fields=["status", "resolved_at", "auto_hidden", "excerpt", "title", "score", "flag_count", "updated_at"]
    )
    if (
        case.score >= settings.MODERATION_AUTO_HIDE_SCORE
        and case.status == Case.Status.OPEN
        and target.kind != TargetKind.PERSON
    ):
        _auto_hide(case, target, reason=_("Flag score %(score).2f reached the threshold.") % {"score": case.score})
    return flag


def _auto_hide(case: Case, target: Target, *, reason: str, spam_score: float | None = None) -> None:
    """Hide pending review: never a deletion, and a moderator's keep or restore undoes it."""
    if not target.is_removed:
        targets.hide(target, actor=moderation_bot())
    case.status, case.auto_hidden, case.updated_at = Case.Status.HIDDEN, True, timezone.now()
    case.save(update_fields=["status", "auto_hidden", "updated_at"])
    Decision.objects.create(case=case, moderator=None, action=Action.AUTO_HIDE, reason=reason, text=target.text)
    audit_record(
        actor=None, action="case.auto_hide", target_kind=target.kind, target_id=target.id,
        target_repr=target.label, reason=reason, data={"case": case.pk, "score": case.score, "spam_score": spam_score},
    )  # fmt: skip


# --- decisions ------------------------------------------------------------------------------------

_PERSON_ACTIONS = {Action.KEEP, Action.WARN, Action.SUSPEND}
_UPHOLDS = {Action.HIDE, Action.DELETE, Action.LOCK, Action.WARN, Action.SUSPEND, Action.SPAM}


def _require_moderator(user: User) -> None:
    if not (user.is_authenticated and user.is_active and user.is_moderator):
        raise Forbidden(_("Only moderators can do this."))


def _flags_resolve(case: Case, *, upheld: bool) -> None:
    now = timezone.now()
    reporters = list(case.flags.filter(status=Flag.Status.OPEN).values_list("reporter_id", flat=True))
    case.flags.filter(status=Flag.Status.OPEN).update(
        status=Flag.Status.UPHELD if upheld else Flag.Status.DISMISSED, resolved_at=now
    )
    for reporter_id in reporters:
        _trust_bump(reporter_id, **{"flags_upheld" if upheld else "flags_dismissed": 1})


@transaction.atomic
def case_decide(*, case_id: int, moderator: User, action: str, reason: str = "", days: int | None = None) -> Decision:
    """A moderator's decision on one queue item, carried out through the owning app's services.

    keep (dismiss the flags; undo an automatic hide), hide, delete (soft), restore, lock the
    thread, warn or suspend the author (`days`; None: until lifted), spam (hide, and teach the
    classifier). Writes a Decision and an audit entry; the domain services publish their events;
    a warning publishes `moderation.notice`. Raises Forbidden, NotFound (the moderator cannot see
    the item: refused as if it did not exist), InvalidAction.
    """
    _require_moderator(moderator)
    if action not in Action.values or action == Action.AUTO_HIDE:
        raise InvalidAction(_("Unknown action."), field="action")
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    target = targets.target_get_for_user(kind=case.target_kind, target_id=case.target_id, user=moderator)
    if target.kind == TargetKind.PERSON and action not in _PERSON_ACTIONS:
        raise InvalidAction(_("People are warned or suspended, not hidden, deleted, restored or locked."))
    author = target.author
    if action in (Action.WARN, Action.SUSPEND) and author is None:
        raise InvalidAction(_("This item has no author to warn or suspend."))
    if author is not None and author.pk == moderator.pk and action in (Action.WARN, Action.SUSPEND):
        raise InvalidAction(_("You cannot warn or suspend yourself."))
    reason = (reason or "").strip()[:2000]
    is_spam = None

    if action == Action.KEEP:
        if case.auto_hidden and target.is_removed:
            targets.restore(target, actor=moderator)
        is_spam = False
    elif action in (Action.HIDE, Action.SPAM):
        if not target.is_removed:
            targets.hide(target, actor=moderator)
        is_spam = True if action == Action.SPAM else None
    elif action == Action.DELETE:
        targets.delete(target, actor=moderator)
    elif action == Action.RESTORE:
        targets.restore(target, actor=moderator)
        is_spam = False
    elif action == Action.LOCK:
        targets.lock(target, actor=moderator)
    elif action == Action.WARN:
        events.moderation_notice(user_id=author.pk, kind="warned", title=target.title, url=target.url, reason=reason)
        _trust_bump(author.pk, warnings=1)
    elif action == Action.SUSPEND:
        suspension_start(user=author, moderator=moderator, days=days, reason=reason or _("Moderation decision."))

    if action in (Action.HIDE, Action.DELETE, Action.SPAM) and author is not None:
        _trust_bump(author.pk, removed=1)
        if target.kind == TargetKind.IDEA or target.is_root:
            # A hidden idea or thread is not told by its own app; the author learns it here.
            events.moderation_notice(
                user_id=author.pk, kind="hidden", title=target.title, url=target.url, reason=reason
            )
    if action == Action.RESTORE and author is not None and (target.kind == TargetKind.IDEA or target.is_root):
        events.moderation_notice(user_id=author.pk, kind="restored", title=target.title, url=target.url, reason=reason)

    if case.flag_count:
        _flags_resolve(case, upheld=action in _UPHOLDS)
        _case_rescore(case)
    now = timezone.now()
    case.status, case.resolved_at, case.updated_at = Case.Status.CLOSED, now, now
    case.save(update_fields=["status", "resolved_at", "updated_at", "score", "flag_count"])
    decision = Decision.objects.create(
        case=case, moderator=moderator, action=action, reason=reason, text=target.text, is_spam=is_spam
    )
    audit_record(
        actor=moderator, action=f"case.{action}", target_kind=target.kind, target_id=target.id,
        target_repr=target.label, reason=reason, data={"case": case.pk, "decision": decision.pk, "days": days},
    )  # fmt: skip
    return decision


# --- suspensions ----------------------------------------------------------------------------------


class InvalidSuspension(ApplicationError):
    code = "invalid_suspension"


@transaction.atomic
def suspension_start(*, user: User, moderator: User, days: int | None, reason: str) -> Suspension:
    """Suspend a person for `days` (None: until lifted): they cannot sign in, their sessions end,
    their open sockets close at once and their API tokens are refused (`account_suspended`) until
    it ends. Suspending someone already suspended changes the end and the reason."""
    _require_moderator(moderator)
    if user.pk == moderator.pk:
        raise InvalidSuspension(_("You cannot suspend yourself."))
    if user.is_moderator and not moderator.is_superuser:
        raise Forbidden(_("Only admins can suspend moderators."))
    if days is not None and not 1 <= int(days) <= 365:
        raise InvalidSuspension(_("A suspension lasts 1 to 365 days."), field="days")
    now = timezone.now()
    ends_at = now + timedelta(days=int(days)) if days is not None else None
    suspension = Suspension.objects.select_for_update().filter(user=user, lifted_at__isnull=True).first()
    if suspension is not None:
        suspension.ends_at, suspension.reason = ends_at, reason
        suspension.save(update_fields=["ends_at", "reason"])
        action = "suspension.changed"
    else:
        suspension = Suspension.objects.create(
            user=user, starts_at=now, ends_at=ends_at, reason=reason, created_by=moderator
        )
        action = "suspension.started"
    account_services.user_suspend(user=user)
    audit_record(
        actor=moderator, action=action, target_kind=TargetKind.PERSON, target_id=user.pk,
        target_repr=user.display_name, reason=reason,
        data={"suspension": suspension.pk, "ends_at": ends_at.isoformat() if ends_at else None},
    )  # fmt: skip
    return suspension


@transaction.atomic
def suspension_lift(*, suspension_id: int, actor: User | None, reason: str = "") -> Suspension:
    """End a suspension (a moderator, or `actor=None` when its time is up): the person may sign in
    again and their API tokens work again."""
    if actor is not None:
        _require_moderator(actor)
    suspension = Suspension.objects.select_for_update().select_related("user").filter(pk=suspension_id).first()
    if suspension is None:
        raise NotFound()
    if suspension.lifted_at is None:
        suspension.lifted_at, suspension.lifted_by = timezone.now(), actor
        suspension.save(update_fields=["lifted_at", "lifted_by"])
        account_services.user_unsuspend(user=suspension.user)
        audit_record(
            actor=actor, action="suspension.lifted", target_kind=TargetKind.PERSON, target_id=suspension.user_id,
            target_repr=suspension.user.display_name, reason=reason or (_("Ended.") if actor is None else ""),
            data={"suspension": suspension.pk},
        )  # fmt: skip
    return suspension


def suspensions_expire() -> int:
    """Lift every suspension whose time is up; returns how many."""
    due = Suspension.objects.filter(lifted_at__isnull=True, ends_at__lte=timezone.now()).values_list("pk", flat=True)
    count = 0
    for suspension_id in list(due):
        suspension_lift(suspension_id=suspension_id, actor=None)
        count += 1
    return count


def suspension_reason(user: User) -> str | None:
    """Why an inactive account is inactive, when moderation is why (asked by `accounts`)."""
    suspension = Suspension.objects.filter(user=user, lifted_at__isnull=True).first()
    if suspension is None:
        return None
    if suspension.ends_at:
        return _("This account is suspended until %(date)s.") % {"date": f"{suspension.ends_at:%Y-%m-%d %H:%M} UTC"}
    return _("This account is suspended.")


# --- the spam scorer ------------------------------------------------------------------------------

_model_cache: dict[str, object] = {}


def spam_model() -> spam.NaiveBayes:
    """The classifier trained on moderators' spam / not-spam decisions (the latest 5,000),
    retrained in this process when a decision was added."""
    from .selectors import spam_training_examples, spam_training_version

    version = spam_training_version()
    if _model_cache.get("version") != version:
        _model_cache["model"] = spam.NaiveBayes().fit(spam_training_examples())
        _model_cache["version"] = version
    return _model_cache["model"]  # type: ignore[return-value]


@transaction.atomic
def content_score(*, post_id: int, edited: bool = False) -> spam.Verdict | None:
    """Score a new member's post or an edited post for spam, and check new members' limits.

    Above `MODERATION_SPAM_HIDE_SCORE`, or over a new member's limits (links per post, posts per
    hour), the post is hidden pending review; above `MODERATION_SPAM_QUEUE_SCORE` it is queued.
    Never deletes. Returns the verdict, or None when the post needs no check."""
    target = targets.target_get(kind=TargetKind.POST, target_id=post_id)
    if target is None or target.is_removed or target.author is None or target.author.is_moderator:
        return None
    author = target.author
    is_new = targets.posts_count(user=author) <= settings.MODERATION_NEW_MEMBER_POSTS
    if not (is_new or edited):
        return None
    verdict = spam.score(target.text, spam_model())
    over_limits = []
    if is_new:
        if len(spam.links(target.text)) > settings.MODERATION_NEW_MEMBER_LINKS:
            over_limits.append(
                _("more than %(n)d links from a new member") % {"n": settings.MODERATION_NEW_MEMBER_LINKS}
            )
        if targets.posts_in_last_hour(user=author) > settings.MODERATION_NEW_MEMBER_POSTS_PER_HOUR:
            over_limits.append(
                _("more than %(n)d posts in an hour from a new member")
                % {"n": settings.MODERATION_NEW_MEMBER_POSTS_PER_HOUR}
            )
    hide = verdict.score >= settings.MODERATION_SPAM_HIDE_SCORE or bool(over_limits)
    if not (hide or verdict.score >= settings.MODERATION_SPAM_QUEUE_SCORE):
        return verdict
    case = _case_for(target)
    if case.status == Case.Status.CLOSED and not edited:
        return verdict  # a moderator already decided on this text
    _case_reopen(case, target)
    case.spam_score = verdict.score
    case.spam_reasons = "; ".join([*over_limits, *verdict.reasons])[:300]
    case.updated_at = timezone.now()
    case.save(
        update_fields=[
            "status",
            "resolved_at",
            "auto_hidden",
            "excerpt",
            "title",
            "spam_score",
            "spam_reasons",
            "updated_at",
        ]
    )
    if hide and case.status == Case.Status.OPEN:
        _auto_hide(case, target, reason=case.spam_reasons or _("Spam score."), spam_score=verdict.score)
    return verdict
