"""Seat capacity under concurrency, on PostgreSQL: two managers confirming at the same instant,
many invitations to one role or one person at once. Real threads with their own connections start
together at a barrier; no retries, so a deadlock or an integrity error fails the test."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Count, Q, Sum

from teams import services
from teams.models import Membership, Project
from tests.accounts.factories import UserFactory
from tests.teams.factories import make_person, make_project, make_skill

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(300),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite takes one writer at a time (BEGIN IMMEDIATE): nothing runs concurrently to test",
    ),
]


def run_together(count: int, work, *, expected=()) -> tuple[list, list[BaseException]]:
    """Run `work(i)` in `count` threads released together; return (outcomes, unexpected errors).
    An outcome is what `work` returned, or the expected exception it raised."""
    barrier = threading.Barrier(count)
    outcomes: list = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def runner(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            result = work(i)
        except expected as exc:
            result = exc
        except BaseException as exc:  # reported by the test
            with lock:
                errors.append(exc)
            return
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=runner, args=(i,), name=f"seat-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return outcomes, errors


class Watcher:
    """Reads a figure in a loop from its own connection while the threads run."""

    def __init__(self, read):
        self.read, self.seen, self.stop = read, [], threading.Event()
        self.thread = threading.Thread(target=self._watch, name="watcher")

    def _watch(self) -> None:
        try:
            while not self.stop.is_set():
                self.seen.append(self.read())
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)


def live_hours(person) -> int:
    """From the rows: live seats (invited or accepted) on projects that are not closed."""
    booked = (
        Membership.objects.live()
        .filter(person=person)
        .exclude(project__status=Project.Status.CLOSED)
        .aggregate(hours=Sum("hours_per_week"))["hours"]
    )
    return booked or 0


def test_two_managers_confirming_the_same_person_at_once_book_only_the_hours_they_have():
    """Alex has 6 h; projects A and B each propose Alex for a 4 h seat. Confirmed together, exactly
    one wins and the other is told the seats are unavailable, twenty times over."""
    mia, max_ = UserFactory(role="manager"), UserFactory(role="manager")
    for run in range(20):
        skill = make_skill(f"Rare skill {run}")
        alex = make_person(skills={skill: 5}, hours=6, first_name="Alex")
        projects = [
            make_project(owner=owner, roles=[{"name": "Expert", "hours_per_week": 4, "skills": {skill: 3}}])
            for owner in (mia, max_)
        ]
        proposals = [services.proposal_create(project_id=p.pk, actor=p.owner) for p in projects]
        for proposal, project in zip(proposals, projects, strict=True):
            assert proposal.assignment == {str(project.roles.get().pk): [alex.pk]}

        def confirm(i: int, proposals=proposals, projects=projects):
            return services.proposal_confirm(proposal_id=proposals[i].pk, actor=projects[i].owner)

        with Watcher(lambda alex=alex: live_hours(alex)) as watcher:
            outcomes, errors = run_together(2, confirm, expected=(services.SeatsUnavailable,))
        assert errors == [], f"run {run}: {errors!r}"
        refused = [o for o in outcomes if isinstance(o, services.SeatsUnavailable)]
        confirmed = [o for o in outcomes if not isinstance(o, Exception)]
        assert (len(confirmed), len(refused)) == (1, 1), f"run {run}: {outcomes!r}"
        [problem] = refused[0].extra["problems"]
        assert (problem["person_id"], problem["code"]) == (alex.pk, "over_capacity")
        seats = Membership.objects.live().filter(person=alex)
        assert seats.count() == 1 and seats.get().project_id == confirmed[0].project_id
        assert live_hours(alex) == 4 <= alex.weekly_availability
        assert watcher.seen and max(watcher.seen) <= alex.weekly_availability


def test_many_invitations_to_one_role_at_once_never_exceed_its_headcount(manager):
    project = make_project(owner=manager, roles=[{"name": "Crew", "hours_per_week": 2, "headcount": 3}])
    role = project.roles.get()
    people = [make_person(hours=4) for _ in range(16)]

    def live_seats() -> int:
        return Membership.objects.live().filter(role=role).count()

    def invite(i: int):
        return services.member_invite(project_id=project.pk, role_id=role.pk, person_id=people[i].pk, actor=manager)

    with Watcher(live_seats) as watcher:
        outcomes, errors = run_together(len(people), invite, expected=(services.SeatsUnavailable,))
    assert errors == []
    refused = [o for o in outcomes if isinstance(o, services.SeatsUnavailable)]
    assert len(outcomes) - len(refused) == 3
    assert {p["code"] for o in refused for p in o.extra["problems"]} == {"role_full"}
    assert live_seats() == 3
    assert watcher.seen and max(watcher.seen) <= 3


def test_many_projects_inviting_one_person_at_once_never_overbook_them(manager):
    """Ten projects each want 3 of Pat's 10 hours at the same instant: three get them."""
    pat = make_person(hours=10, first_name="Pat")
    projects = [make_project(owner=manager, roles=[{"name": "Seat", "hours_per_week": 3}]) for _ in range(10)]
    roles = [p.roles.get() for p in projects]

    def invite(i: int):
        return services.member_invite(project_id=projects[i].pk, role_id=roles[i].pk, person_id=pat.pk, actor=manager)

    with Watcher(lambda: live_hours(pat)) as watcher:
        outcomes, errors = run_together(len(projects), invite, expected=(services.SeatsUnavailable,))
    assert errors == []
    assert sum(1 for o in outcomes if not isinstance(o, Exception)) == 3
    assert live_hours(pat) == 9
    assert watcher.seen and max(watcher.seen) <= 10
    counts = Membership.objects.aggregate(live=Count("pk", filter=Q(status__in=Membership.LIVE)))
    assert counts["live"] == 3


def test_accepting_and_declining_while_managers_invite_stays_within_capacity(manager):
    """Answers to invitations racing new invitations of the same people: no deadlock, and the
    hours booked never exceed anyone's week."""
    people = [make_person(hours=8) for _ in range(6)]
    projects = [
        make_project(owner=manager, roles=[{"name": "Seat", "hours_per_week": 4, "headcount": 6}]) for _ in range(3)
    ]
    first = [
        services.member_invite(
            project_id=projects[0].pk, role_id=projects[0].roles.get().pk, person_id=p.pk, actor=manager
        )
        for p in people
    ]

    def work(i: int):
        if i < len(people):
            return services.membership_respond(membership_id=first[i].pk, user=people[i], accept=i % 2 == 0)
        project = projects[1 + i % 2]
        person = people[(i - len(people)) % len(people)]
        return services.member_invite(
            project_id=project.pk, role_id=project.roles.get().pk, person_id=person.pk, actor=manager
        )

    _outcomes, errors = run_together(len(people) * 3, work, expected=(services.SeatsUnavailable,))
    assert errors == []
    for person in people:
        assert live_hours(person) <= person.weekly_availability
