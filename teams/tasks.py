"""Background work of project teams: company-wide formation rounds."""

from celery import shared_task


@shared_task(name="teams.round_run", acks_late=True, ignore_result=True, soft_time_limit=300, time_limit=360)
def round_run(*, round_id: int) -> None:
    """Run a queued formation round (services.round_run); a second delivery finds it running and returns."""
    from .services import round_run as run

    run(round_id=round_id)
