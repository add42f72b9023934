"""The realtime engine's after-commit listener registry (collab/realtime/publish.py)."""

import logging

import pytest
from django.db import transaction

from collab.realtime.models import Event
from collab.realtime.publish import publish_on_commit, register_event_listener, unregister_event_listener

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(topic, seq, event_type, data):
        calls.append((topic, seq, event_type, dict(data)))

    register_event_listener(listener)
    register_event_listener(listener)  # twice is once
    yield calls
    unregister_event_listener(listener)


def test_listeners_hear_each_event_after_commit(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_on_commit("person.1", "person.updated", {"id": 1})
        assert heard == []  # not before commit
    assert heard == [("person.1", 1, "person.updated", {"id": 1})]


def test_rolled_back_events_are_never_heard(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        publish_on_commit("person.1", "person.updated", {"id": 1})
        raise RuntimeError
    assert heard == []
    assert not Event.objects.exists()


def test_a_failing_listener_is_logged_and_breaks_neither_the_publisher_nor_the_others(
    heard, django_capture_on_commit_callbacks, caplog
):
    def broken(*args):
        raise ValueError("boom")

    register_event_listener(broken)
    try:
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            seq = publish_on_commit("person.1", "person.updated", {"id": 1})
    finally:
        unregister_event_listener(broken)
    assert seq == 1
    assert len(heard) == 1
    assert "event listener" in caplog.text and "boom" in caplog.text
