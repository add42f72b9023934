"""Reads of moderation: the review queue as a moderator may see it, an author's history, the
classifier's training data."""

from django.db.models import Count, Max, Q, QuerySet

from accounts.models import User
from threads.models import Space
from threads.selectors import space_visibility_q

from .models import AuditEntry, Case, Decision, Flag, Suspension, Trust


def case_list_for_moderator(*, user: User, open_only: bool = True) -> QuerySet[Case]:
    """The queue, highest flag score first: only items in spaces the moderator may see (the
    threads app's rule; people have no space)."""
    cases = Case.objects.filter(Q(space__isnull=True) | Q(space__in=Space.objects.filter(space_visibility_q(user))))
    if open_only:
        cases = cases.exclude(status=Case.Status.CLOSED)
    return cases.select_related("author", "space").order_by("-score", "-spam_score", "-updated_at", "-id")


def queue_size(*, user: User) -> int:
    return case_list_for_moderator(user=user).count()


def author_history(*, user_id: int) -> dict:
    """What moderators decided about a person before: cases about their content, warnings,
    suspensions, and what their own flags were worth."""
    cases = Case.objects.filter(author_id=user_id)
    return {
        "cases": cases.count(),
        "decisions": dict(
            Decision.objects.filter(case__author_id=user_id).values_list("action").annotate(n=Count("id")).order_by()
        ),
        "suspensions": list(Suspension.objects.filter(user_id=user_id).order_by("-starts_at")[:5]),
        "trust": Trust.objects.filter(user_id=user_id).first(),
        "flags_made": Flag.objects.filter(reporter_id=user_id).count(),
    }


def spam_training_version() -> tuple:
    stats = Decision.objects.filter(is_spam__isnull=False).aggregate(n=Count("id"), last=Max("id"))
    return (stats["n"], stats["last"])


def spam_training_examples(limit: int = 5000) -> list[tuple[str, bool]]:
    """The text and label of the latest labelled decisions (spam / not spam), newest first."""
    return list(Decision.objects.filter(is_spam__isnull=False).order_by("-id").values_list("text", "is_spam")[:limit])


def audit_list(*, target_kind: str | None = None, target_id: int | None = None) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor")
    if target_kind:
        entries = entries.filter(target_kind=target_kind, target_id=target_id)
    return entries.order_by("-created_at", "-id")
