"""Idea boards in real browsers: post an idea and see the similar-ideas hint, vote and watch the
count change live elsewhere; merge two ideas as a manager and see the votes move; a guest accepts
an invitation, posts and votes on their board and finds nothing else."""

import os
import re

import pytest
from django.core import mail

from ideas import services, tasks
from ideas.models import Idea, Vote
from tests.conftest import ARTIFACTS, sign_in
from tests.ideas.factories import make_board, make_idea

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]


def _shot(page, name: str) -> None:
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, name), full_page=True)


def _wait_live(page) -> None:
    page.wait_for_function("document.documentElement.dataset.live === 'online'")


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Office life", slug="office-life")


def test_post_see_similar_vote_and_the_count_changes_live_elsewhere(
    page, second_page, asgi_server, employee, other_employee, board
):
    server = asgi_server()
    sign_in(page, server, employee)
    page.goto(f"{server.url}/boards/{board.slug}/")
    page.get_by_role("button", name="Post an idea").click()
    page.get_by_label("Title").fill("Covered bike sheds for everyone")
    page.get_by_label("Description").fill("Dry bikes make **happy** cyclists.")
    page.get_by_label("Tags").fill("green, office")
    page.get_by_role("button", name="Post the idea").click()
    page.wait_for_url(re.compile(r".*/ideas/\d+/$"))
    first = Idea.objects.get(title="Covered bike sheds for everyone")
    assert page.get_by_role("heading", name="Covered bike sheds for everyone").is_visible()

    # Someone else watches the board.
    sign_in(second_page, server, other_employee)
    second_page.goto(f"{server.url}/boards/{board.slug}/")
    _wait_live(second_page)
    second_page.evaluate("window.notReloaded = true")
    count_elsewhere = second_page.locator(f"#vote-{first.pk} [data-count=up]")
    assert count_elsewhere.inner_text() == "0"

    # While a second, similar title is typed, the hint offers the first idea.
    page.goto(f"{server.url}/boards/{board.slug}/new/")
    page.get_by_label("Title").press_sequentially("Bike sheds for all", delay=40)
    hint = page.get_by_test_id("similar-ideas")
    hint.get_by_role("link", name="Covered bike sheds for everyone").wait_for()
    assert hint.get_by_text("Vote there instead?").is_visible()
    _shot(page, "ideas-similar-hint.png")

    # Vote there instead: the hint's button, then the count moves in the other browser.
    hint.get_by_role("button", name="Vote for this idea").click()
    hint.get_by_role("button", name="Take your vote back").wait_for()
    assert hint.locator(f"#vote-{first.pk} [data-count=up]").inner_text() == "1"
    second_page.wait_for_function(
        f"document.querySelector('#vote-{first.pk} [data-count=up]').textContent === '1'", timeout=5_000
    )
    assert Vote.objects.filter(idea=first, voter=employee).count() == 1

    # Posting the second idea anyway: the board page elsewhere offers the new idea.
    page.get_by_label("Description").fill("Not only covered: for all sites.")
    page.get_by_role("button", name="Post the idea").click()
    page.wait_for_url(re.compile(r".*/ideas/\d+/$"))
    second_page.get_by_role("link", name="New ideas were posted: show them").wait_for(timeout=5_000)

    # The other person votes on the board page; the count moves on the first person's board page too.
    page.goto(f"{server.url}/boards/{board.slug}/")
    _wait_live(page)
    assert page.locator(f"#vote-{first.pk} .vote-up[aria-pressed=true]").count() == 1  # my own vote shows
    second_page.locator(f"#vote-{first.pk}").get_by_role("button", name="Vote for this idea").click()
    second_page.locator(f"#vote-{first.pk} .vote-up[aria-pressed=true]").wait_for()
    page.wait_for_function(
        f"document.querySelector('#vote-{first.pk} [data-count=up]').textContent === '2'", timeout=5_000
    )
    assert second_page.evaluate("window.notReloaded") is True
    assert count_elsewhere.inner_text() == "2"
    _shot(second_page, "ideas-board-live-count.png")


def test_manager_merges_two_ideas_and_the_votes_move(
    page, second_page, asgi_server, manager, employee, other_employee, board
):
    original = make_idea(board=board, author=employee, title="Bike sheds for everyone")
    duplicate = make_idea(board=board, author=other_employee, title="Bike sheds for all")
    make_idea(board=board, author=other_employee, title="Standing desks on every floor")
    services.vote_cast(idea_id=original.pk, voter=employee)
    services.vote_cast(idea_id=duplicate.pk, voter=employee)  # voted for both: one vote after the merge
    services.vote_cast(idea_id=duplicate.pk, voter=other_employee)
    server = asgi_server()

    # An employee watches the board while the manager merges.
    sign_in(second_page, server, employee)
    second_page.goto(f"{server.url}/boards/{board.slug}/")
    _wait_live(second_page)
    assert second_page.locator(f"#vote-{original.pk} [data-count=up]").inner_text() == "1"

    sign_in(page, server, manager)
    page.goto(f"{server.url}/ideas/{duplicate.pk}/")
    merge = page.get_by_test_id("merge-form")
    merge.get_by_label("Merge this idea into").select_option(str(original.pk))
    merge.get_by_role("button", name="Merge this idea into the original").click()
    page.wait_for_url(f"**/ideas/{original.pk}/")
    page.get_by_text("is merged into this idea").wait_for()
    assert page.locator(f"#vote-{original.pk} [data-count=up]").inner_text() == "2"
    assert page.get_by_role("heading", name="Merged into this idea").is_visible()
    _shot(page, "ideas-merged.png")

    # Live on the board: the duplicate's row goes, the original's count includes its voters once.
    second_page.locator(f"#idea-{duplicate.pk}").wait_for(state="detached", timeout=5_000)
    second_page.wait_for_function(
        f"document.querySelector('#vote-{original.pk} [data-count=up]').textContent === '2'", timeout=5_000
    )
    original.refresh_from_db()
    assert original.upvotes == 2 == Vote.objects.filter(idea=original).count()

    # The duplicate's address leads to the original.
    page.goto(f"{server.url}/ideas/{duplicate.pk}/")
    page.wait_for_url(f"**/ideas/{original.pk}/")


def test_guest_accepts_the_invitation_posts_votes_and_sees_nothing_else(page, asgi_server, manager, employee, board):
    existing = make_idea(board=board, author=employee, title="Faster support replies")
    guest = services.board_guest_invite(
        board_id=board.pk, actor=manager, email="gina@customer.example", first_name="Gina"
    )
    mail.outbox.clear()
    tasks.guest_invitation_send(board_id=board.pk, user_id=guest.pk, inviter_id=manager.pk)
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    server = asgi_server()

    page.goto(server.url + link[link.index("/guests/") :])
    page.get_by_role("heading", name="Welcome, Gina").wait_for()
    page.get_by_label("New password", exact=True).fill("a-long-guest-passphrase")
    page.get_by_label("New password confirmation").fill("a-long-guest-passphrase")
    page.get_by_role("button", name="Set the password and open the board").click()
    page.wait_for_url(f"**/boards/{board.slug}/")
    assert page.get_by_role("heading", name="Office life").is_visible()
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="People").count() == 0

    # Vote on an existing idea, then post one.
    page.locator(f"#vote-{existing.pk}").get_by_role("button", name="Vote for this idea").click()
    page.locator(f"#vote-{existing.pk} .vote-up[aria-pressed=true]").wait_for()
    assert page.locator(f"#vote-{existing.pk} [data-count=up]").inner_text() == "1"
    page.get_by_role("button", name="Post an idea").click()
    page.get_by_label("Title").fill("A status page for outages")
    page.get_by_label("Description").fill("So we know before we call you.")
    page.get_by_role("button", name="Post the idea").click()
    page.wait_for_url(re.compile(r".*/ideas/\d+/$"))
    assert Idea.objects.filter(title="A status page for outages", author=guest).exists()
    assert Vote.objects.filter(idea=existing, voter=guest).exists()

    # Nothing else of the company.
    for path in ("/people/", "/spaces/"):
        response = page.goto(f"{server.url}{path}")
        assert response.status == 404, path
    _shot(page, "ideas-guest-404.png")

    # The link worked once.
    page.context.clear_cookies()
    page.goto(server.url + link[link.index("/guests/") :])
    assert page.get_by_test_id("invitation-invalid").is_visible()


def test_idea_page_live_status_and_a_coauthor_invitation_toast(
    page, second_page, asgi_server, manager, employee, other_employee, board
):
    idea = make_idea(board=board, author=employee, title="Quiet rooms on every floor")
    server = asgi_server()
    sign_in(second_page, server, other_employee)
    second_page.goto(f"{server.url}/ideas/{idea.pk}/")
    _wait_live(second_page)
    second_page.evaluate("window.notReloaded = true")

    # The author invites a co-author: the invitee is told at once, wherever they are.
    sign_in(page, server, employee)
    page.goto(f"{server.url}/ideas/{idea.pk}/")
    page.get_by_label("Username").fill(other_employee.username)
    page.get_by_role("button", name="Invite a co-author").click()
    page.get_by_text("is invited to co-author the idea").wait_for()
    toast = second_page.locator(".toast a", has_text="You are invited to co-author “Quiet rooms on every floor”")
    toast.wait_for(timeout=5_000)
    assert toast.get_attribute("href") == f"/ideas/{idea.pk}/"

    # A manager moves the idea on: the badge changes on the open page, which offers a reload.
    page.context.clear_cookies()
    sign_in(page, server, manager)
    page.goto(f"{server.url}/ideas/{idea.pk}/")
    page.get_by_test_id("status-form").get_by_label("Status").select_option("planned")
    page.get_by_label("Official response").fill("Coming in **May**.")
    page.get_by_role("button", name="Change the status").click()
    page.get_by_test_id("official-response").wait_for()
    second_page.locator(f"[data-status-for='{idea.pk}']", has_text="Planned").wait_for(timeout=5_000)
    second_page.get_by_role("link", name="This idea was just updated: reload to see it").wait_for()
    assert second_page.evaluate("window.notReloaded") is True

    # The invitee accepts from the banner, comments in the discussion without leaving the idea,
    # and may edit the idea now.
    second_page.reload()
    second_page.get_by_test_id("coauthor-invitation").get_by_role("button", name="Accept").click()
    second_page.get_by_text("You are a co-author of this idea now").wait_for()
    _wait_live(second_page)
    second_page.evaluate("window.notReloaded = true")
    assert second_page.get_by_text("No comments yet. Start the discussion.").is_visible()
    second_page.locator("#reply-form textarea").fill("Happy to help with the **floor plans**.")
    second_page.get_by_role("button", name="Post reply").click()
    comment = second_page.locator("#posts article.post", has_text="Happy to help with the floor plans")
    comment.wait_for(timeout=5_000)
    assert second_page.url.endswith(f"/ideas/{idea.pk}/")
    assert second_page.evaluate("window.notReloaded") is True
    assert second_page.locator("#reply-form textarea").input_value() == ""
    assert second_page.get_by_text("No comments yet. Start the discussion.").count() == 0
    second_page.get_by_role("link", name="Edit the idea").click()
    second_page.wait_for_url(f"**/ideas/{idea.pk}/edit/")
