import pytest
from django.db import transaction

from accounts import services
from collab.realtime.models import Event
from tests.accounts.factories import DepartmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


def _events(user):
    return list(Event.objects.filter(topic_id=f"person.{user.pk}").order_by("seq").values_list("type", "data"))


def test_profile_update_publishes_one_person_updated_with_public_fields(employee, django_capture_on_commit_callbacks):
    department = DepartmentFactory(name="Design")
    skill = SkillFactory(name="Figma")
    services.user_skill_set(user=employee, skill=skill, level=3)
    Event.objects.all().delete()
    with django_capture_on_commit_callbacks() as callbacks:
        services.profile_update(user=employee, job_title="Designer", department_id=department.pk)
    assert len(callbacks) == 1  # one broadcast, after commit
    [(kind, data)] = _events(employee)
    assert kind == "person.updated"
    assert data == {
        "id": employee.pk,
        "display_name": "Erin Employee",
        "job_title": "Designer",
        "department": "Design",
        "weekly_availability": employee.weekly_availability,
        "skills": [{"skill_id": skill.pk, "name": "Figma", "level": 3}],
        "interests": [],
    }
    assert "email" not in data


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (lambda u, s: services.user_skill_set(user=u, skill=s, level=2), 1),
        (lambda u, s: services.user_skill_remove(user=u, skill=s), 0),  # nothing to remove: nothing changed
        (lambda u, s: services.interest_add(user=u, topic="maps"), 1),
        (lambda u, s: services.profile_update(user=u), 0),
    ],
)
def test_each_change_publishes_once_and_no_change_publishes_nothing(employee, action, expected):
    skill = SkillFactory()
    Event.objects.all().delete()
    action(employee, skill)
    assert len(_events(employee)) == expected


def test_interest_added_twice_publishes_once(employee):
    services.interest_add(user=employee, topic="maps")
    services.interest_add(user=employee, topic="Maps")
    assert len(_events(employee)) == 1


def test_rolled_back_service_publishes_nothing(employee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        services.profile_update(user=employee, bio="never")
        raise RuntimeError
    assert callbacks == []
    assert _events(employee) == []


def test_failed_validation_publishes_nothing(employee):
    with pytest.raises(services.InvalidProfile):
        services.profile_update(user=employee, weekly_availability=99)
    assert _events(employee) == []
