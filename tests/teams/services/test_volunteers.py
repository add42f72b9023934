"""Employees volunteering for roles of open projects, changing their mind and withdrawing."""

import pytest

from collab.exceptions import Forbidden, NotFound
from teams import services
from teams.models import Volunteer
from teams.selectors import volunteer_list_for_user
from tests.accounts.factories import UserFactory
from tests.teams.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(manager):
    return make_project(owner=manager, topics="data viz").roles.get()


def test_volunteer_records_note_and_strength(role, employee):
    volunteer = services.volunteer_set(role_id=role.pk, person=employee, note="  I built the last one. ", strength=3)
    assert (volunteer.note, volunteer.strength, volunteer.is_active) == ("I built the last one.", 3, True)
    assert list(volunteer_list_for_user(user=employee)) == [volunteer]


def test_volunteer_again_changes_note_and_strength_in_place(role, employee):
    first = services.volunteer_set(role_id=role.pk, person=employee, note="Maybe", strength=1)
    again = services.volunteer_set(role_id=role.pk, person=employee, note="Yes!", strength=3)
    assert again.pk == first.pk
    assert Volunteer.objects.get().note == "Yes!" and Volunteer.objects.get().strength == 3


def test_withdraw_then_volunteer_again_reactivates_the_same_row_as_new(role, employee):
    first = services.volunteer_set(role_id=role.pk, person=employee, strength=2)
    services.volunteer_withdraw(role_id=role.pk, person=employee)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert list(volunteer_list_for_user(user=employee)) == []
    services.volunteer_withdraw(role_id=role.pk, person=employee)  # again: nothing to do
    again = services.volunteer_set(role_id=role.pk, person=employee, strength=1)
    again.refresh_from_db()
    assert (again.pk, again.withdrawn_at, again.strength) == (first.pk, None, 1)
    # Coming back counts from now: the queue order of volunteers is by (strength, created_at).
    assert again.created_at > first.created_at


def test_volunteering_is_refused_on_drafts_and_closed_projects(manager, employee):
    draft = make_project(owner=manager, publish=False)
    with pytest.raises(NotFound):  # a draft is not visible to employees at all
        services.volunteer_set(role_id=draft.roles.get().pk, person=employee)
    with pytest.raises(services.ProjectNotOpen):  # ...and even its owner cannot volunteer yet
        services.volunteer_set(role_id=draft.roles.get().pk, person=manager)
    closed = make_project(owner=manager)
    services.project_close(project_id=closed.pk, actor=manager)
    with pytest.raises(services.ProjectNotOpen):
        services.volunteer_set(role_id=closed.roles.get().pk, person=employee)
    assert not Volunteer.objects.exists()


def test_guests_and_inactive_people_cannot_volunteer(role):
    guest = UserFactory(role="guest")
    gone = UserFactory()
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    for person in (guest, gone):
        with pytest.raises(Forbidden):
            services.volunteer_set(role_id=role.pk, person=person)
    assert not Volunteer.objects.exists()


def test_someone_already_seated_cannot_volunteer_for_the_same_project(manager, employee):
    project = make_project(owner=manager, roles=[{"name": "A"}, {"name": "B"}])
    a, b = project.roles.all()
    employee.weekly_availability = 10
    employee.save(update_fields=["weekly_availability"])
    services.member_invite(project_id=project.pk, role_id=a.pk, person_id=employee.pk, actor=manager)
    with pytest.raises(services.InvalidVolunteer) as exc:
        services.volunteer_set(role_id=b.pk, person=employee)
    assert exc.value.field == "role"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"note": "n" * 501}, "note"),
        ({"strength": 0}, "strength"),
        ({"strength": 4}, "strength"),
        ({"strength": "very"}, "strength"),
        ({"strength": None}, "strength"),
    ],
)
def test_bad_note_or_strength_is_refused_with_the_field(role, employee, kwargs, field):
    with pytest.raises(services.InvalidVolunteer) as exc:
        services.volunteer_set(role_id=role.pk, person=employee, **kwargs)
    assert exc.value.field == field
    assert not Volunteer.objects.exists()


def test_note_of_exactly_500_characters_is_kept(role, employee):
    assert len(services.volunteer_set(role_id=role.pk, person=employee, note="n" * 500).note) == 500
