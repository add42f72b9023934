"""Journeys in two real browsers: a reply deep in the tree appears live elsewhere; mentions
autocomplete; edits keep a history; search finds a reply and its link opens it."""

import os

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, sign_in
from tests.threads.factories import SpaceFactory, thread_with_replies
from threads.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]


@pytest.fixture
def discussion(employee, other_employee):
    space = SpaceFactory(name="Engineering", slug="engineering")
    return thread_with_replies(
        space=space, author=employee, replies=2, depth=2, title="Build times", repliers=[employee, other_employee]
    )


def test_reply_at_depth_3_appears_live_in_another_browser(
    page, second_page, asgi_server, employee, other_employee, discussion
):
    server = asgi_server()
    depth_two = Post.objects.get(thread=discussion, depth=2)

    sign_in(page, server, employee)
    page.goto(f"{server.url}/threads/{discussion.pk}/")
    page.wait_for_function("document.documentElement.dataset.live === 'online'")
    page.evaluate("window.notReloaded = true")

    sign_in(second_page, server, other_employee)
    second_page.goto(f"{server.url}/threads/{discussion.pk}/")
    second_page.locator(f"#post-{depth_two.pk} .reply-link").click()  # the form moves under that post
    second_page.locator("#reply-form textarea").fill("Caching the **Docker layers** cut it to 4 minutes.")
    second_page.get_by_role("button", name="Post reply").click()
    second_page.wait_for_url(f"**/threads/{discussion.pk}/**")

    reply = page.locator("article.post", has_text="Caching the Docker layers")
    reply.wait_for(timeout=3_000)
    assert reply.get_attribute("data-depth") == "3"
    # It sits right under its parent, inside the parent's sub-tree.
    assert (
        page.evaluate("(id) => document.getElementById(id).previousElementSibling.id", reply.get_attribute("id"))
        == f"post-{depth_two.pk}"
    )
    assert reply.locator("strong", has_text="Docker layers").is_visible()
    assert page.evaluate("window.notReloaded") is True
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, "thread-live-reply.png"), full_page=True)


def test_mention_autocomplete_then_mention_link(page, asgi_server, employee, other_employee, discussion):
    server = asgi_server()
    sign_in(page, server, employee)
    page.goto(f"{server.url}/threads/{discussion.pk}/")
    box = page.locator("#reply-form textarea")
    box.click()
    box.press_sequentially("Thanks @osc", delay=30)
    option = page.get_by_role("option", name=f"{other_employee.display_name} (@{other_employee.username})")
    option.wait_for()
    box.press("Enter")
    # The completion lands when the widget handles the key: wait for it (a busy machine is slower).
    expect(box).to_have_value(f"Thanks @{other_employee.username} ")
    box.press_sequentially("for the tip", delay=10)
    page.get_by_role("button", name="Post reply").click()
    mention = page.locator("a.mention", has_text=f"@{other_employee.username}")
    mention.wait_for()
    assert mention.get_attribute("href") == f"/people/{other_employee.pk}/"


def test_edit_history_is_visible_to_everyone(page, second_page, asgi_server, employee, other_employee, discussion):
    server = asgi_server()
    root = Post.objects.get(thread=discussion, depth=0)
    sign_in(page, server, employee)
    page.goto(f"{server.url}/posts/{root.pk}/edit/")
    page.get_by_label("Text").fill("Opening post, **now with numbers**: 14 minutes per build.")
    page.get_by_role("button", name="Preview").click()
    page.locator("#preview strong", has_text="now with numbers").wait_for()
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Your post is updated.").wait_for()

    sign_in(second_page, server, other_employee)
    second_page.goto(f"{server.url}/threads/{discussion.pk}/")
    second_page.locator(f"#post-{root.pk}").get_by_test_id("edited").click()
    second_page.get_by_test_id("current-version").get_by_text("now with numbers").wait_for()
    assert second_page.get_by_test_id("revision").filter(has_text="Opening post").count() == 1


def test_search_finds_a_reply_and_the_link_opens_it(page, asgi_server, employee, discussion):
    from threads import services

    deep = Post.objects.get(thread=discussion, depth=2)
    target = services.reply_post(
        thread_id=discussion.pk, author=employee, body="Remember the flaky **zeppelin** test?", parent_id=deep.pk
    )
    server = asgi_server()
    sign_in(page, server, employee)
    page.goto(f"{server.url}/search/")
    page.get_by_label("Search for").fill("zeppelin")
    page.get_by_role("button", name="Search").click()
    result = page.locator(".search-results li", has_text="Build times")
    result.locator("mark", has_text="zeppelin").wait_for()
    result.get_by_role("link").first.click()
    page.wait_for_url(f"**/threads/{discussion.pk}/#post-{target.pk}")
    assert page.locator(f"#post-{target.pk}").is_visible()
    assert page.evaluate("location.hash") == f"#post-{target.pk}"


def test_a_mention_tells_the_person_live(page, second_page, asgi_server, employee, other_employee, discussion):
    server = asgi_server()
    sign_in(second_page, server, other_employee)  # Oscar is on the home page
    second_page.wait_for_function("document.documentElement.dataset.live === 'online'")

    sign_in(page, server, employee)
    page.goto(f"{server.url}/threads/{discussion.pk}/")
    page.locator("#reply-form textarea").fill(f"@{other_employee.username} can you review the cache change?")
    page.get_by_role("button", name="Post reply").click()
    page.locator("a.mention").first.wait_for()

    toast = second_page.locator(".toast a", has_text=f"{employee.display_name} mentioned you in Build times")
    toast.wait_for(timeout=3_000)
    toast.click()
    second_page.wait_for_url(f"**/threads/{discussion.pk}/**")
    assert second_page.locator("article.post", has_text="can you review the cache change").is_visible()
