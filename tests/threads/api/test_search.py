import pytest

from tests.accounts.factories import UserFactory
from tests.threads.factories import SpaceFactory
from threads import services
from threads.models import Post

pytestmark = pytest.mark.django_db


def test_search_finds_posts_with_thread_space_and_snippet(api_client, space, employee, other_employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Cloud costs", body="Ideas?")
    reply = services.reply_post(
        thread_id=thread.pk, author=other_employee, body="We should try **spot instances** for the batch jobs"
    )
    services.reply_post(thread_id=thread.pk, author=employee, body="Unrelated <b>chatter</b>")
    api_client.force_authenticate(employee)
    hits = api_client.get("/api/v1/search/?q=spot instances").json()
    assert len(hits) == 1
    hit = hits[0]
    assert hit["post"] == {
        "id": reply.pk,
        "thread_id": thread.pk,
        "parent_id": Post.objects.get(thread=thread, depth=0).pk,
        "depth": 1,
        "author": {"id": other_employee.pk, "username": "oscar", "display_name": "Oscar Other"},
        "created_at": hit["post"]["created_at"],
        "edited_at": None,
    }
    assert hit["thread"] == {"id": thread.pk, "title": "Cloud costs"}
    assert hit["space"] == {"id": space.pk, "name": "General", "slug": "general"}
    assert "<mark>spot</mark>" in hit["snippet_html"]


def test_search_snippets_are_escaped(api_client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    services.reply_post(thread_id=thread.pk, author=employee, body="`<script>alert(1)</script>` if a < b kumquat")
    api_client.force_authenticate(employee)
    (hit,) = api_client.get("/api/v1/search/?q=kumquat").json()
    # PostgreSQL's headline drops what looks like tags, the SQLite fallback escapes them: no markup
    # but <mark> either way.
    assert "<script" not in hit["snippet_html"]
    assert hit["snippet_html"].replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert "<mark>kumquat</mark>" in hit["snippet_html"]


def test_search_filters_by_space_and_author(api_client, space, employee, other_employee):
    other_space = SpaceFactory(name="Other")
    mine = services.thread_start(space_id=space.pk, author=employee, title="Kumquat jam", body="kumquat jam")
    theirs = services.thread_start(space_id=other_space.pk, author=other_employee, title="Kumquat", body="kumquat")
    api_client.force_authenticate(employee)

    def threads(query):
        return sorted(h["thread"]["id"] for h in api_client.get(f"/api/v1/search/?{query}").json())

    assert threads("q=kumquat") == sorted([mine.pk, theirs.pk])
    assert threads(f"q=kumquat&space={other_space.pk}") == [theirs.pk]
    assert threads("q=kumquat&author=erin") == [mine.pk]
    assert threads("q=kumquat&author=nobody") == []


def test_search_skips_deleted_posts_and_empty_queries(api_client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    reply = services.reply_post(thread_id=thread.pk, author=employee, body="kumquat")
    services.post_delete(post_id=reply.pk, actor=employee)
    api_client.force_authenticate(employee)
    assert api_client.get("/api/v1/search/?q=kumquat").json() == []
    assert api_client.get("/api/v1/search/").json() == []
    assert api_client.get("/api/v1/search/?q=%20%20").json() == []


@pytest.mark.parametrize("query", ["limit=0", "limit=51", "limit=x", "space=abc", "space=0"])
def test_search_bad_parameters_are_400(api_client, employee, query):
    api_client.force_authenticate(employee)
    response = api_client.get(f"/api/v1/search/?q=x&{query}")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {query.split("=")[0]}


def test_search_limit(api_client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    for n in range(5):
        services.reply_post(thread_id=thread.pk, author=employee, body=f"kumquat number {n}")
    api_client.force_authenticate(employee)
    assert len(api_client.get("/api/v1/search/?q=kumquat&limit=3").json()) == 3


def _hits(space, authors, n):
    thread = services.thread_start(space_id=space.pk, author=authors[0], title="T", body="x")
    for i in range(n):
        services.reply_post(thread_id=thread.pk, author=authors[i % len(authors)], body=f"kumquat {i}")


def test_search_costs_the_same_for_2_and_20_hits(api_client, employee, count_queries):
    authors = [employee, *UserFactory.create_batch(3)]
    api_client.force_authenticate(employee)
    _hits(SpaceFactory(), authors, 2)
    small, body_small = count_queries(api_client, "/api/v1/search/?q=kumquat")
    for _ in range(6):
        _hits(SpaceFactory(), authors, 3)
    large, body_large = count_queries(api_client, "/api/v1/search/?q=kumquat")
    assert (len(body_small), len(body_large)) == (2, 20)
    assert small == large


def test_search_queries(api_client, space, employee, django_assert_num_queries):
    _hits(space, [employee, *UserFactory.create_batch(2)], 5)
    api_client.force_authenticate(employee)
    # 1 posts (+thread, space, author), filtered to the spaces and threads the person may see
    with django_assert_num_queries(1):
        assert len(api_client.get("/api/v1/search/?q=kumquat").json()) == 5
