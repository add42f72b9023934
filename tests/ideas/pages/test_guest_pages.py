"""Guests of a board: the managers' page, the invitation link, and the wall around a guest."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from ideas import tasks
from ideas.models import BoardGuest, Idea, Vote
from tests.ideas.factories import make_idea

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-guest-passphrase"


def _invitation_link(board, guest) -> str:
    """The link of the invitation e-mail, as the task writes it (path and query only)."""
    mail.outbox.clear()
    tasks.guest_invitation_send(board_id=board.pk, user_id=guest.pk)
    url = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    return url[url.index("/guests/") :]


def test_manager_invites_lists_and_removes_guests(client, manager, board):
    client.force_login(manager)
    assert "No guests yet." in client.get(f"/boards/{board.slug}/guests/").content.decode()
    response = client.post(
        f"/boards/{board.slug}/guests/",
        {"action": "invite", "email": "Pat@Customer.example", "first_name": "Pat", "last_name": "Buyer"},
    )
    assert response["Location"] == f"/boards/{board.slug}/guests/"
    guest = User.objects.get(email="pat@customer.example")
    assert guest.is_guest and BoardGuest.objects.filter(board=board, user=guest).exists()
    html = client.get(f"/boards/{board.slug}/guests/").content.decode()
    assert "Pat Buyer" in html and "pat@customer.example" in html and "not yet" in html
    client.post(f"/boards/{board.slug}/guests/", {"action": "remove", "user_id": guest.pk})
    assert not BoardGuest.objects.filter(board=board).exists()


def test_guest_invitation_errors(client, manager, employee, board):
    client.force_login(manager)
    response = client.post(f"/boards/{board.slug}/guests/", {"action": "invite", "email": "not-an-address"})
    assert response.status_code == 400 and "Enter a valid email address." in response.content.decode()
    response = client.post(f"/boards/{board.slug}/guests/", {"action": "invite", "email": employee.email})
    assert response.status_code == 400 and "belongs to a member of the company" in response.content.decode()
    assert not BoardGuest.objects.exists()


def test_guest_accepts_the_invitation_and_lands_on_the_board(client, board, guest):
    link = _invitation_link(board, guest)
    assert link.endswith(f"?board={board.slug}")
    page = client.get(link)
    assert page.status_code == 200 and "Choose a password" in page.content.decode()
    response = client.post(link, {"new_password1": "short", "new_password2": "other"})
    assert response.status_code == 400 and 'class="errorlist' in response.content.decode()
    response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response["Location"] == f"/boards/{board.slug}/"
    assert client.get(f"/boards/{board.slug}/").status_code == 200  # signed in
    guest.refresh_from_db()
    assert guest.check_password(PASSWORD)
    # Used once: the same link, in another browser, says it no longer works.
    client.logout()
    used = client.get(link)
    assert used.status_code == 400 and "This invitation link does not work" in used.content.decode()
    assert client.post(link, {"new_password1": "x" * 20, "new_password2": "x" * 20}).status_code == 400


@pytest.mark.parametrize(
    "link",
    [
        "/guests/accept/MQ/bad-token/",
        "/guests/accept/%%%/x/",
        "/guests/accept/OTk5OTk5/abc-123/",
        "/guests/accept/x/y/",
    ],
)
def test_broken_invitation_links_are_a_clear_page_not_a_500(client, guest, link):
    response = client.get(link)
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "This invitation link does not work" in response.content.decode()


def test_an_employee_token_is_no_guest_invitation(client, employee):
    uid = urlsafe_base64_encode(force_bytes(employee.pk))
    token = default_token_generator.make_token(employee)
    response = client.get(f"/guests/accept/{uid}/{token}/")
    assert response.status_code == 400
    assert (
        client.post(
            f"/guests/accept/{uid}/{token}/", {"new_password1": PASSWORD, "new_password2": PASSWORD}
        ).status_code
        == 400
    )
    employee.refresh_from_db()
    assert not employee.check_password(PASSWORD)


def test_a_guest_sees_and_touches_only_their_board(client, manager, employee, board, other_board, guest):
    theirs = make_idea(board=board, author=employee, title="Better onboarding")
    other = make_idea(board=other_board, author=employee, title="Secret plan")
    client.force_login(guest)
    assert client.get("/").url == "/boards/"
    listing = client.get("/boards/").content.decode()
    assert "Office life" in listing and "Another board" not in listing and "New board" not in listing
    for url in ("/people/", "/spaces/", "/search/", f"/boards/{other_board.slug}/", f"/ideas/{other.pk}/", "/profile/"):
        assert client.get(url).status_code == 404, url
    # Their board works: read, post, vote, discuss.
    assert client.get(f"/ideas/{theirs.pk}/").status_code == 200
    response = client.post(f"/boards/{board.slug}/new/", {"title": "Guest idea here", "body": "From outside."})
    idea = Idea.objects.get(title="Guest idea here")
    assert response["Location"] == f"/ideas/{idea.pk}/"
    client.post(f"/ideas/{theirs.pk}/vote/", {"value": "1"})
    assert Vote.objects.filter(idea=theirs, voter=guest).exists()
    assert client.post(f"/threads/{theirs.thread_id}/reply/", {"body": "Good point"}).status_code == 302
    # The menu offers nothing they cannot open, and customers' names stay inside the company.
    page = client.get(f"/boards/{board.slug}/").content.decode()
    assert 'href="/people/"' not in page and 'href="/spaces/"' not in page
    assert client.get(f"/boards/{board.slug}/guests/").status_code == 404
    assert client.get(f"/boards/{board.slug}/edit/").status_code == 404
