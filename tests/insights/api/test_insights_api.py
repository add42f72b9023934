from datetime import timedelta

import pytest
from django.utils import timezone

from insights import services
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
SECTIONS = ["participation", "funnel", "responsiveness", "collaboration", "teams"]


@pytest.mark.parametrize("section", SECTIONS)
def test_managers_and_admins_read_every_section(api_client, company, section):
    for viewer in (company.mia, company.ada):
        api_client.force_authenticate(viewer)
        response = api_client.get(f"/api/v1/insights/{section}/")
        assert response.status_code == 200, response.content


def test_the_api_gives_the_same_figures_as_the_selectors(api_client, company):
    api_client.force_authenticate(company.ada)
    start = (timezone.localdate() - timedelta(days=29)).isoformat()
    data = api_client.get(f"/api/v1/insights/participation/?start={start}").json()
    assert data["totals"]["posts"] == 5 and data["totals"]["share"] == 0.6667
    board = api_client.get(f"/api/v1/insights/funnel/?start={start}&board={company.board.pk}").json()
    assert board["total"]["posted"] == 2 and board["total"]["no_response"] == 1
    eng = api_client.get(f"/api/v1/insights/participation/?start={start}&department={company.eng.pk}").json()
    assert eng["totals"]["contributors"] == 2


@pytest.mark.parametrize("who", ["anonymous", "employee", "moderator", "guest"])
def test_others_may_not_read_the_company_figures(api_client, company, who):
    if who != "anonymous":
        api_client.force_authenticate(UserFactory(role=who) if who != "employee" else company.erin)
    response = api_client.get("/api/v1/insights/participation/")
    assert response.status_code in {"anonymous": (401, 403), "employee": (403,), "moderator": (403,),
                                     "guest": (404,)}[who]  # fmt: skip


def test_bad_filters_are_a_400(api_client, company):
    api_client.force_authenticate(company.ada)
    assert api_client.get("/api/v1/insights/teams/?start=2026-02-01&end=2026-01-01").status_code == 400
    assert api_client.get("/api/v1/insights/teams/?start=2020-01-01&end=2026-01-01").status_code == 400


def test_everyone_reads_their_own_figures_only(api_client, company):
    api_client.force_authenticate(company.erin)
    data = api_client.get("/api/v1/insights/me/").json()
    assert (data["posts"], data["votes"], data["ideas"]) == (2, 1, 0)
    assert data["ideas_list"] == []


def _more_activity(company, n: int) -> None:
    """`n` more people each with a thread, an idea and a vote, on rolled-up days and today."""
    from ideas.services import vote_cast
    from tests.ideas.factories import make_idea
    from threads import services as thread_services

    for i in range(n):
        person = UserFactory(department=company.sales if i % 2 else company.hr)
        thread_services.thread_start(space_id=company.general.pk, author=person, title=f"T{i}", body="x")
        idea = make_idea(board=company.board, author=person, title=f"Idea {i} about something")
        vote_cast(idea_id=company.idea1.pk, voter=person)
        vote_cast(idea_id=idea.pk, voter=company.erin)


@pytest.mark.parametrize("section", SECTIONS)
def test_a_section_costs_the_same_queries_for_2_and_20_people(api_client, company, section, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api_client.force_authenticate(company.mia)
    today = timezone.localdate()
    services.rollup_range(start=today - timedelta(days=89), end=today)
    counts = []
    for extra in (2, 18):
        _more_activity(company, extra)
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(f"/api/v1/insights/{section}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
