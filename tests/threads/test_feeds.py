"""Personal Atom feeds of spaces and threads: format, access through the token, privacy, cost.

The intranet is private: without a valid feed token (or a session) every feed answers 404, public
spaces included, exactly like a space or thread that does not exist.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import user_deactivate
from tests.accounts.factories import UserFactory
from tests.threads.factories import SpaceFactory, bulk_replies
from threads import services
from threads.feeds import feed_token_get_or_create, feed_token_reset, feed_user_for_token
from threads.models import FeedToken, Post, Space, Thread

pytestmark = pytest.mark.django_db

NS = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def space():
    return SpaceFactory(name="General", slug="general")


def _get(client, url: str, user=None, token: str | None = None):
    if user is not None:
        token = feed_token_get_or_create(user=user)
    return client.get(url, {"token": token} if token is not None else {})


def _atom(response) -> ET.Element:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, not untrusted input)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def _entries(root: ET.Element) -> list[dict]:
    return [
        {
            "title": entry.findtext("atom:title", namespaces=NS),
            "link": entry.find("atom:link", NS).get("href"),
            "author": entry.findtext("atom:author/atom:name", namespaces=NS),
            "updated": entry.findtext("atom:updated", namespaces=NS),
            "content": entry.findtext("atom:content", namespaces=NS),
            "content_type": entry.find("atom:content", NS).get("type"),
        }
        for entry in root.findall("atom:entry", NS)
    ]


def _page(response) -> str:
    """The page without its per-response CSRF mask, to compare two 404 pages."""
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", response.content.decode())


# --- Format ---------------------------------------------------------------------------------------


def test_space_feed_lists_latest_threads_with_opening_post(client, space, employee, other_employee):
    first = services.thread_start(space_id=space.pk, author=employee, title="Lunch plans", body="Pizza **on** Friday")
    second = services.thread_start(space_id=space.pk, author=other_employee, title="Office move", body="Boxes")

    root = _atom(_get(client, "/spaces/general/feed/", user=employee))

    assert root.findtext("atom:title", namespaces=NS) == "General"
    assert root.find("atom:link[@rel='alternate']", NS).get("href") == "http://testserver/spaces/general/"
    entries = _entries(root)
    assert [e["title"] for e in entries] == ["Office move", "Lunch plans"]  # latest activity first
    assert entries[1]["link"] == f"http://testserver/threads/{first.pk}/"
    assert entries[0]["author"] == "Oscar Other" and entries[1]["author"] == "Erin Employee"
    assert entries[1]["content_type"] == "html"
    assert entries[1]["content"] == "<p>Pizza <strong>on</strong> Friday</p>\n"
    second.refresh_from_db()
    assert entries[0]["updated"] == second.last_activity_at.isoformat()


def test_thread_feed_lists_latest_posts_with_permalinks(client, space, employee, other_employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Lunch plans", body="Pizza?")
    reply = services.reply_post(thread_id=thread.pk, author=other_employee, body="Yes *please*")

    root = _atom(_get(client, f"/threads/{thread.pk}/feed/", user=employee))

    assert root.findtext("atom:title", namespaces=NS) == "Lunch plans"
    entries = _entries(root)
    assert [e["link"] for e in entries] == [
        f"http://testserver/threads/{thread.pk}/posts/{reply.pk}/",
        f"http://testserver/threads/{thread.pk}/posts/{thread.posts.get(depth=0).pk}/",
    ]
    assert entries[0]["author"] == "Oscar Other"
    assert entries[0]["content"] == "<p>Yes <em>please</em></p>\n"
    assert entries[1]["title"] == "Lunch plans"
    assert "Oscar Other" in entries[0]["title"]


def test_feed_self_link_keeps_the_token_for_readers_that_follow_it(client, space, employee):
    token = feed_token_get_or_create(user=employee)
    root = _atom(client.get("/spaces/general/feed/", {"token": token}))
    assert root.find("atom:link[@rel='self']", NS).get("href").endswith(f"/spaces/general/feed/?token={token}")


def test_feed_responses_are_private_and_not_indexed(client, space, employee):
    response = _get(client, "/spaces/general/feed/", user=employee)
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


def test_feed_only_answers_reads(client, space, employee):
    token = feed_token_get_or_create(user=employee)
    assert client.post(f"/spaces/general/feed/?token={token}").status_code == 405


# --- Who may read ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["space", "thread"])
def test_anonymous_without_token_gets_404_even_for_a_public_space(client, space, employee, kind):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Public", body="hello")
    url = "/spaces/general/feed/" if kind == "space" else f"/threads/{thread.pk}/feed/"
    assert client.get(url).status_code == 404


def test_session_works_without_token(client, space, employee):
    services.thread_start(space_id=space.pk, author=employee, title="Public", body="hello")
    client.force_login(employee)
    assert [e["title"] for e in _entries(_atom(client.get("/spaces/general/feed/")))] == ["Public"]


@pytest.mark.parametrize("kind", ["space", "thread"])
def test_unknown_or_forged_tokens_get_404(client, space, employee, other_employee, kind):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Public", body="hello")
    url = "/spaces/general/feed/" if kind == "space" else f"/threads/{thread.pk}/feed/"
    good = feed_token_get_or_create(user=employee)
    feed_token_get_or_create(user=other_employee)
    user_id, signature = good.split(".", 1)
    forged = [
        "",
        "garbage",
        f"{user_id}.",
        f"{user_id}.{signature[:-2]}xx",
        f"{other_employee.pk}.{signature}",  # someone else's id with this signature
        f"{user_id}{signature}",
        f"٣.{signature}",  # a non-ASCII digit
        f"{'9' * 40}.{signature}",
    ]
    for token in forged:
        assert client.get(url, {"token": token}).status_code == 404, token
    assert client.get(url, {"token": good}).status_code == 200


@pytest.mark.parametrize("visibility", [Space.Visibility.DEPARTMENT, Space.Visibility.PRIVATE])
def test_token_of_someone_who_cannot_see_the_space_gets_404_like_a_missing_one(
    client, employee, other_employee, visibility
):
    restricted = SpaceFactory(
        slug="restricted",
        visibility=visibility,
        departments=[employee.department] if visibility == Space.Visibility.DEPARTMENT else None,
        members=[employee] if visibility == Space.Visibility.PRIVATE else None,
    )
    thread = services.thread_start(space_id=restricted.pk, author=employee, title="Secret", body="plans")
    outsider = feed_token_get_or_create(user=other_employee)

    for url, missing_url in [
        ("/spaces/restricted/feed/", "/spaces/no-such-space/feed/"),
        (f"/threads/{thread.pk}/feed/", f"/threads/{thread.pk + 1000}/feed/"),
    ]:
        refused = client.get(url, {"token": outsider})
        missing = client.get(missing_url, {"token": outsider})
        assert refused.status_code == missing.status_code == 404
        assert _page(refused) == _page(missing)
        assert b"Secret" not in refused.content and b"plans" not in refused.content
        assert _entries(_atom(_get(client, url, user=employee)))[0]["title"] == "Secret"


def test_losing_access_closes_the_feed(client, employee, moderator):
    private = SpaceFactory(slug="private", visibility=Space.Visibility.PRIVATE, members=[employee])
    token = feed_token_get_or_create(user=employee)
    assert client.get("/spaces/private/feed/", {"token": token}).status_code == 200
    services.space_member_remove(space=private, user=employee, actor=moderator)
    assert client.get("/spaces/private/feed/", {"token": token}).status_code == 404


def test_reset_invalidates_the_old_token(client, space, employee):
    old = feed_token_get_or_create(user=employee)
    assert feed_token_get_or_create(user=employee) == old  # stable until reset

    new = feed_token_reset(user=employee)

    assert new != old
    assert feed_token_get_or_create(user=employee) == new
    assert feed_user_for_token(token=old) is None
    assert feed_user_for_token(token=new) == employee
    assert client.get("/spaces/general/feed/", {"token": old}).status_code == 404
    assert client.get("/spaces/general/feed/", {"token": new}).status_code == 200


def test_reset_before_any_token_creates_one(employee):
    token = feed_token_reset(user=employee)
    assert feed_user_for_token(token=token) == employee
    assert FeedToken.objects.filter(user=employee).count() == 1


def test_only_the_salt_is_stored_never_the_token(employee):
    token = feed_token_get_or_create(user=employee)
    row = FeedToken.objects.get(user=employee)
    assert row.salt not in token


def test_deactivated_persons_token_stops_working(client, space, employee):
    token = feed_token_get_or_create(user=employee)
    assert client.get("/spaces/general/feed/", {"token": token}).status_code == 200
    user_deactivate(user=employee)
    assert feed_user_for_token(token=token) is None
    assert client.get("/spaces/general/feed/", {"token": token}).status_code == 404


# --- What never appears ----------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["employee", "moderator"])
def test_hidden_threads_never_appear(client, space, employee, moderator, reader):
    services.thread_start(space_id=space.pk, author=employee, title="Visible", body="fine")
    hidden = services.thread_start(space_id=space.pk, author=employee, title="Hidden one", body="spam")
    Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
    user = {"employee": employee, "moderator": moderator}[reader]

    response = _get(client, "/spaces/general/feed/", user=user)
    assert [e["title"] for e in _entries(_atom(response))] == ["Visible"]
    assert b"Hidden one" not in response.content and b"spam" not in response.content
    assert _get(client, f"/threads/{hidden.pk}/feed/", user=user).status_code == 404


def test_deleted_posts_never_appear(client, space, employee, other_employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Thread", body="Opening words")
    kept = services.reply_post(thread_id=thread.pk, author=other_employee, body="Kept reply")
    gone = services.reply_post(thread_id=thread.pk, author=other_employee, body="Regrettable reply")
    services.post_delete(post_id=gone.pk, actor=other_employee)
    services.post_delete(post_id=thread.posts.get(depth=0).pk, actor=employee)

    thread_feed = _get(client, f"/threads/{thread.pk}/feed/", user=employee)
    links = [e["link"] for e in _entries(_atom(thread_feed))]
    assert links == [f"http://testserver/threads/{thread.pk}/posts/{kept.pk}/"]
    assert b"Regrettable" not in thread_feed.content and b"Opening words" not in thread_feed.content

    space_feed = _get(client, "/spaces/general/feed/", user=employee)
    (entry,) = _entries(_atom(space_feed))
    assert entry["title"] == "Thread" and "deleted" in entry["content"]
    assert b"Opening words" not in space_feed.content


def test_malicious_post_is_never_emitted_as_active_html(client, space, employee):
    attack = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) '
        '<a href="#" onclick="alert(1)">a</a>'
    )
    thread = services.thread_start(space_id=space.pk, author=employee, title="<script>t</script>", body=attack)
    services.reply_post(thread_id=thread.pk, author=employee, body=attack)

    for url in ["/spaces/general/feed/", f"/threads/{thread.pk}/feed/"]:
        response = _get(client, url, user=employee)
        assert b"<script" not in response.content.lower()
        for entry in _entries(_atom(response)):
            html = entry["content"].lower()
            assert "<script" not in html and "<img" not in html
            assert not re.search(r"<[^>]+\son\w+\s*=", html)  # no event handler on a real tag
            assert 'href="javascript:' not in html


# --- Cost ------------------------------------------------------------------------------------------


def _queries(client, url: str, token: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"token": token})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_space_feed_costs_the_same_for_2_and_20_threads(client, employee, django_assert_num_queries):
    token = feed_token_get_or_create(user=employee)
    counts = []
    for n in (2, 20):
        space = SpaceFactory(slug=f"space-{n}")
        for i in range(n):
            services.thread_start(space_id=space.pk, author=UserFactory(), title=f"T{i}", body="body")
        counts.append(_queries(client, f"/spaces/space-{n}/feed/", token))
    assert counts[0] == counts[1], counts
    # token (+person), space, threads (+authors, opening posts)
    with django_assert_num_queries(3):
        client.get("/spaces/space-20/feed/", {"token": token})


def test_thread_feed_costs_the_same_for_2_and_20_posts(client, space, employee, django_assert_num_queries):
    token = feed_token_get_or_create(user=employee)
    counts = []
    for n in (2, 20):
        thread = services.thread_start(space_id=space.pk, author=employee, title=f"T{n}", body="root")
        bulk_replies(thread, count=n - 1, depth=3, author=UserFactory())
        assert Post.objects.filter(thread=thread).count() == n
        counts.append(_queries(client, f"/threads/{thread.pk}/feed/", token))
    assert counts[0] == counts[1], counts
    # token (+person), thread (+space, author), posts (+authors)
    with django_assert_num_queries(3):
        client.get(f"/threads/{thread.pk}/feed/", {"token": token})


def test_feeds_are_capped(client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
    bulk_replies(thread, count=60, depth=2, author=employee)
    assert len(_entries(_atom(_get(client, f"/threads/{thread.pk}/feed/", user=employee)))) == 50


# --- Pages -----------------------------------------------------------------------------------------


def _alternate(html: str) -> str:
    match = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)"', html)
    assert match, "no feed link in the head"
    return match.group(1).replace("&amp;", "&")


def test_space_and_thread_pages_link_the_personal_feeds(client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Hello", body="world")
    token = feed_token_get_or_create(user=employee)
    client.force_login(employee)

    for page, feed in [("/spaces/general/", "/spaces/general/feed/"), (f"/threads/{thread.pk}/", None)]:
        html = client.get(page).content.decode()
        url = _alternate(html)
        expected = feed or f"/threads/{thread.pk}/feed/"
        assert url == f"http://testserver{expected}?token={token}"
        assert f'href="{url}"' in html.split("</head>")[1]  # the visible link
        assert "Atom feed" in html
        client.logout()
        _atom(client.get(url.removeprefix("http://testserver")))  # works without the session
        client.force_login(employee)


def test_feed_settings_page_needs_sign_in(client):
    response = client.get("/profile/feeds/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_reset_from_the_page_changes_the_links(client, space, employee):
    client.force_login(employee)
    before = _alternate(client.get("/spaces/general/").content.decode())
    page = client.get("/profile/feeds/")
    assert page.status_code == 200 and "Reset feed links" in page.content.decode()

    response = client.post("/profile/feeds/", follow=True)

    assert response.redirect_chain == [("/profile/feeds/", 302)]
    after = _alternate(client.get("/spaces/general/").content.decode())
    assert after != before
    client.logout()
    assert client.get(before.removeprefix("http://testserver")).status_code == 404
    assert client.get(after.removeprefix("http://testserver")).status_code == 200


def test_reset_is_rate_limited(client, employee, settings):
    settings.PAGE_WRITE_RATE = "2/m"
    client.force_login(employee)
    assert [client.post("/profile/feeds/").status_code for _ in range(3)] == [302, 302, 429]
