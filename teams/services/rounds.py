"""Company-wide formation rounds: one optimization over many open projects at once, so that people
are spread where they fit best and no two projects count on the same hours."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import ApplicationError, Forbidden
from teams import formation

from .. import events, tasks
from ..models import FormationRound, Project, Proposal
from ..selectors import formation_data, is_teams_admin, project_list_open_with_roles
from .errors import InvalidProject, RoundBusy, SeatsUnavailable
from .proposals import proposal_confirm, proposal_store

ROUND_SECONDS = 20.0  # the heuristic's search time on a large round
ROUND_SOLVERS = ("heuristic", "exact", "greedy")
STALE_AFTER = timedelta(minutes=15)  # well past the task's hard time limit (teams.tasks.round_run)


@transaction.atomic
def round_start(*, actor: User, project_ids: list[int] | None = None, solver: str = "heuristic") -> FormationRound:
    """Queue a round over the given open projects (all open projects by default); the Celery task
    `teams.round_run` runs it and publishes `round.progress`. Admins only; one round at a time."""
    if not is_teams_admin(actor):
        raise Forbidden(_("Only admins run company-wide formation rounds."))
    if solver not in ROUND_SOLVERS:
        raise InvalidProject(_("Unknown solver."), field="solver")
    # Every open project's row is locked first: two admins starting rounds at once are serialized,
    # and the second sees the first's round below.
    projects = project_list_open_with_roles().select_for_update(of=("self",))
    list(projects.values_list("pk", flat=True))
    # A round whose worker died stays "running": past the task's hard time limit it is over.
    FormationRound.objects.filter(
        status__in=[FormationRound.Status.QUEUED, FormationRound.Status.RUNNING],
        created_at__lt=timezone.now() - STALE_AFTER,
    ).update(status=FormationRound.Status.FAILED, error=_("Stopped: the worker running it did not finish."))
    if FormationRound.objects.filter(status__in=[FormationRound.Status.QUEUED, FormationRound.Status.RUNNING]).exists():
        raise RoundBusy()
    if project_ids is not None:
        projects = projects.filter(pk__in=project_ids)
        missing = set(project_ids) - set(projects.values_list("pk", flat=True))
        if missing:
            raise InvalidProject(
                _("Only open projects with roles can be in a round (not: %(ids)s).")
                % {"ids": ", ".join(map(str, sorted(missing)))},
                field="project_ids",
            )
    projects = list(projects)
    if not projects:
        raise InvalidProject(_("There is no open project with roles to form teams for."), field="project_ids")
    formation_round = FormationRound.objects.create(created_by=actor, solver=solver, stage=_("Queued"))
    formation_round.projects.set(projects)
    events.round_progress(formation_round)
    tasks.round_run.delay_on_commit(round_id=formation_round.pk)
    return formation_round


def _progress(formation_round: FormationRound, progress: int, stage: str, **fields) -> None:
    with transaction.atomic():
        formation_round.progress, formation_round.stage = progress, stage
        for field, value in fields.items():
            setattr(formation_round, field, value)
        formation_round.save(update_fields=["progress", "stage", *fields])
        events.round_progress(formation_round)


def round_run(*, round_id: int) -> FormationRound | None:
    """Run a queued round (the task's body): read, optimize, store one draft proposal per project.
    Proposals are the managers' to confirm (or the admin's, all at once). Safe to call twice."""
    with transaction.atomic():
        formation_round = (
            FormationRound.objects.select_for_update().filter(pk=round_id, status=FormationRound.Status.QUEUED).first()
        )
        if formation_round is None:
            return None
        formation_round.status, formation_round.started_at = FormationRound.Status.RUNNING, timezone.now()
        formation_round.save(update_fields=["status", "started_at"])
    try:
        projects = list(formation_round.projects.filter(status=Project.Status.OPEN).select_related("owner"))
        _progress(formation_round, 10, _("Reading %(n)s projects, their roles and volunteers") % {"n": len(projects)})
        data = formation_data(projects=projects)
        _progress(
            formation_round,
            30,
            _("Forming teams for %(projects)s projects from %(people)s candidates")
            % {"projects": len(projects), "people": len(data.candidate_ids)},
        )
        result = formation.propose(data.input, solver=formation_round.solver, time_limit=ROUND_SECONDS)
        _progress(formation_round, 85, _("Saving the proposed teams"))
        assigned = {p for people in result.assignment().values() for p in people}
        with transaction.atomic():
            # Someone deactivated while the optimizer ran is taken out of the proposals.
            drop = set(User.objects.filter(pk__in=assigned, is_active=False).values_list("pk", flat=True))
            stored = [
                proposal_store(
                    project=project,
                    result=result,
                    actor=formation_round.created_by,
                    formation_round=formation_round,
                    drop=drop,
                )
                for project in projects
            ]
            objective = result.objective
            summary = {
                "projects": len(projects),
                "candidates": len(data.candidate_ids),
                "seats": sum(r.headcount for t in result.teams for r in t.roles),
                # Counted from what was stored: someone deactivated meanwhile may have held several seats.
                "filled": sum(len(people) for proposal in stored for people in proposal.assignment.values()),
                "covered": sum(proposal.covered for proposal in stored),
                "coverable": objective.coverable,
                "requirements": objective.requirements,
                "fit": round(objective.fit, 3),
                "blocking_pairs": len(result.blocking_pairs),
                "gap": result.gap,
                "seconds": round(result.seconds, 2),
                "deactivated": len(drop),
            }
            formation_round.status, formation_round.finished_at = FormationRound.Status.DONE, timezone.now()
            _progress(
                formation_round,
                100,
                _("Done"),
                status=formation_round.status,
                finished_at=formation_round.finished_at,
                summary=summary,
            )
    except Exception as exc:
        message = (
            "; ".join(str(e) for e in exc.errors[:5]) if isinstance(exc, formation.FormationInputError) else str(exc)
        )
        _progress(
            formation_round,
            formation_round.progress,
            _("Failed"),
            status=FormationRound.Status.FAILED,
            error=message[:2000],
            finished_at=timezone.now(),
        )
        if not isinstance(exc, formation.FormationInputError):
            raise
    return formation_round


def round_confirm_all(*, round_id: int, actor: User) -> dict[int, list[dict]]:
    """Confirm every draft proposal of a round, project by project; a project whose seats cannot all
    be given stays a draft. Returns {project id: problems} (empty list: confirmed)."""
    if not is_teams_admin(actor):
        raise Forbidden(_("Only admins run company-wide formation rounds."))
    outcome: dict[int, list[dict]] = {}
    for proposal in Proposal.objects.filter(round_id=round_id, status=Proposal.Status.DRAFT).order_by("pk"):
        try:
            proposal_confirm(proposal_id=proposal.pk, actor=actor)
        except SeatsUnavailable as exc:
            outcome[proposal.project_id] = exc.extra["problems"]
        except ApplicationError as exc:  # one project's refusal does not stop the others
            outcome[proposal.project_id] = [{"code": exc.code, "message": exc.message}]
        else:
            outcome[proposal.project_id] = []
    return outcome
