"""Background work of idea boards: telling followers and voters, inviting guests.

Each task takes ids, returns quietly when its rows are gone, and is safe to run twice (a status
change is announced once: its row records that it was)."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import User

from . import events
from .models import Board, Idea, IdeaCoauthor, IdeaFollow, IdeaStatusChange, Vote
from .selectors import user_can_see_idea


def _audience(idea: Idea, *, exclude: set[int]) -> list[User]:
    """Followers, voters and authors of an idea who may still see it."""
    ids = (
        set(IdeaFollow.objects.filter(idea=idea).values_list("user_id", flat=True))
        | set(Vote.objects.filter(idea=idea).values_list("voter_id", flat=True))
        | set(IdeaCoauthor.objects.filter(idea=idea, accepted_at__isnull=False).values_list("user_id", flat=True))
        | {idea.author_id}
    ) - exclude
    people = User.objects.filter(pk__in=ids, is_active=True).select_related("department")
    return [person for person in people if user_can_see_idea(user=person, idea=idea)]


@shared_task(name="ideas.idea_status_notify", acks_late=True, ignore_result=True)
def idea_status_notify(*, idea_id: int, change_id: int) -> int:
    """Tell followers and voters that an idea's status changed (an `idea.notice` on `user.<id>`)."""
    with transaction.atomic():
        change = IdeaStatusChange.objects.select_for_update().filter(pk=change_id, notified_at__isnull=True).first()
        if change is None:
            return 0
        idea = Idea.objects.select_related("board").filter(pk=idea_id).first()
        if idea is None:
            return 0
        people = _audience(idea, exclude={change.changed_by_id} if change.changed_by_id else set())
        for person in people:
            events.idea_notice(user_id=person.pk, idea=idea, kind="status_changed")
        change.notified_at = timezone.now()
        change.save(update_fields=["notified_at"])
        return len(people)


@shared_task(name="ideas.idea_voters_notify", acks_late=True, ignore_result=True)
def idea_voters_notify(*, idea_id: int, version: int) -> int:
    """Tell voters who voted on an earlier version that the idea changed materially."""
    idea = Idea.objects.filter(pk=idea_id, version=version).first()
    if idea is None:
        return 0  # gone, or edited again (that edit announces itself)
    voters = User.objects.filter(
        is_active=True, pk__in=Vote.objects.filter(idea=idea, seen_version__lt=version).values("voter_id")
    ).select_related("department")
    sent = 0
    with transaction.atomic():
        for voter in voters:
            if user_can_see_idea(user=voter, idea=idea):
                events.idea_notice(user_id=voter.pk, idea=idea, kind="changed_after_vote")
                sent += 1
    return sent


@shared_task(name="ideas.idea_merged_notify", acks_late=True, ignore_result=True)
def idea_merged_notify(*, duplicate_id: int, original_id: int, user_ids: list[int] | None = None) -> int:
    """Tell the people who followed, voted for or wrote the duplicate (`user_ids`, collected by
    `idea_merge` before the votes moved) where their idea went, if they may see the original."""
    original = Idea.objects.filter(pk=original_id).first()
    if original is None or not Idea.objects.filter(pk=duplicate_id, merged_into=original).exists():
        return 0
    people = User.objects.filter(pk__in=user_ids or [], is_active=True).select_related("department")
    sent = 0
    with transaction.atomic():
        for person in people:
            if user_can_see_idea(user=person, idea=original):
                events.idea_notice(user_id=person.pk, idea=original, kind="merged")
                sent += 1
    return sent


@shared_task(name="ideas.guest_invitation_send", acks_late=True, ignore_result=True, max_retries=5)
def guest_invitation_send(*, board_id: int, user_id: int, inviter_id: int | None = None) -> bool:
    """E-mail a guest the link that sets their password and opens the board."""
    board = Board.objects.filter(pk=board_id).first()
    guest = User.objects.filter(pk=user_id, is_active=True).first()
    if board is None or guest is None or not guest.email:
        return False
    inviter = User.objects.filter(pk=inviter_id).first() if inviter_id else None
    uid = urlsafe_base64_encode(force_bytes(guest.pk))
    token = default_token_generator.make_token(guest)
    link = settings.SITE_URL + reverse("guest_accept", args=[uid, token]) + f"?board={board.slug}"
    context = {"board": board, "guest": guest, "inviter": inviter, "link": link, "site_name": settings.SITE_NAME}
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are invited to the idea board “%(board)s”") % {"board": board.title}
        body = render_to_string("ideas/email/guest_invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [guest.email])
    return True
