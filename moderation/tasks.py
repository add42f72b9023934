"""Celery tasks of moderation: thin, idempotent, taking ids."""

from celery import shared_task

from . import services


@shared_task(name="moderation.content_score", acks_late=True, time_limit=60, soft_time_limit=50)
def content_score(*, post_id: int | None = None, thread_id: int | None = None, edited: bool = False) -> None:
    """Score a post for spam (a new member's, or an edited one); queue or hide pending review.
    Running it again changes nothing more (one case per post)."""
    if post_id is None and thread_id is not None:
        post_id = services.targets.root_post_id(thread_id=thread_id)
    if post_id is not None:
        services.content_score(post_id=post_id, edited=edited)


@shared_task(name="moderation.suspensions_expire", acks_late=True, time_limit=120)
def suspensions_expire() -> int:
    """Lift the suspensions whose time is up."""
    return services.suspensions_expire()
