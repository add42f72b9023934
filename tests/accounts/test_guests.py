"""The guest wall (accounts/guests.py): an external guest reaches only what apps opened to guests,
in pages (middleware) and in the API (a DRF permission, since tokens authenticate in the view)."""

import pytest

from accounts import services
from accounts.guests import is_allowed_for_guests
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(db):
    return UserFactory(username="gwen", role="guest", department=None)


def test_guest_role_is_not_staff_and_not_a_manager(guest):
    assert guest.is_guest
    assert not (guest.is_staff or guest.is_manager or guest.is_moderator)


@pytest.mark.parametrize("path", ["/people/", "/spaces/", "/search/", "/profile/", "/profile/tokens/"])
def test_company_pages_answer_404_to_a_guest(client, guest, path):
    client.force_login(guest)
    assert client.get(path).status_code == 404


def test_guest_home_is_their_boards(client, guest):
    client.force_login(guest)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/boards/"


@pytest.mark.parametrize("path", ["/people/", "/spaces/"])
def test_the_same_pages_work_for_an_employee(client, employee, path):
    client.force_login(employee)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/people/", "/api/v1/me/", "/api/v1/departments/", "/api/v1/spaces/"])
def test_company_api_answers_404_to_a_guest_with_a_token(api_client, guest, path):
    _token, secret = services.api_token_create(user=guest, name="cli")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = api_client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_allow_list_covers_boards_and_idea_discussions():
    assert is_allowed_for_guests("/boards/")
    assert is_allowed_for_guests("/api/v1/boards/")
    assert is_allowed_for_guests("/threads/1/")
    assert is_allowed_for_guests("/static/css/collab.css")
    assert not is_allowed_for_guests("/people/1/")
    assert not is_allowed_for_guests("/admin/")


def test_a_guest_sees_only_the_spaces_they_were_let_into(guest, manager):
    from tests.threads.factories import SpaceFactory
    from threads.models import Space, SpaceMembership
    from threads.selectors import space_list_for_user

    public = SpaceFactory(visibility=Space.Visibility.PUBLIC)
    opened = SpaceFactory(visibility=Space.Visibility.PUBLIC)
    SpaceMembership.objects.create(space=opened, user=guest)
    assert list(space_list_for_user(user=guest)) == [opened]
    assert public in space_list_for_user(user=manager)


def test_a_guest_cannot_follow_a_person_live(guest, employee):
    from accounts.access import can_follow_person

    assert not can_follow_person(guest, str(employee.pk))
    assert can_follow_person(employee, str(guest.pk))
