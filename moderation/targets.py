"""What can be flagged: posts, ideas and people, seen through the domain apps' own access checks
and changed only through their services (so pages, sockets and notifications follow).

The one module of this app that reads the domain apps' rows, like `notifications.sources`.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import person_get
from collab.exceptions import ApplicationError, NotFound
from ideas import services as idea_services
from ideas.models import Idea
from ideas.selectors import idea_get_for_user
from threads import services as thread_services
from threads.models import Post
from threads.selectors import post_get_for_user

from .models import TargetKind


class InvalidAction(ApplicationError):
    code = "invalid_action"


@dataclass
class Target:
    kind: str
    id: int
    author: User | None
    title: str
    text: str
    url: str
    space_id: int | None = None
    thread_id: int | None = None
    is_removed: bool = False  # hidden or (soft-)deleted: what readers no longer see
    is_root: bool = False

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}: {self.title}"[:200]


def _post(post: Post) -> Target:
    return Target(
        kind=TargetKind.POST,
        id=post.pk,
        author=post.author,
        title=post.thread.title,
        text=post.body,
        url=reverse("post_permalink", args=[post.thread_id, post.pk]),
        space_id=post.thread.space_id,
        thread_id=post.thread_id,
        is_removed=post.is_deleted or post.thread.is_hidden,
        is_root=post.depth == 0,
    )


def _idea(idea: Idea) -> Target:
    return Target(
        kind=TargetKind.IDEA,
        id=idea.pk,
        author=idea.author,
        title=idea.title,
        text=f"{idea.title}\n\n{idea.body}",
        url=reverse("idea_detail", args=[idea.pk]),
        space_id=idea.board.space_id,
        thread_id=idea.thread_id,
        is_removed=idea.is_hidden,
    )


def _person(person: User) -> Target:
    return Target(
        kind=TargetKind.PERSON,
        id=person.pk,
        author=person,
        title=person.display_name,
        text=f"{person.display_name}\n{person.job_title}\n{person.bio}",
        url=reverse("person_detail", args=[person.pk]),
        is_removed=not person.is_active,
    )


def target_get_for_user(*, kind: str, target_id: int, user: User) -> Target:
    """The item as `user` may see it, through the domain's one access function; NotFound when
    it is missing or hidden from them (the same answer)."""
    if kind == TargetKind.POST:
        return _post(post_get_for_user(post_id=target_id, user=user))
    if kind == TargetKind.IDEA:
        return _idea(idea_get_for_user(idea_id=target_id, user=user))
    if kind == TargetKind.PERSON:
        if user.is_guest or not user.is_active:
            raise NotFound()  # guests have no people directory
        return _person(person_get(viewer=user, user_id=target_id))
    raise NotFound()


def target_get(*, kind: str, target_id: int) -> Target | None:
    """The item whoever may see it (background work); None when it is gone."""
    if kind == TargetKind.POST:
        post = Post.objects.select_related("thread", "author").filter(pk=target_id).first()
        return _post(post) if post else None
    if kind == TargetKind.IDEA:
        idea = Idea.objects.select_related("board", "author").filter(pk=target_id).first()
        return _idea(idea) if idea else None
    if kind == TargetKind.PERSON:
        person = User.objects.filter(pk=target_id).first()
        return _person(person) if person else None
    return None


def _content_only(target: Target) -> None:
    if target.kind == TargetKind.PERSON:
        raise InvalidAction(_("People are warned or suspended, not hidden, deleted, restored or locked."))


def hide(target: Target, *, actor: User) -> None:
    """Out of sight for everyone but moderators, reversibly: a reply becomes the domain's deleted
    placeholder, an opening post hides its thread, an idea is hidden (with its discussion)."""
    _content_only(target)
    if target.kind == TargetKind.IDEA:
        idea_services.idea_hide(idea_id=target.id, actor=actor)
    elif target.is_root:
        thread_services.thread_hidden_set(thread_id=target.thread_id, actor=actor, hidden=True)
    else:
        thread_services.post_delete(post_id=target.id, actor=actor)


def delete(target: Target, *, actor: User) -> None:
    """Soft deletion: a post's text goes behind the placeholder (restorable); ideas have no deletion
    of their own, so a deleted idea is hidden."""
    _content_only(target)
    if target.kind == TargetKind.IDEA:
        idea_services.idea_hide(idea_id=target.id, actor=actor)
    else:
        thread_services.post_delete(post_id=target.id, actor=actor)


def restore(target: Target, *, actor: User) -> None:
    """Back as it was: text, replies, votes and version untouched."""
    _content_only(target)
    if target.kind == TargetKind.IDEA:
        idea_services.idea_restore(idea_id=target.id, actor=actor)
        return
    post = Post.objects.select_related("thread").get(pk=target.id)
    if post.thread.is_hidden:
        thread_services.thread_hidden_set(thread_id=post.thread_id, actor=actor, hidden=False)
    if post.is_deleted:
        thread_services.post_restore(post_id=post.pk, actor=actor)


def lock(target: Target, *, actor: User) -> None:
    _content_only(target)
    thread_services.thread_lock(thread_id=target.thread_id, actor=actor, locked=True)


def posts_count(*, user: User) -> int:
    """Posts of a person that are still up: what lifts a new member's limits."""
    return Post.objects.filter(author=user, is_deleted=False, thread__is_hidden=False).count()


def posts_in_last_hour(*, user: User) -> int:
    return Post.objects.filter(author=user, created_at__gte=timezone.now() - timedelta(hours=1)).count()


def root_post_id(*, thread_id: int) -> int | None:
    return Post.objects.filter(thread_id=thread_id, depth=0).values_list("pk", flat=True).first()
