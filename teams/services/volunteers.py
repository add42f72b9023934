"""Employees volunteering for roles of open projects, and withdrawing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import Forbidden

from .. import events
from ..models import MAX_PREFERENCE, Membership, Project, Volunteer
from ..selectors import role_get_for_user
from .errors import InvalidVolunteer, ProjectNotOpen

MAX_NOTE = 500


@transaction.atomic
def volunteer_set(*, role_id: int, person: User, note: str = "", strength: int = 2) -> Volunteer:
    """Volunteer for a role of an open project (again: updates the note and strength).
    Publishes `volunteer.changed` on the project."""
    if person.is_guest or not person.is_active:
        raise Forbidden(_("Only employees can volunteer."))
    role = role_get_for_user(role_id=role_id, user=person, for_update=True)
    if role.project.status != Project.Status.OPEN:
        raise ProjectNotOpen()
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidVolunteer(_("Keep the note under %(n)s characters.") % {"n": MAX_NOTE}, field="note")
    try:
        strength = int(strength)
    except (TypeError, ValueError):
        strength = 0
    if not 1 <= strength <= MAX_PREFERENCE:
        raise InvalidVolunteer(_("Say how much you want it: 1, 2 or 3."), field="strength")
    if Membership.objects.live().filter(project_id=role.project_id, person=person).exists():
        raise InvalidVolunteer(_("You already have a seat on this team."), field="role")
    volunteer, created = Volunteer.objects.get_or_create(
        role=role, person=person, defaults={"note": note, "strength": strength}
    )
    if not created:
        if volunteer.withdrawn_at:  # coming back queues them from now
            volunteer.created_at = timezone.now()
        volunteer.note, volunteer.strength, volunteer.withdrawn_at = note, strength, None
        volunteer.save(update_fields=["note", "strength", "withdrawn_at", "created_at"])
    events.volunteers_changed(role)
    return volunteer


@transaction.atomic
def volunteer_withdraw(*, role_id: int, person: User) -> None:
    """Take back a volunteering (kept, marked withdrawn). Publishes `volunteer.changed`."""
    role = role_get_for_user(role_id=role_id, user=person, for_update=True)
    updated = Volunteer.objects.filter(role=role, person=person, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if updated:
        events.volunteers_changed(role)
