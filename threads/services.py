"""Every write to spaces, threads and posts."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Department, User
from collab.exceptions import ApplicationError, Forbidden

from . import events, markdown
from .models import (
    MAX_DEPTH,
    SEGMENT_LENGTH,
    Backlink,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Space,
    SpaceMembership,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from .selectors import can_edit_post, post_get_for_user, space_get_for_user, thread_get_for_user, user_can_see_thread

MAX_TITLE_LENGTH = 200


class ThreadLocked(ApplicationError):
    code = "thread_locked"
    default_message = _("This thread is locked: no new replies.")


class InvalidPost(ApplicationError):
    code = "invalid_post"


class TooDeep(ApplicationError):
    code = "too_deep"


@dataclass
class _Body:
    body: str
    rendered: markdown.Rendered


def _render(body: str, *, field: str = "body") -> _Body:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise InvalidPost(_("Write something first."), field=field)
    if len(body) > markdown.MAX_LENGTH:
        raise InvalidPost(
            _("A post has at most %(max)d characters (this one has %(n)d).")
            % {"max": markdown.MAX_LENGTH, "n": len(body)},
            field=field,
        )
    rendered = markdown.render(body, resolve_mentions=_mention_urls, site_hosts=frozenset(settings.ALLOWED_HOSTS))
    if not rendered.html.strip():
        raise InvalidPost(_("Write something first."), field=field)
    return _Body(body, rendered)


def _mention_urls(usernames: list[str]) -> dict[str, str]:
    people = User.objects.filter(is_active=True, username__in=usernames).values_list("username", "pk")
    return {username: reverse("person_detail", args=[pk]) for username, pk in people}


def _segment(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(SEGMENT_LENGTH, "0")


def _index_for_search(post: Post) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE threads_post SET search_vector = "
                "setweight(to_tsvector('english', coalesce(%s, '')), 'A') || to_tsvector('english', body) "
                "WHERE id = %s",
                [post.thread.title if post.is_root else "", post.pk],
            )


def _links_and_mentions(post: Post, rendered: markdown.Rendered, *, notify: bool) -> None:
    """Store the post's mentions and Collab links; tell newly mentioned people who can see the thread."""
    people = {u.username: u for u in User.objects.filter(is_active=True, username__in=rendered.mentions)}
    already = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    new = [people[name] for name in rendered.mentions if name in people and people[name].pk not in already]
    Mention.objects.bulk_create([Mention(post=post, user=user) for user in new], ignore_conflicts=True)
    Backlink.objects.filter(source=post).exclude(
        target_kind__in=[k for k, _ in rendered.links], target_id__in=[i for _, i in rendered.links]
    ).delete()
    Backlink.objects.bulk_create(
        [Backlink(source=post, target_kind=kind, target_id=target) for kind, target in rendered.links],
        ignore_conflicts=True,
    )
    if notify:
        for user in new:
            if user.pk != post.author_id and user_can_see_thread(user=user, thread=post.thread):
                events.mention_created(post=post, user=user)


# --- spaces --------------------------------------------------------------------------------------


@transaction.atomic
def space_create(
    *,
    creator: User,
    name: str,
    description: str = "",
    visibility: str = Space.Visibility.PUBLIC,
    department_ids: list[int] | None = None,
    member_ids: list[int] | None = None,
    slug: str = "",
) -> Space:
    """Open a space. Managers, moderators and admins may; a private space starts with its creator."""
    if not (creator.is_manager or creator.is_moderator):
        raise Forbidden(_("Only managers and moderators can open spaces."))
    name = name.strip()
    if not name:
        raise InvalidPost(_("Give the space a name."), field="name")
    if visibility not in Space.Visibility.values:
        raise InvalidPost(_("Unknown visibility."), field="visibility")
    slug = slugify(slug or name)[:120] or "space"
    if Space.objects.filter(slug=slug).exists():
        raise InvalidPost(_("A space with this address already exists."), field="slug")
    space = Space.objects.create(
        name=name[:120], slug=slug, description=description, visibility=visibility, created_by=creator
    )
    if visibility == Space.Visibility.DEPARTMENT:
        departments = list(Department.objects.filter(pk__in=department_ids or []))
        if not departments:
            raise InvalidPost(_("Choose at least one department."), field="department_ids")
        space.departments.set(departments)
    if visibility == Space.Visibility.PRIVATE:
        ids = set(member_ids or []) | {creator.pk}
        SpaceMembership.objects.bulk_create(
            [
                SpaceMembership(space=space, user_id=pk)
                for pk in User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
            ]
        )
    return space


@transaction.atomic
def space_member_add(*, space: Space, user: User, actor: User) -> None:
    if not (actor.is_moderator or space.created_by_id == actor.pk):
        raise Forbidden()
    SpaceMembership.objects.get_or_create(space=space, user=user)


@transaction.atomic
def space_member_remove(*, space: Space, user: User, actor: User) -> None:
    """Remove a member; their open sockets on the space and its threads stop at once."""
    if not (actor.is_moderator or space.created_by_id == actor.pk):
        raise Forbidden()
    SpaceMembership.objects.filter(space=space, user=user).delete()
    from collab.realtime.sockets import sockets_close_for_user

    sockets_close_for_user(user_id=user.pk, reason="access_changed")


# --- threads and posts ---------------------------------------------------------------------------


@transaction.atomic
def thread_start(*, space_id: int, author: User, title: str, body: str) -> Thread:
    """Start a thread with its opening post. Publishes `thread.started` on `space.<id>`."""
    space = space_get_for_user(space_id=space_id, user=author)
    if space.is_archived:
        raise InvalidPost(_("This space is archived."))
    title = " ".join((title or "").split())
    if not title:
        raise InvalidPost(_("Give the thread a title."), field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise InvalidPost(_("A title has at most %(max)d characters.") % {"max": MAX_TITLE_LENGTH}, field="title")
    content = _render(body)
    now = timezone.now()
    thread = Thread.objects.create(
        space=space, title=title, author=author, created_at=now, last_activity_at=now, post_counter=1
    )
    post = Post.objects.create(
        thread=thread,
        author=author,
        path=_segment(1),
        depth=0,
        body=content.body,
        body_html=content.rendered.html,
        created_at=now,
    )
    _index_for_search(post)
    _links_and_mentions(post, content.rendered, notify=True)
    ThreadSubscription.objects.create(thread=thread, user=author, level=ThreadSubscription.Level.WATCHING)
    ThreadRead.objects.create(thread=thread, user=author, read_at=now)
    events.thread_started(thread)
    return thread


@transaction.atomic
def reply_post(*, thread_id: int, author: User, body: str, parent_id: int | None = None) -> Post:
    """Reply to a thread (to its opening post, or to any reply in it).

    Publishes `reply.posted` on `thread.<id>` and `thread.activity` on `space.<id>`; mentions publish
    `mention.created` on `user.<id>`. Raises ThreadLocked, InvalidPost, TooDeep, NotFound.
    """
    thread = thread_get_for_user(thread_id=thread_id, user=author, for_update=True)
    if thread.is_locked and not author.is_moderator:
        raise ThreadLocked()
    parents = Post.objects.filter(thread=thread)
    parent = parents.filter(pk=parent_id).first() if parent_id is not None else parents.filter(depth=0).first()
    if parent is None:
        raise InvalidPost(_("You can only reply to a post of this thread."), field="parent_id")
    if parent.is_deleted:
        raise InvalidPost(_("This post was deleted; reply to another one."), field="parent_id")
    if parent.depth >= MAX_DEPTH:
        raise TooDeep(_("This conversation is too deep here; reply higher up."), field="parent_id")
    content = _render(body)
    now = timezone.now()
    thread.post_counter += 1
    thread.reply_count += 1
    thread.last_activity_at = now
    thread.save(update_fields=["post_counter", "reply_count", "last_activity_at"])
    post = Post.objects.create(
        thread=thread,
        author=author,
        parent=parent,
        path=parent.path + _segment(thread.post_counter),
        depth=parent.depth + 1,
        body=content.body,
        body_html=content.rendered.html,
        created_at=now,
    )
    _index_for_search(post)
    _links_and_mentions(post, content.rendered, notify=True)
    ThreadSubscription.objects.get_or_create(
        thread=thread, user=author, defaults={"level": ThreadSubscription.Level.WATCHING}
    )
    ThreadRead.objects.update_or_create(thread=thread, user=author, defaults={"read_at": now})
    events.reply_posted(post)
    return post


@transaction.atomic
def post_edit(*, post_id: int, editor: User, body: str) -> Post:
    """Change a post's text, keeping the previous version in its history. Author or moderator."""
    post = post_get_for_user(post_id=post_id, user=editor, for_update=True)
    if not can_edit_post(user=editor, post=post):
        raise Forbidden(_("You can only edit your own posts."))
    if post.is_deleted:
        raise InvalidPost(_("A deleted post cannot be edited."))
    if post.thread.is_locked and not editor.is_moderator:
        raise ThreadLocked()
    content = _render(body)
    if content.body == post.body:
        return post
    now = timezone.now()
    PostRevision.objects.create(
        post=post, version=post.version, body=post.body, body_html=post.body_html,
        created_at=post.edited_at or post.created_at, replaced_at=now, editor=editor,
    )  # fmt: skip
    post.body, post.body_html, post.version, post.edited_at = content.body, content.rendered.html, post.version + 1, now
    post.save(update_fields=["body", "body_html", "version", "edited_at"])
    _index_for_search(post)
    _links_and_mentions(post, content.rendered, notify=True)
    events.post_changed(post, "post.edited")
    return post


@transaction.atomic
def post_delete(*, post_id: int, actor: User) -> Post:
    """Soft-delete: the text is hidden behind a placeholder and the tree stays whole."""
    post = post_get_for_user(post_id=post_id, user=actor, for_update=True)
    if not can_edit_post(user=actor, post=post):
        raise Forbidden(_("You can only delete your own posts."))
    if not post.is_deleted:
        post.is_deleted, post.deleted_at, post.deleted_by = True, timezone.now(), actor
        post.save(update_fields=["is_deleted", "deleted_at", "deleted_by"])
        events.post_changed(post, "post.deleted")
    return post


@transaction.atomic
def post_restore(*, post_id: int, actor: User) -> Post:
    if not actor.is_moderator:
        raise Forbidden(_("Only moderators can restore posts."))
    post = post_get_for_user(post_id=post_id, user=actor, for_update=True)
    if post.is_deleted:
        post.is_deleted, post.deleted_at, post.deleted_by = False, None, None
        post.save(update_fields=["is_deleted", "deleted_at", "deleted_by"])
        events.post_changed(post, "post.restored")
    return post


@transaction.atomic
def reaction_toggle(*, post_id: int, user: User, emoji: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns whether it is on now."""
    if emoji not in Reaction.Emoji.values:
        raise InvalidPost(_("Unknown reaction."), field="emoji")
    post = post_get_for_user(post_id=post_id, user=user)
    if post.is_deleted:
        raise InvalidPost(_("A deleted post cannot get reactions."))
    deleted, _rows = Reaction.objects.filter(post=post, user=user, emoji=emoji).delete()
    if not deleted:
        Reaction.objects.create(post=post, user=user, emoji=emoji)
    events.reaction_changed(post, emoji)
    return not deleted


@transaction.atomic
def thread_watch(*, thread_id: int, user: User, level: str | None) -> None:
    """Watch or mute a thread (level None: back to the default, which is to watch what you wrote in)."""
    thread = thread_get_for_user(thread_id=thread_id, user=user)
    if level is None:
        ThreadSubscription.objects.filter(thread=thread, user=user).delete()
        return
    if level not in ThreadSubscription.Level.values:
        raise InvalidPost(_("Unknown watch level."), field="level")
    ThreadSubscription.objects.update_or_create(thread=thread, user=user, defaults={"level": level})


def thread_mark_read(*, thread: Thread, user: User) -> None:
    """Remember that the person has read the thread up to now (the caller has checked access).
    One UPDATE on every visit but the first."""
    now = timezone.now()
    if not ThreadRead.objects.filter(thread=thread, user=user).update(read_at=now):
        ThreadRead.objects.get_or_create(thread=thread, user=user, defaults={"read_at": now})


def _moderate(thread_id: int, actor: User) -> Thread:
    if not actor.is_moderator:
        raise Forbidden(_("Only moderators can do this."))
    return thread_get_for_user(thread_id=thread_id, user=actor, for_update=True)


@transaction.atomic
def thread_pin(*, thread_id: int, actor: User, pinned: bool = True) -> Thread:
    thread = _moderate(thread_id, actor)
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned"])
    events.thread_updated(thread)
    return thread


@transaction.atomic
def thread_lock(*, thread_id: int, actor: User, locked: bool = True) -> Thread:
    thread = _moderate(thread_id, actor)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    events.thread_updated(thread)
    return thread


@transaction.atomic
def thread_hidden_set(*, thread_id: int, actor: User, hidden: bool = True) -> Thread:
    """Hide a thread from everyone but moderators, or bring it back as it was. Readers who may no
    longer see it stop following it live."""
    thread = _moderate(thread_id, actor)
    if thread.is_hidden != hidden:
        thread.is_hidden = hidden
        thread.save(update_fields=["is_hidden"])
        events.thread_updated(thread)
        if hidden:
            from collab.realtime.sockets import topic_access_recheck

            topic_access_recheck(topic=events.thread_topic(thread.pk))
    return thread


@transaction.atomic
def answer_accept(*, thread_id: int, post_id: int | None, actor: User) -> Thread:
    """The thread's author (or a moderator) marks one reply as the answer; None takes it back."""
    thread = thread_get_for_user(thread_id=thread_id, user=actor, for_update=True)
    if thread.author_id != actor.pk and not actor.is_moderator:
        raise Forbidden(_("Only the thread's author can accept an answer."))
    if post_id is not None:
        post = Post.objects.filter(thread=thread, pk=post_id, depth__gt=0, is_deleted=False).first()
        if post is None:
            raise InvalidPost(_("Accept a reply of this thread."), field="post_id")
    thread.accepted_post_id = post_id
    thread.save(update_fields=["accepted_post"])
    events.thread_updated(thread)
    return thread


def thread_reply_count_rebuild(*, thread_id: int) -> int:
    """Recount a thread's replies from the rows (the counter moves with F() otherwise)."""
    count = Post.objects.filter(thread_id=thread_id, depth__gt=0).count()
    Thread.objects.filter(pk=thread_id).update(reply_count=count)
    return count
