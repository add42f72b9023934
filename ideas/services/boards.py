"""Boards and campaigns, and the external guests a board is opened to."""

from datetime import datetime

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Department, Role, User
from accounts.services import user_create
from collab.exceptions import Forbidden
from collab.realtime.sockets import sockets_close_for_user, topic_access_recheck
from threads.models import Space, SpaceMembership
from threads.services import space_create

from .. import events, tasks
from ..models import Board, BoardGuest, Vote
from ..selectors import board_get_for_user, can_manage_board
from ._common import render_body
from .errors import InvalidBoard


def _check_dates(opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise InvalidBoard(_("A campaign must close after it opens."), field="closes_at")


def _check_budget(vote_budget: int | None) -> None:
    if vote_budget is not None and not 1 <= vote_budget <= 1000:
        raise InvalidBoard(_("A vote budget is between 1 and 1000 votes."), field="vote_budget")


@transaction.atomic
def board_create(
    *,
    owner: User,
    title: str,
    kind: str = Board.Kind.OPEN,
    question: str = "",
    description: str = "",
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    audience: str = Board.Audience.COMPANY,
    department_ids: list[int] | None = None,
    voting: str = Board.Voting.UP,
    vote_budget: int | None = None,
    slug: str = "",
) -> Board:
    """Open a board or campaign with its discussion space. Managers and moderators may.

    Raises Forbidden, InvalidBoard."""
    if owner.is_guest or not (owner.is_manager or owner.is_moderator):
        raise Forbidden(_("Only managers and moderators can open idea boards."))
    title = " ".join((title or "").split())
    if not title:
        raise InvalidBoard(_("Give the board a title."), field="title")
    if kind not in Board.Kind.values:
        raise InvalidBoard(_("Unknown kind of board."), field="kind")
    if audience not in Board.Audience.values:
        raise InvalidBoard(_("Unknown audience."), field="audience")
    if voting not in Board.Voting.values:
        raise InvalidBoard(_("Unknown voting rule."), field="voting")
    if kind == Board.Kind.CAMPAIGN and not closes_at:
        raise InvalidBoard(_("A campaign needs a closing date."), field="closes_at")
    _check_dates(opens_at, closes_at)
    _check_budget(vote_budget)
    departments = list(Department.objects.filter(pk__in=department_ids or []))
    if audience == Board.Audience.DEPARTMENTS and not departments:
        raise InvalidBoard(_("Choose at least one department."), field="department_ids")
    slug = slugify(slug or title)[:150] or "board"
    if Board.objects.filter(slug=slug).exists():
        raise InvalidBoard(_("A board with this address already exists."), field="slug")
    space_slug = f"ideas-{slug}"[:120]
    if Space.objects.filter(slug=space_slug).exists():
        space_slug = f"ideas-{slug}-{Board.objects.count() + 1}"[:120]
    space = space_create(
        creator=owner,
        name=_("Ideas: %(title)s") % {"title": title[:100]},
        description=question or title,
        visibility=Space.Visibility.DEPARTMENT if audience == Board.Audience.DEPARTMENTS else Space.Visibility.PUBLIC,
        department_ids=[d.pk for d in departments],
        slug=space_slug,
    )
    rendered = render_body(description, field="description", required=False, max_length=5000)
    board = Board.objects.create(
        title=title[:160],
        slug=slug,
        kind=kind,
        question=(question or "").strip()[:300],
        description=rendered.body,
        description_html=rendered.html,
        opens_at=opens_at,
        closes_at=closes_at,
        audience=audience,
        voting=voting,
        vote_budget=vote_budget,
        owner=owner,
        space=space,
    )
    board.departments.set(departments)
    # The owner sees the board whatever its audience, so they must reach its discussions too.
    SpaceMembership.objects.get_or_create(space=space, user=owner)
    return board


BOARD_FIELDS = {"title", "question", "description", "opens_at", "closes_at", "voting", "vote_budget", "is_archived"}


@transaction.atomic
def board_update(*, board_id: int, actor: User, department_ids: list[int] | None = None, **changes) -> Board:
    """Change a board's settings (its owner, managers, moderators). The discussion space follows
    the audience. Switching to up-votes only is refused while down-votes exist (they would vanish).

    Raises Forbidden, InvalidBoard."""
    board = board_get_for_user(board_id=board_id, user=actor, for_update=True)
    if not can_manage_board(user=actor, board=board):
        raise Forbidden(_("Only the board's owner, managers and moderators can change it."))
    unknown = set(changes) - BOARD_FIELDS - {"audience"}
    if unknown:
        raise InvalidBoard(_("Unknown setting: %(name)s.") % {"name": sorted(unknown)[0]})
    fields = []
    if "title" in changes:
        title = " ".join((changes["title"] or "").split())
        if not title:
            raise InvalidBoard(_("Give the board a title."), field="title")
        board.title = title[:160]
        fields.append("title")
    if "question" in changes:
        board.question = (changes["question"] or "").strip()[:300]
        fields.append("question")
    if "description" in changes:
        rendered = render_body(changes["description"], field="description", required=False, max_length=5000)
        board.description, board.description_html = rendered.body, rendered.html
        fields += ["description", "description_html"]
    for name in ("opens_at", "closes_at", "is_archived"):
        if name in changes:
            setattr(board, name, changes[name])
            fields.append(name)
    if board.kind == Board.Kind.CAMPAIGN and not board.closes_at:
        raise InvalidBoard(_("A campaign needs a closing date."), field="closes_at")
    _check_dates(board.opens_at, board.closes_at)
    if "vote_budget" in changes:
        _check_budget(changes["vote_budget"])
        board.vote_budget = changes["vote_budget"]
        fields.append("vote_budget")
    if "voting" in changes:
        if changes["voting"] not in Board.Voting.values:
            raise InvalidBoard(_("Unknown voting rule."), field="voting")
        if changes["voting"] == Board.Voting.UP and Vote.objects.filter(idea__board=board, value=-1).exists():
            raise InvalidBoard(_("This board has down-votes: it cannot become up-votes only."), field="voting")
        board.voting = changes["voting"]
        fields.append("voting")
    if "audience" in changes or department_ids is not None:
        audience = changes.get("audience", board.audience)
        if audience not in Board.Audience.values:
            raise InvalidBoard(_("Unknown audience."), field="audience")
        departments = list(Department.objects.filter(pk__in=department_ids or []))
        if audience == Board.Audience.DEPARTMENTS and not departments:
            raise InvalidBoard(_("Choose at least one department."), field="department_ids")
        board.audience = audience
        fields.append("audience")
        board.departments.set(departments)
        space = board.space
        space.visibility = (
            Space.Visibility.DEPARTMENT if audience == Board.Audience.DEPARTMENTS else Space.Visibility.PUBLIC
        )
        space.save(update_fields=["visibility"])
        space.departments.set(departments)
        # Sockets of people who just lost the board stop following it and its ideas.
        topic_access_recheck(topic=events.board_topic(board.pk))
        for idea_id in board.ideas.values_list("pk", flat=True):
            topic_access_recheck(topic=events.idea_topic(idea_id))
    if fields:
        board.save(update_fields=fields)
    if "voting" in changes:  # "top" means Wilson on up/down boards, up-votes otherwise
        from .votes import board_scores_rebuild

        board_scores_rebuild(board=board)
    return board


@transaction.atomic
def board_guest_invite(*, board_id: int, actor: User, email: str, first_name: str = "", last_name: str = "") -> User:
    """Open a board to an external guest: a guest account (created if new) that sees, posts and votes
    on this board only. Enqueues the invitation e-mail with a one-time link to set a password.

    Raises Forbidden, InvalidBoard."""
    board = board_get_for_user(board_id=board_id, user=actor, for_update=True)
    if not can_manage_board(user=actor, board=board):
        raise Forbidden(_("Only the board's owner, managers and moderators can invite guests."))
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        raise InvalidBoard(_("Enter the guest's e-mail address."), field="email")
    guest = User.objects.filter(email__iexact=email).first()
    if guest is not None and not guest.is_guest:
        raise InvalidBoard(
            _("%(email)s belongs to a member of the company: they see the boards their audience includes.")
            % {"email": email},
            field="email",
        )
    if guest is None:
        base = slugify(email.split("@")[0])[:100] or "guest"
        username, n = f"guest-{base}", 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"guest-{base}-{n}"
        guest = user_create(
            username=username, email=email, first_name=first_name.strip()[:150], last_name=last_name.strip()[:150],
            role=Role.GUEST,
        )  # fmt: skip
    elif not guest.is_active:
        raise InvalidBoard(_("This guest's account is deactivated."), field="email")
    BoardGuest.objects.get_or_create(board=board, user=guest, defaults={"invited_by": actor})
    SpaceMembership.objects.get_or_create(space=board.space, user=guest)
    tasks.guest_invitation_send.delay_on_commit(board_id=board.pk, user_id=guest.pk, inviter_id=actor.pk)
    return guest


@transaction.atomic
def board_guest_remove(*, board_id: int, actor: User, user_id: int) -> None:
    """Close a board to a guest; their open sockets on it close at once. Their ideas and votes stay."""
    board = board_get_for_user(board_id=board_id, user=actor, for_update=True)
    if not can_manage_board(user=actor, board=board):
        raise Forbidden(_("Only the board's owner, managers and moderators can remove guests."))
    BoardGuest.objects.filter(board=board, user_id=user_id).delete()
    SpaceMembership.objects.filter(space=board.space, user_id=user_id).delete()
    sockets_close_for_user(user_id=user_id, reason="access_changed")


def guest_invitation_token(user: User) -> str:
    return default_token_generator.make_token(user)
