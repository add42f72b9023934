"""Every figure against values computed by hand from the fixed company (tests/insights/conftest.py),
read live and again from the nightly rollups: both must give the same numbers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insights import selectors, services
from insights.selectors.common import InsightFilters

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["live", "rollups"])
def mode(request, company):
    if request.param == "rollups":
        today = timezone.localdate()
        assert services.rollup_range(start=today - timedelta(days=29), end=today) == 29  # never today
    return request.param


def ctx_for(viewer, **filters):
    today = timezone.localdate()
    return selectors.insight_context(
        viewer=viewer, filters=InsightFilters(start=today - timedelta(days=29), end=today, **filters)
    )


def by(rows, key, value):
    return next(row for row in rows if row[key] == value)


def test_participation_matches_the_hand_count(company, mode):
    data = selectors.participation(ctx_for(company.ada))
    # Posts: Deploys' opening post, Sam's and Eli's replies, Erin's reply today, Payroll's opening post
    # (ideas' discussion openers are counted as ideas). Threads: Deploys and Payroll.
    assert data["totals"] == {
        "headcount": 6, "contributors": 4, "share": 0.6667, "threads": 2, "posts": 5, "ideas": 2, "votes": 3,
    }  # fmt: skip
    assert data["period"] == "day"
    series = {point["period"]: point for point in data["series"]}
    today = timezone.localdate()
    assert len(series) == 30
    assert series[company.day_a] | {} == {
        "period": company.day_a, "people": 2, "threads": 1, "posts": 2, "ideas": 1, "votes": 0,
    }  # fmt: skip
    assert series[company.day_b]["people"] == 4  # Eli, Hana, Erin (vote), Sam (vote)
    assert (series[company.day_b]["posts"], series[company.day_b]["votes"]) == (2, 2)
    assert (series[today]["people"], series[today]["posts"], series[today]["votes"]) == (2, 1, 1)
    eng = by(data["departments"], "department", "Eng")
    assert (eng["headcount"], eng["contributors"], eng["share"]) == (3, 2, 0.6667)
    assert by(data["departments"], "department", "Ops")["share"] == 0.0
    assert by(data["departments"], "department", "Sales")["share"] == 1.0


def test_people_active_over_a_week_counts_each_person_once(company, mode):
    today = timezone.localdate()
    ctx = selectors.insight_context(
        viewer=company.ada, filters=InsightFilters(start=today - timedelta(days=59), end=today)
    )
    data = selectors.participation(ctx)
    assert data["period"] == "week"
    # Erin is active on day B and today; when both fall in one week she counts once there.
    total_people = sum(point["people"] for point in data["series"])
    weeks = {ctx.bucket(company.day_a), ctx.bucket(company.day_b), ctx.bucket(today)}
    expected = {
        ctx.bucket(company.day_a): {"erin", "sam"},
    }
    expected.setdefault(ctx.bucket(company.day_b), set()).update({"eli", "hana", "erin", "sam"})
    expected.setdefault(ctx.bucket(today), set()).update({"erin", "hana"})
    assert total_people == sum(len(people) for people in expected.values())
    assert len(weeks) == len(expected)
    assert data["totals"]["contributors"] == 4


def test_department_filter_counts_only_its_people(company, mode):
    data = selectors.participation(ctx_for(company.ada, department_id=company.eng.pk))
    # Erin: Deploys + today's reply, vote for I1; Eli: reply, idea I2.
    assert data["totals"] == {
        "headcount": 3, "contributors": 2, "share": 0.6667, "threads": 1, "posts": 3, "ideas": 1, "votes": 1,
    }  # fmt: skip


def test_idea_funnel_matches_the_hand_count(company, mode):
    data = selectors.idea_funnel(ctx_for(company.ada))
    total = data["total"]
    assert total["posted"] == 2
    assert total["reached"] == {
        "new": 2, "under_review": 1, "planned": 1, "in_progress": 0, "done": 0, "declined": 0,
    }  # fmt: skip
    assert total["current"]["planned"] == 1 and total["current"]["new"] == 1
    # I1: one day in "new", two days under review; still planned (an unfinished stay is not counted).
    assert total["median_days"] == {
        "new": 1.0, "under_review": 2.0, "planned": None, "in_progress": None, "done": None, "declined": None,
    }  # fmt: skip
    assert total["no_response"] == 1
    assert [b["board"] for b in data["boards"]] == ["Company ideas"]


def test_responsiveness_matches_the_hand_count(company, mode):
    data = selectors.responsiveness(ctx_for(company.ada))
    assert data["threads"] == [
        {"space_id": company.general.pk, "space": "General", "items": 1, "answered": 1, "unanswered": 0,
         "median_hours": 2.0},
        {"space_id": company.hr_space.pk, "space": "HR only", "items": 1, "answered": 0, "unanswered": 1,
         "median_hours": None},
    ]  # fmt: skip
    assert data["ideas"] == [
        {"board_id": company.board.pk, "board": "Company ideas", "items": 2, "answered": 1, "unanswered": 1,
         "median_hours": 24.0},
    ]  # fmt: skip


def test_collaboration_matrix_and_bridges_match_the_hand_count(company, mode):
    data = selectors.collaboration(ctx_for(company.ada))
    pairs = {(p["a"], p["b"]) if p["a"] < p["b"] else (p["b"], p["a"]): p for p in data["pairs"]}
    # Eng+Sales: Sam replied to Erin, Eli to Sam; Erin voted for Sam's idea, Sam for Eli's; one team.
    assert {k: pairs[("Eng", "Sales")][k] for k in ("thread", "idea", "team", "total")} == {
        "thread": 2, "idea": 2, "team": 1, "total": 5,
    }  # fmt: skip
    # Eng+HR: Hana voted for Eli's idea today.
    assert {k: pairs[("Eng", "HR")][k] for k in ("thread", "idea", "team", "total")} == {
        "thread": 0, "idea": 1, "team": 0, "total": 1,
    }  # fmt: skip
    assert len(pairs) == 2
    top = data["bridges"][0]
    assert (top["person"], top["departments_reached"], top["interactions"]) == ("Sam S", 1, 3)


def test_teams_figures_match_the_hand_count(company, mode):
    data = selectors.teams_summary(ctx_for(company.ada))
    assert {k: v for k, v in data.items() if k != "skills"} == {
        "projects": 1, "published": 1, "formed": 1, "roles": 1, "roles_filled": 1, "seats": 2, "seats_filled": 2,
        "joined": 2, "from_volunteers": 1, "volunteer_share": 0.5, "skills_missing": 1,
    }  # fmt: skip
    assert data["skills"] == [
        {"skill_id": data["skills"][0]["skill_id"], "skill": "Rust", "roles": 1, "min_level": 4,
         "people_with_skill": 0, "people_at_level": 0},
    ]  # fmt: skip


def test_my_insights_are_my_own_figures(company):
    today = timezone.localdate()
    mine = selectors.my_insights(user=company.sam, filters=InsightFilters(start=today - timedelta(days=29), end=today))
    assert {k: mine[k] for k in ("active_days", "threads", "posts", "ideas", "votes", "teams_joined")} == {
        "active_days": 2, "threads": 0, "posts": 1, "ideas": 1, "votes": 1, "teams_joined": 1,
    }  # fmt: skip
    assert [(i["title"], i["status"], i["hours_to_response"]) for i in mine["ideas_list"]] == [
        ("Self-service demos", "planned", 24.0)
    ]
    assert mine["ideas_list"][0]["response"] == "Next quarter."
