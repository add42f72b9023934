"""A small fixed company whose every figure is computed by hand in the tests.

Departments Eng (Erin, Eli, Mia the manager), Sales (Sam), HR (Hana), Ops (Ada the admin).
Spaces: General (public) and HR only (department space). A company board owned by Mia.
Days: A = 10 days ago, B = 5 days ago, and today (always counted live).

- A 09:00 Erin starts "Deploys" in General; A 11:00 Sam replies to Erin's opening post.
- A 10:00 Sam posts idea I1; A+1 day it goes under review, A+3 days planned (response).
- B 09:00 Eli replies to Sam's reply; B 10:00 Hana starts "Payroll" in HR only (never answered).
- B 12:00 Eli posts idea I2 (never reacted to); B 13:00 Erin votes for I1, Sam for I2.
- Today: Erin replies in "Deploys" (to her own post: same department), Hana votes for I2.
- A project by Mia, one role of 2 seats asking Rust at level 4 (nobody has it): Erin (volunteered)
  and Sam joined on day B.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from ideas import services as idea_services
from ideas.models import Idea, IdeaStatusChange, Vote
from teams.models import Membership
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea
from tests.teams.factories import make_project
from tests.threads.factories import SpaceFactory
from threads import services as thread_services
from threads.models import Post, Space, Thread


@dataclass
class Company:
    day_a: object
    day_b: object
    eng: object
    sales: object
    hr: object
    ops: object
    erin: object
    eli: object
    sam: object
    hana: object
    mia: object
    ada: object
    general: Space
    hr_space: Space
    board: object
    idea1: Idea
    idea2: Idea
    deploys: Thread
    payroll: Thread
    project: object


def at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _post_at(post: Post, when: datetime) -> None:
    Post.objects.filter(pk=post.pk).update(created_at=when)


@pytest.fixture
def company(db) -> Company:
    today = timezone.localdate()
    day_a, day_b = today - timedelta(days=10), today - timedelta(days=5)
    eng, sales, hr, ops = (DepartmentFactory(name=n) for n in ("Eng", "Sales", "HR", "Ops"))
    erin = UserFactory(username="erin", first_name="Erin", last_name="E", department=eng)
    eli = UserFactory(username="eli", first_name="Eli", last_name="E", department=eng)
    mia = UserFactory(username="mia", first_name="Mia", last_name="M", department=eng, role="manager")
    sam = UserFactory(username="sam", first_name="Sam", last_name="S", department=sales)
    hana = UserFactory(username="hana", first_name="Hana", last_name="H", department=hr)
    ada = UserFactory(username="ada", first_name="Ada", last_name="A", department=ops, role="admin")
    general = SpaceFactory(name="General")
    hr_space = SpaceFactory(name="HR only", visibility=Space.Visibility.DEPARTMENT, departments=[hr])

    deploys = thread_services.thread_start(space_id=general.pk, author=erin, title="Deploys", body="Faster?")
    Thread.objects.filter(pk=deploys.pk).update(created_at=at(day_a, 9))
    _post_at(Post.objects.get(thread=deploys, depth=0), at(day_a, 9))
    sam_reply = thread_services.reply_post(
        thread_id=deploys.pk, author=sam, body="Yes", parent_id=Post.objects.get(thread=deploys, depth=0).pk
    )
    _post_at(sam_reply, at(day_a, 11))
    eli_reply = thread_services.reply_post(thread_id=deploys.pk, author=eli, body="Agreed", parent_id=sam_reply.pk)
    _post_at(eli_reply, at(day_b, 9))
    thread_services.reply_post(
        thread_id=deploys.pk, author=erin, body="Today", parent_id=Post.objects.get(thread=deploys, depth=0).pk
    )
    payroll = thread_services.thread_start(space_id=hr_space.pk, author=hana, title="Payroll", body="Dates")
    Thread.objects.filter(pk=payroll.pk).update(created_at=at(day_b, 10))
    _post_at(Post.objects.get(thread=payroll, depth=0), at(day_b, 10))

    board = make_board(owner=mia, title="Company ideas")
    idea1 = make_idea(board=board, author=sam, title="Self-service demos")
    idea2 = make_idea(board=board, author=eli, title="Faster builds")
    Idea.objects.filter(pk=idea1.pk).update(created_at=at(day_a, 10))
    Idea.objects.filter(pk=idea2.pk).update(created_at=at(day_b, 12))
    Post.objects.filter(thread__idea=idea1).update(created_at=at(day_a, 10))
    Post.objects.filter(thread__idea=idea2).update(created_at=at(day_b, 12))
    idea_services.idea_status_change(idea_id=idea1.pk, actor=mia, status="under_review")
    idea_services.idea_status_change(idea_id=idea1.pk, actor=mia, status="planned", response="Next quarter.")
    first, second = IdeaStatusChange.objects.filter(idea=idea1).order_by("id")
    IdeaStatusChange.objects.filter(pk=first.pk).update(changed_at=at(day_a, 10) + timedelta(days=1))
    IdeaStatusChange.objects.filter(pk=second.pk).update(changed_at=at(day_a, 10) + timedelta(days=3))
    # Votes: whatever the services cast on their own (none expected), then ours at fixed times.
    Vote.objects.all().delete()
    Vote.objects.create(idea=idea1, voter=erin, created_at=at(day_b, 13))
    Vote.objects.create(idea=idea2, voter=sam, created_at=at(day_b, 13))
    Vote.objects.create(idea=idea2, voter=hana)  # today

    project = make_project(
        owner=mia, title="Rust rewrite", roles=[{"name": "Dev", "headcount": 2, "skills": {"Rust": 4}}]
    )
    role = project.roles.get()
    for person, volunteered in ((erin, True), (sam, False)):
        Membership.objects.create(
            project=project, role=role, person=person, status=Membership.Status.ACCEPTED, hours_per_week=4,
            from_volunteer=volunteered, invited_by=mia, responded_at=at(day_b, 15),
        )  # fmt: skip
    return Company(
        day_a=day_a, day_b=day_b, eng=eng, sales=sales, hr=hr, ops=ops, erin=erin, eli=eli, sam=sam, hana=hana,
        mia=mia, ada=ada, general=general, hr_space=hr_space, board=board, idea1=idea1, idea2=idea2,
        deploys=deploys, payroll=payroll, project=project,
    )  # fmt: skip
