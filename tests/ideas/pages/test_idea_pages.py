"""Idea pages: posting (similar ideas, preview, errors), the idea with its discussion, managing it
(status, merge, hide), editing, co-authors, followers and customers' votes."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from ideas import services
from ideas.models import Board, CustomerVote, Idea, IdeaCoauthor, IdeaFollow, Vote
from tests.ideas.factories import make_board, make_customer, make_idea
from threads import services as thread_services
from threads.models import Post

pytestmark = pytest.mark.django_db


# --- Posting -------------------------------------------------------------------------------------


def test_post_an_idea(client, employee, board):
    client.force_login(employee)
    page = client.get(f"/boards/{board.slug}/new/").content.decode()
    assert 'hx-get="/boards/office-life/similar/"' in page and 'hx-trigger="input changed delay:300ms"' in page
    assert 'name="customer"' not in page  # only for people who capture customer voice
    response = client.post(
        f"/boards/{board.slug}/new/",
        {"title": "Bike sheds for everyone", "body": "Dry bikes, **happy** people.", "tags": "green, Office,green"},
    )
    idea = Idea.objects.get(title="Bike sheds for everyone")
    assert response["Location"] == f"/ideas/{idea.pk}/"
    assert sorted(t.name for t in idea.tags.all()) == ["Office", "green"]
    assert idea.author == employee and idea.customer is None


def test_post_errors_are_shown_on_the_form(client, employee, board):
    client.force_login(employee)
    url = f"/boards/{board.slug}/new/"
    response = client.post(url, {"title": "", "body": ""})
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 2
    response = client.post(url, {"title": "x" * 161, "body": "ok"})
    assert response.status_code == 400 and "at most 160 characters" in response.content.decode()
    response = client.post(url, {"title": "abc", "body": "ok"})
    assert response.status_code == 400 and "at least 4 characters" in response.content.decode()
    response = client.post(url, {"title": "Fine title", "body": "ok", "tags": ",".join(f"t{i}" for i in range(9))})
    assert response.status_code == 400 and "at most 8 tags" in response.content.decode()
    assert not Idea.objects.exists()


def test_preview_without_javascript(client, employee, board):
    client.force_login(employee)
    response = client.post(
        f"/boards/{board.slug}/new/", {"title": "Title here", "body": "**bold**", "action": "preview"}
    )
    assert response.status_code == 200 and "<strong>bold</strong>" in response.content.decode()
    assert not Idea.objects.exists()


def test_closed_campaign_says_so_and_shows_no_form(client, manager, employee):
    now = timezone.now()
    campaign = make_board(
        owner=manager,
        title="Later",
        kind="campaign",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )
    client.force_login(employee)
    page = client.get(f"/boards/{campaign.slug}/new/")
    html = page.content.decode()
    assert page.status_code == 200 and "This board is not open" in html and "It opens" in html
    assert 'id="idea-form"' not in html
    response = client.post(f"/boards/{campaign.slug}/new/", {"title": "Sneaky idea", "body": "x"})
    assert response.status_code == 409 and "This board is not open" in response.content.decode()
    Board.objects.filter(pk=campaign.pk).update(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    assert "It closed" in client.get(f"/boards/{campaign.slug}/new/").content.decode()
    assert not Idea.objects.exists()


def test_post_on_behalf_of_a_customer(client, support_agent, board):
    acme = make_customer("Acme")
    client.force_login(support_agent)
    assert "On behalf of customer" in client.get(f"/boards/{board.slug}/new/").content.decode()
    client.post(
        f"/boards/{board.slug}/new/", {"title": "Export to CSV", "body": "They ask often.", "customer": acme.pk}
    )
    assert Idea.objects.get(title="Export to CSV").customer == acme


def test_similar_ideas_hint_lists_ideas_with_a_vote_button(client, employee, other_employee, board):
    original = make_idea(board=board, author=other_employee, title="Bike sheds for everyone")
    make_idea(board=board, author=other_employee, title="Quarterly planning offsite")
    client.force_login(employee)
    html = client.get(f"/boards/{board.slug}/similar/?title=bike+sheds+for+all").content.decode()
    assert "Vote there instead?" in html and "Bike sheds for everyone" in html
    assert "Quarterly planning" not in html
    assert f'hx-post="/ideas/{original.pk}/vote/"' in html and f'href="/ideas/{original.pk}/"' in html
    assert client.get(f"/boards/{board.slug}/similar/?title=zz").content.decode().strip() == ""
    # Voting from the hint answers with the same compact widget.
    response = client.post(f"/ideas/{original.pk}/vote/", {"value": "1", "widget": "bare"}, HTTP_HX_REQUEST="true")
    assert 'type="button"' in response.content.decode() and "<form" not in response.content.decode()
    assert Vote.objects.filter(idea=original, voter=employee).exists()


# --- The idea page -------------------------------------------------------------------------------


def test_idea_page_shows_the_idea_and_its_discussion(client, manager, employee, other_employee, board):
    idea = make_idea(board=board, author=employee, title="Quiet rooms", body="We need **quiet**.", tags=["space"])
    reply = thread_services.reply_post(thread_id=idea.thread_id, author=other_employee, body="Yes, *please*.")
    thread_services.reply_post(thread_id=idea.thread_id, author=employee, body="Nested answer", parent_id=reply.pk)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned", response="Coming in **May**.")
    root = Post.objects.get(thread=idea.thread, depth=0)
    client.force_login(other_employee)
    html = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "<h1" in html and "Quiet rooms" in html and "<strong>quiet</strong>" in html
    assert f'data-status-for="{idea.pk}">Planned<' in html
    assert "Official response" in html and "<strong>May</strong>" in html and "Status history" in html
    # The discussion: the thread's replies with the threads' markup, without the opening post.
    assert f'id="post-{reply.pk}"' in html and "<em>please</em>" in html and "Nested answer" in html
    assert f'<article class="post post-root" id="post-{root.pk}"' in html and "Discussion of an idea posted" not in html
    assert f'data-thread-topic="thread.{idea.thread_id}"' in html and 'id="reply-form"' in html
    assert f'data-idea-topic="idea.{idea.pk}"' in html and f'href="/threads/{idea.thread_id}/"' in html
    # Employees do not manage the idea.
    assert 'data-testid="status-form"' not in html and 'data-testid="merge-form"' not in html


def test_reply_to_a_comment_without_javascript(client, employee, other_employee, board):
    idea = make_idea(board=board, author=employee)
    reply = thread_services.reply_post(thread_id=idea.thread_id, author=other_employee, body="First!")
    client.force_login(employee)
    html = client.get(f"/ideas/{idea.pk}/?reply_to={reply.pk}&quote=1").content.decode()
    assert f'<input type="hidden" name="parent_id" value="{reply.pk}">' in html
    assert "&gt; First!" in html


def test_idea_pages_are_404_for_people_who_may_not_see_the_board(
    client, employee, seller, sales_board, guest, other_board, manager
):
    secret = make_idea(board=sales_board, author=seller)
    elsewhere = make_idea(board=other_board, author=manager)
    client.force_login(employee)
    for url in (f"/ideas/{secret.pk}/", f"/ideas/{secret.pk}/edit/", f"/threads/{secret.thread_id}/"):
        assert client.get(url).status_code == 404, url
    for url in (f"/ideas/{secret.pk}/follow/", f"/ideas/{secret.pk}/status/", f"/ideas/{secret.pk}/merge/"):
        assert client.post(url, {"action": "follow"}).status_code == 404, url
    client.force_login(guest)
    assert client.get(f"/ideas/{elsewhere.pk}/").status_code == 404
    assert client.post(f"/ideas/{elsewhere.pk}/vote/", {"value": "1"}).status_code == 404
    assert not Vote.objects.exists()


def test_a_merged_idea_redirects_to_its_original(client, manager, employee, board):
    original = make_idea(board=board, author=employee, title="Bike sheds for everyone")
    duplicate = make_idea(board=board, author=employee, title="Bike sheds for all")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    client.force_login(employee)
    response = client.get(f"/ideas/{duplicate.pk}/", follow=True)
    assert response.redirect_chain == [(f"/ideas/{original.pk}/", 302)]
    html = response.content.decode()
    assert "Merged into this idea" in html and f'href="/threads/{duplicate.thread_id}/"' in html


def test_changed_after_vote_notice_keep_or_retract(client, employee, other_employee, board):
    idea = make_idea(board=board, author=other_employee, title="Four day week", body="Fridays off for everyone.")
    services.vote_cast(idea_id=idea.pk, voter=employee)
    services.idea_update(idea_id=idea.pk, editor=other_employee, body="Mondays off, but only in summer, maybe.")
    client.force_login(employee)
    html = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "This idea changed after you voted." in html and "Fridays off for everyone." in html
    response = client.post(f"/ideas/{idea.pk}/vote/", {"action": "acknowledge", "next": f"/ideas/{idea.pk}/"})
    assert response["Location"] == f"/ideas/{idea.pk}/"
    assert "This idea changed after you voted." not in client.get(f"/ideas/{idea.pk}/").content.decode()
    services.idea_update(idea_id=idea.pk, editor=other_employee, title="Summer Fridays off, perhaps")
    assert "This idea changed after you voted." in client.get(f"/ideas/{idea.pk}/").content.decode()
    client.post(f"/ideas/{idea.pk}/vote/", {"value": "0"})
    assert not Vote.objects.filter(idea=idea).exists()


def test_follow_and_unfollow(client, employee, other_employee, board):
    idea = make_idea(board=board, author=other_employee)
    client.force_login(employee)
    response = client.post(f"/ideas/{idea.pk}/follow/", {"action": "follow"}, HTTP_HX_REQUEST="true")
    assert "Following" in response.content.decode() and 'value="unfollow"' in response.content.decode()
    assert IdeaFollow.objects.filter(idea=idea, user=employee).exists()
    response = client.post(f"/ideas/{idea.pk}/follow/", {"action": "unfollow"})
    assert response["Location"] == f"/ideas/{idea.pk}/"
    assert not IdeaFollow.objects.filter(idea=idea, user=employee).exists()


# --- Managing an idea ----------------------------------------------------------------------------


def test_manager_changes_the_status_with_an_official_response(client, manager, employee, board):
    idea = make_idea(board=board, author=employee)
    client.force_login(manager)
    assert 'data-testid="status-form"' in client.get(f"/ideas/{idea.pk}/").content.decode()
    response = client.post(f"/ideas/{idea.pk}/status/", {"status": "declined", "response": "Not this year."})
    assert response["Location"] == f"/ideas/{idea.pk}/"
    idea.refresh_from_db()
    assert (idea.status, idea.response, idea.responded_by) == ("declined", "Not this year.", manager)
    html = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Not this year." in html and manager.display_name in html
    response = client.post(f"/ideas/{idea.pk}/status/", {"status": "sideways"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    response = client.post(f"/ideas/{idea.pk}/status/", {"status": "declined"})
    assert response.status_code == 400 and "The idea already has this status." in response.content.decode()


def test_employees_cannot_change_status_merge_or_hide(client, employee, other_employee, board):
    idea = make_idea(board=board, author=employee)
    other = make_idea(board=board, author=other_employee)
    client.force_login(employee)
    assert client.post(f"/ideas/{idea.pk}/status/", {"status": "done"}).status_code == 403
    assert client.post(f"/ideas/{idea.pk}/merge/", {"original": other.pk}).status_code == 403
    assert client.post(f"/ideas/{idea.pk}/moderate/", {"action": "hide"}).status_code == 403
    idea.refresh_from_db()
    assert (idea.status, idea.merged_into_id, idea.is_hidden) == ("new", None, False)


def test_merge_moves_votes_without_double_counting(client, manager, employee, other_employee, board):
    original = make_idea(board=board, author=employee, title="Bike sheds for everyone")
    duplicate = make_idea(board=board, author=other_employee, title="Bike sheds for all")
    unrelated = make_idea(board=board, author=other_employee, title="Standing desks")
    services.vote_cast(idea_id=original.pk, voter=employee)
    services.vote_cast(idea_id=duplicate.pk, voter=employee)  # voted for both: counted once
    services.vote_cast(idea_id=duplicate.pk, voter=other_employee)
    client.force_login(manager)
    html = client.get(f"/ideas/{duplicate.pk}/").content.decode()
    form = re.search(r'<form method="post" action="/ideas/\d+/merge/".*?</form>', html, re.S).group(0)
    # The similar idea is offered first, then the others.
    assert form.index("Bike sheds for everyone") < form.index("Standing desks")
    response = client.post(f"/ideas/{duplicate.pk}/merge/", {"original": original.pk})
    assert response["Location"] == f"/ideas/{original.pk}/"
    original.refresh_from_db()
    assert original.upvotes == 2 == Vote.objects.filter(idea=original).count()
    assert client.get(f"/ideas/{duplicate.pk}/")["Location"] == f"/ideas/{original.pk}/"
    assert unrelated.pk


def test_bad_merges_are_form_errors(client, manager, employee, board, other_board):
    idea = make_idea(board=board, author=employee)
    foreign = make_idea(board=other_board, author=employee)
    client.force_login(manager)
    for original in (idea.pk, foreign.pk, "", "abc"):
        response = client.post(f"/ideas/{idea.pk}/merge/", {"original": original})
        assert response.status_code == 400, original
        assert 'class="errorlist"' in response.content.decode()
    assert Idea.objects.filter(merged_into__isnull=False).count() == 0


def test_moderators_hide_and_restore(client, moderator, employee, other_employee, board):
    idea = make_idea(board=board, author=employee)
    client.force_login(moderator)
    client.post(f"/ideas/{idea.pk}/moderate/", {"action": "hide"})
    assert "This idea is hidden" in client.get(f"/ideas/{idea.pk}/").content.decode()
    client.force_login(other_employee)
    assert client.get(f"/ideas/{idea.pk}/").status_code == 404
    assert f"idea-{idea.pk}" not in client.get(f"/boards/{board.slug}/").content.decode()
    client.force_login(moderator)
    client.post(f"/ideas/{idea.pk}/moderate/", {"action": "restore"})
    client.force_login(other_employee)
    assert client.get(f"/ideas/{idea.pk}/").status_code == 200


# --- Editing and co-authors ----------------------------------------------------------------------


def test_author_edits_the_idea_and_tags(client, employee, other_employee, board):
    idea = make_idea(board=board, author=employee, title="Quiet rooms", tags=["space"])
    client.force_login(employee)
    page = client.get(f"/ideas/{idea.pk}/edit/").content.decode()
    assert 'value="Quiet rooms"' in page and 'value="space"' in page
    response = client.post(
        f"/ideas/{idea.pk}/edit/", {"title": "Quiet rooms on every floor", "body": "Please.", "tags": "space, calm"}
    )
    assert response["Location"] == f"/ideas/{idea.pk}/"
    idea.refresh_from_db()
    assert idea.title == "Quiet rooms on every floor" and sorted(t.slug for t in idea.tags.all()) == ["calm", "space"]
    response = client.post(f"/ideas/{idea.pk}/edit/", {"title": "", "body": "x"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    client.force_login(other_employee)
    assert client.get(f"/ideas/{idea.pk}/edit/").status_code == 403
    assert client.post(f"/ideas/{idea.pk}/edit/", {"title": "Hacked!", "body": "x"}).status_code == 403


def test_coauthors_invite_accept_edit_and_remove(client, employee, other_employee, board):
    idea = make_idea(board=board, author=employee)
    client.force_login(employee)
    response = client.post(f"/ideas/{idea.pk}/coauthors/", {"action": "invite", "username": "nobody-here"})
    assert response.status_code == 400 and "No one has this username." in response.content.decode()
    client.post(f"/ideas/{idea.pk}/coauthors/", {"action": "invite", "username": other_employee.username})
    assert IdeaCoauthor.objects.filter(idea=idea, user=other_employee, accepted_at__isnull=True).exists()

    client.force_login(other_employee)
    html = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert 'data-testid="coauthor-invitation"' in html and "Erin Employee invited you" in html
    assert client.get(f"/ideas/{idea.pk}/edit/").status_code == 403  # not before accepting
    client.post(f"/ideas/{idea.pk}/coauthors/", {"action": "accept"})
    assert client.get(f"/ideas/{idea.pk}/edit/").status_code == 200
    assert 'data-testid="coauthor-invitation"' not in client.get(f"/ideas/{idea.pk}/").content.decode()

    client.force_login(employee)
    client.post(f"/ideas/{idea.pk}/coauthors/", {"action": "remove", "user_id": other_employee.pk})
    assert not IdeaCoauthor.objects.filter(idea=idea).exists()


def test_invitee_declines(client, employee, other_employee, board):
    idea = make_idea(board=board, author=employee)
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    client.force_login(other_employee)
    client.post(f"/ideas/{idea.pk}/coauthors/", {"action": "decline"})
    assert not IdeaCoauthor.objects.filter(idea=idea).exists()


def test_customer_votes_are_recorded_by_staff_with_customer_voice(client, support_agent, employee, board):
    idea = make_idea(board=board, author=employee)
    acme = make_customer("Acme")
    client.force_login(employee)
    assert "Add the customer's vote" not in client.get(f"/ideas/{idea.pk}/").content.decode()
    assert client.post(f"/ideas/{idea.pk}/customer-votes/", {"action": "add", "customer": acme.pk}).status_code == 403
    client.force_login(support_agent)
    assert "Add the customer's vote" in client.get(f"/ideas/{idea.pk}/").content.decode()
    client.post(f"/ideas/{idea.pk}/customer-votes/", {"action": "add", "customer": acme.pk, "note": "Asked twice"})
    html = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Acme — Asked twice" in html
    response = client.post(f"/ideas/{idea.pk}/customer-votes/", {"action": "add", "customer": 9999})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    client.post(f"/ideas/{idea.pk}/customer-votes/", {"action": "remove", "customer": acme.pk})
    assert not CustomerVote.objects.exists()
    idea.refresh_from_db()
    assert idea.customer_votes == 0
