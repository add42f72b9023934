"""Flags: who may flag what, one open flag per person and item, flooding, the automatic hide at
the flag score threshold and trust-weighted flags; the API and the page."""

import pytest
from django.test import override_settings

from collab.exceptions import NotFound
from moderation import services
from moderation.models import Action, Case, Decision, Flag, Trust
from tests.accounts.factories import UserFactory
from tests.threads.factories import SpaceFactory
from threads import services as thread_services
from threads.models import Post

pytestmark = pytest.mark.django_db


def _flag(reporter, post, reason="spam", note=""):
    return services.flag_create(reporter=reporter, target_kind="post", target_id=post.pk, reason=reason, note=note)


def test_a_flag_opens_a_case_with_the_text_and_its_context(reply, employee):
    flag = _flag(employee, reply, note="Advert")

    case = flag.case
    assert (case.target_kind, case.target_id, case.status) == ("post", reply.pk, Case.Status.OPEN)
    assert case.author == reply.author and case.space_id == reply.thread.space_id
    assert case.title == "Build times" and "zebraquartz" in case.excerpt
    assert (case.score, case.flag_count, flag.weight) == (1.0, 1, 1.0)


def test_flagging_your_own_content_is_refused(reply, other_employee):
    with pytest.raises(services.OwnContent):
        _flag(other_employee, reply)
    assert not Flag.objects.exists()


def test_one_open_flag_per_person_and_item(reply, employee):
    _flag(employee, reply)
    with pytest.raises(services.AlreadyFlagged):
        _flag(employee, reply, reason="abusive")
    assert Flag.objects.count() == 1


def test_content_you_cannot_see_cannot_be_flagged(employee, other_employee):
    private = SpaceFactory(name="Board room", visibility="private", members=[other_employee])
    secret = thread_services.thread_start(space_id=private.pk, author=other_employee, title="Secret", body="Plans")
    root = Post.objects.get(thread=secret, depth=0)
    with pytest.raises(NotFound):
        _flag(employee, root)
    with pytest.raises(NotFound):
        services.flag_create(reporter=employee, target_kind="post", target_id=999999, reason="spam")


def test_bad_reason_and_long_note_are_refused_with_their_field(reply, employee):
    with pytest.raises(services.InvalidFlag) as bad_reason:
        _flag(employee, reply, reason="boring")
    assert bad_reason.value.field == "reason"
    with pytest.raises(services.InvalidFlag) as long_note:
        _flag(employee, reply, note="x" * 1001)
    assert long_note.value.field == "note"


@override_settings(MODERATION_FLAGS_PER_HOUR=3)
def test_flag_flooding_stops_at_the_hourly_limit(thread, employee, other_employee):
    posts = [thread_services.reply_post(thread_id=thread.pk, author=other_employee, body=f"r{i}") for i in range(4)]
    for post in posts[:3]:
        _flag(employee, post)
    with pytest.raises(services.TooManyFlags) as too_many:
        _flag(employee, posts[3])
    assert too_many.value.status_code == 429 and too_many.value.extra["retry_after"] == 3600


def test_flag_score_at_threshold_hides_pending_review(reply, reporters, committed):
    for reporter in reporters[:2]:
        _flag(reporter, reply)
    reply.refresh_from_db()
    assert not reply.is_deleted
    committed(_flag, reporter=reporters[2], post=reply)  # 3 x 1.0 reaches MODERATION_AUTO_HIDE_SCORE

    reply.refresh_from_db()
    case = Case.objects.get(target_id=reply.pk)
    assert reply.is_deleted and case.status == Case.Status.HIDDEN and case.auto_hidden
    assert list(Decision.objects.values_list("action", "moderator")) == [(Action.AUTO_HIDE, None)]
    assert reply.deleted_by.username == services.BOT_USERNAME


def test_flags_of_people_whom_moderators_upheld_weigh_more(thread, other_employee, reporters):
    trusted, newcomer, doubtful = reporters[:3]
    Trust.objects.create(user=trusted, flags_upheld=8, flags_dismissed=0)
    Trust.objects.create(user=doubtful, flags_upheld=0, flags_dismissed=6)
    assert services.flag_weight(user=trusted) == pytest.approx(1.8)
    assert services.flag_weight(user=newcomer) == 1.0
    assert services.flag_weight(user=doubtful) == pytest.approx(0.25)

    # Two trusted reporters hide a post; three doubtful ones do not.
    another = UserFactory()
    Trust.objects.create(user=another, flags_upheld=8)
    post = thread_services.reply_post(thread_id=thread.pk, author=other_employee, body="Cheap watches")
    _flag(trusted, post)
    _flag(another, post)
    post.refresh_from_db()
    assert post.is_deleted

    harassed = thread_services.reply_post(thread_id=thread.pk, author=other_employee, body="My honest opinion")
    for _ in range(3):
        flagger = UserFactory()
        Trust.objects.create(user=flagger, flags_dismissed=6)
        _flag(flagger, harassed, reason="abusive")
    harassed.refresh_from_db()
    assert not harassed.is_deleted
    assert Case.objects.get(target_id=harassed.pk).score == pytest.approx(0.75)


def test_people_can_be_flagged_but_are_never_hidden_automatically(employee, reporters):
    for reporter in reporters[:4]:
        services.flag_create(reporter=reporter, target_kind="person", target_id=employee.pk, reason="abusive")
    case = Case.objects.get(target_kind="person")
    employee.refresh_from_db()
    assert case.status == Case.Status.OPEN and case.score == 4.0 and employee.is_active


# --- API --------------------------------------------------------------------------------------------


def test_api_flag_created(api_client, reply, employee):
    api_client.force_authenticate(employee)
    response = api_client.post(
        "/api/v1/flags/", {"target_kind": "post", "target_id": reply.pk, "reason": "spam", "note": "ad"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["target_id"] == reply.pk and response.json()["status"] == "open"


@pytest.mark.parametrize(
    ("who", "payload", "status", "code"),
    [
        ("author", {"reason": "spam"}, 400, "own_content"),
        ("employee", {"reason": "nope"}, 400, "invalid"),
        ("employee", {"reason": "spam", "target_id": 999999}, 404, "not_found"),
    ],
)
def test_api_refusals_are_clear(api_client, reply, employee, other_employee, who, payload, status, code):
    api_client.force_authenticate({"author": other_employee, "employee": employee}[who])
    body = {"target_kind": "post", "target_id": reply.pk, **payload}
    response = api_client.post("/api/v1/flags/", body, format="json")
    assert response.status_code == status and response.json()["code"] == code


def test_api_second_flag_is_a_conflict(api_client, reply, employee):
    api_client.force_authenticate(employee)
    body = {"target_kind": "post", "target_id": reply.pk, "reason": "spam"}
    assert api_client.post("/api/v1/flags/", body, format="json").status_code == 201
    response = api_client.post("/api/v1/flags/", body, format="json")
    assert response.status_code == 409 and response.json()["code"] == "already_flagged"


@override_settings(MODERATION_FLAG_RATE="2/m")
def test_api_flag_flooding_gets_429_with_retry_after(api_client, thread, employee, other_employee):
    posts = [thread_services.reply_post(thread_id=thread.pk, author=other_employee, body=f"r{i}") for i in range(3)]
    api_client.force_authenticate(employee)
    statuses = []
    for post in posts:
        response = api_client.post(
            "/api/v1/flags/", {"target_kind": "post", "target_id": post.pk, "reason": "spam"}, format="json"
        )
        statuses.append(response.status_code)
    assert statuses == [201, 201, 429]
    assert int(response["Retry-After"]) > 0 and response.json()["code"] == "throttled"


@override_settings(MODERATION_FLAGS_PER_HOUR=1)
def test_api_hourly_limit_is_a_429_with_retry_after(api_client, thread, employee, other_employee):
    posts = [thread_services.reply_post(thread_id=thread.pk, author=other_employee, body=f"r{i}") for i in range(2)]
    api_client.force_authenticate(employee)
    for post in posts:
        response = api_client.post(
            "/api/v1/flags/", {"target_kind": "post", "target_id": post.pk, "reason": "spam"}, format="json"
        )
    assert response.status_code == 429 and response["Retry-After"] == "3600"


# --- page ---------------------------------------------------------------------------------------------


def test_flag_page_flow(client, reply, employee):
    client.force_login(employee)
    page = client.get(f"/threads/{reply.thread_id}/")
    assert f'href="/flag/post/{reply.pk}/"' in page.content.decode()
    form = client.get(f"/flag/post/{reply.pk}/")
    assert form.status_code == 200 and "zebraquartz" in form.content.decode()
    response = client.post(f"/flag/post/{reply.pk}/", {"reason": "spam", "note": "advert"})
    assert response.status_code == 302
    assert response["Location"] == f"/threads/{reply.thread_id}/posts/{reply.pk}/"
    assert Flag.objects.filter(reporter=employee).count() == 1
    again = client.post(f"/flag/post/{reply.pk}/", {"reason": "spam"})
    assert again.status_code == 400 and "already flagged" in again.content.decode()


def test_flag_page_hides_nothing_you_cannot_see_and_refuses_own(client, reply, other_employee, employee):
    client.force_login(other_employee)
    own = client.post(f"/flag/post/{reply.pk}/", {"reason": "spam"})
    assert own.status_code == 400 and "your own content" in own.content.decode()
    client.force_login(employee)
    assert client.get("/flag/post/999999/").status_code == 404


@override_settings(MODERATION_FLAG_RATE="1/m")
def test_flag_page_is_rate_limited_with_retry_after(client, thread, employee, other_employee):
    posts = [thread_services.reply_post(thread_id=thread.pk, author=other_employee, body=f"r{i}") for i in range(2)]
    client.force_login(employee)
    assert client.post(f"/flag/post/{posts[0].pk}/", {"reason": "spam"}).status_code == 302
    limited = client.post(f"/flag/post/{posts[1].pk}/", {"reason": "spam"})
    assert limited.status_code == 429 and limited["Retry-After"] == "60"


def test_profiles_of_others_offer_a_flag_link(client, employee, other_employee):
    from django.urls import reverse

    client.force_login(employee)
    flag_url = reverse("flag_person", args=[other_employee.pk])
    assert flag_url in client.get(reverse("person_detail", args=[other_employee.pk])).content.decode()
    assert "Flag this person" not in client.get(reverse("person_detail", args=[employee.pk])).content.decode()
