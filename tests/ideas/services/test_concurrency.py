"""Vote integrity under concurrency (the issue's Must-show), on PostgreSQL.

Real threads, each with its own database connection, start together at a barrier and call the
services as many web requests would. No retries: a deadlock or an integrity error is a failure.
"""

import contextlib
import random
import threading

import pytest
from django.db import connection, connections
from django.db.models import Count, Q

from ideas import services
from ideas.models import Idea, Vote
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_idea

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(180),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite takes one writer at a time (BEGIN IMMEDIATE): nothing runs concurrently to test",
    ),
]

EXPECTED = (services.VoteBudgetExhausted,)


def run_together(count: int, work, *, expected=()) -> list[BaseException]:
    """Run `work(i)` in `count` threads released together; return the unexpected errors."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def runner(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(i)
        except expected:
            pass
        except BaseException as exc:  # reported by the test
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,), name=f"voter-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=150)
    assert not any(thread.is_alive() for thread in threads), "a voter thread hung (deadlock?)"
    return errors


def assert_counts_match(idea: Idea) -> Idea:
    idea.refresh_from_db()
    real = Vote.objects.filter(idea=idea).aggregate(
        up=Count("id", filter=Q(value=1)), down=Count("id", filter=Q(value=-1))
    )
    assert (idea.upvotes, idea.downvotes) == (real["up"], real["down"])
    return idea


def test_one_person_hammering_one_idea_keeps_one_vote_and_exact_counts(manager, employee):
    board = make_board(owner=manager, voting="updown")
    idea = make_idea(board=board, author=manager)
    voter = employee

    def work(i: int) -> None:
        rng = random.Random(i)
        for _ in range(30):
            roll = rng.random()
            if roll < 0.4:
                services.vote_cast(idea_id=idea.pk, voter=voter, value=1)
            elif roll < 0.7:
                services.vote_cast(idea_id=idea.pk, voter=voter, value=-1)
            else:
                services.vote_retract(idea_id=idea.pk, voter=voter)

    errors = run_together(16, work)
    assert errors == []
    assert Vote.objects.filter(idea=idea, voter=voter).count() <= 1
    idea = assert_counts_match(idea)
    assert idea.upvotes + idea.downvotes == Vote.objects.filter(idea=idea).count()
    # A last, quiet cast settles on exactly one vote.
    services.vote_cast(idea_id=idea.pk, voter=voter)
    assert Vote.objects.filter(idea=idea, voter=voter).count() == 1
    assert assert_counts_match(idea).upvotes == 1


def test_a_budget_is_never_exceeded_by_concurrent_casts(manager, employee):
    budget = 5
    board = make_board(owner=manager, vote_budget=budget)
    ideas = [make_idea(board=board, author=manager) for _ in range(budget + 5)]
    voter = employee
    stop = threading.Event()
    seen: list[int] = []

    def watch() -> None:
        try:
            while not stop.is_set():
                seen.append(Vote.objects.filter(voter=voter, idea__board=board, holds_budget=True).count())
        finally:
            connections.close_all()

    watcher = threading.Thread(target=watch, name="budget-watcher")
    watcher.start()

    def work(i: int) -> None:
        rng = random.Random(i)
        idea = ideas[i]
        for _ in range(20):
            if rng.random() < 0.7:
                with contextlib.suppress(services.VoteBudgetExhausted):
                    services.vote_cast(idea_id=idea.pk, voter=voter)
            else:
                services.vote_retract(idea_id=idea.pk, voter=voter)

    try:
        errors = run_together(len(ideas), work)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert errors == []
    assert seen and max(seen) <= budget
    held = Vote.objects.filter(voter=voter, idea__board=board, holds_budget=True).count()
    assert held <= budget
    for idea in ideas:
        assert_counts_match(idea)

    # Every thread casting once at the same moment: exactly `budget` succeed.
    Vote.objects.filter(voter=voter).delete()
    for idea in ideas:
        services.idea_counts_rebuild(idea_id=idea.pk)
    outcomes: list[str] = []

    def cast_once(i: int) -> None:
        try:
            services.vote_cast(idea_id=ideas[i].pk, voter=voter)
            outcomes.append("cast")
        except services.VoteBudgetExhausted:
            outcomes.append("refused")

    assert run_together(len(ideas), cast_once) == []
    assert sorted(outcomes) == ["cast"] * budget + ["refused"] * 5
    assert Vote.objects.filter(voter=voter, holds_budget=True).count() == budget
    assert sum(assert_counts_match(idea).upvotes for idea in ideas) == budget


def test_many_voters_at_once_on_one_idea_give_exact_counts(manager):
    board = make_board(owner=manager, voting="updown")
    idea = make_idea(board=board, author=manager)
    voters = [UserFactory() for _ in range(32)]

    def work(i: int) -> None:
        voter = voters[i]
        services.vote_cast(idea_id=idea.pk, voter=voter, value=1)
        services.vote_cast(idea_id=idea.pk, voter=voter, value=-1)
        services.vote_retract(idea_id=idea.pk, voter=voter)
        services.vote_cast(idea_id=idea.pk, voter=voter, value=1 if i % 4 else -1)
        services.vote_cast(idea_id=idea.pk, voter=voter, value=1 if i % 4 else -1)  # again: no change

    assert run_together(len(voters), work) == []
    idea = assert_counts_match(idea)
    assert (idea.upvotes, idea.downvotes) == (24, 8)
    assert Vote.objects.filter(idea=idea).count() == 32


def test_voters_on_many_ideas_of_one_board_at_once(manager):
    """Different ideas of one board share the board's event topic: no lock cycle between them."""
    board = make_board(owner=manager, voting="updown", vote_budget=3)
    ideas = [make_idea(board=board, author=manager) for _ in range(4)]
    voters = [UserFactory() for _ in range(16)]

    def work(i: int) -> None:
        rng = random.Random(100 + i)
        for _ in range(15):
            idea = rng.choice(ideas)
            if rng.random() < 0.75:
                services.vote_cast(idea_id=idea.pk, voter=voters[i], value=rng.choice([1, -1]))
            else:
                services.vote_retract(idea_id=idea.pk, voter=voters[i])

    assert run_together(len(voters), work, expected=EXPECTED) == []
    for idea in ideas:
        assert_counts_match(idea)
    for voter in voters:
        assert Vote.objects.filter(voter=voter, holds_budget=True).count() <= 3


def test_merge_racing_votes_keeps_one_vote_per_person(manager):
    board = make_board(owner=manager)
    original, duplicate = make_idea(board=board, author=manager), make_idea(board=board, author=manager)
    voters = [UserFactory() for _ in range(12)]

    def work(i: int) -> None:
        if i == len(voters):
            services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
            return
        for idea in (duplicate, original):
            with contextlib.suppress(services.IdeaMerged):
                services.vote_cast(idea_id=idea.pk, voter=voters[i])

    assert run_together(len(voters) + 1, work) == []
    original = assert_counts_match(original)
    assert_counts_match(duplicate)
    assert original.upvotes == len(voters)
    assert not Vote.objects.filter(idea=duplicate).exists()
