"""Figures count only what the viewer may see: a department space's posts count for people of that
department (and moderators/admins), never for a manager of another department, live or rolled up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab.exceptions import Forbidden
from insights import selectors, services
from insights.selectors.common import InsightFilters
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def filters(days: int = 30) -> InsightFilters:
    today = timezone.localdate()
    return InsightFilters(start=today - timedelta(days=days - 1), end=today)


@pytest.mark.parametrize("rolled_up", [False, True])
def test_a_manager_of_another_department_does_not_count_a_department_space(company, rolled_up):
    if rolled_up:
        services.rollup_range(start=filters().start, end=timezone.localdate())
    ctx = selectors.insight_context(viewer=company.mia, filters=filters())
    data = selectors.participation(ctx)
    assert (data["totals"]["posts"], data["totals"]["threads"]) == (4, 1)  # not Hana's "Payroll"
    assert [row["space"] for row in selectors.responsiveness(ctx)["threads"]] == ["General"]
    hr_manager = UserFactory(department=company.hr, role="manager")
    hr_data = selectors.participation(selectors.insight_context(viewer=hr_manager, filters=filters()))
    assert (hr_data["totals"]["posts"], hr_data["totals"]["threads"]) == (5, 2)


def test_a_department_board_counts_only_for_those_who_see_it(company):
    from ideas.models import Board
    from tests.ideas.factories import make_board, make_idea

    sales_board = make_board(
        owner=company.ada, title="Sales only", audience=Board.Audience.DEPARTMENTS, department_ids=[company.sales.pk]
    )
    make_idea(board=sales_board, author=company.sam, title="Quote templates")
    mia_ctx = selectors.insight_context(viewer=company.mia, filters=filters())
    assert selectors.idea_funnel(mia_ctx)["total"]["posted"] == 2
    assert selectors.participation(mia_ctx)["totals"]["ideas"] == 2
    ada_ctx = selectors.insight_context(viewer=company.ada, filters=filters())
    assert selectors.idea_funnel(ada_ctx)["total"]["posted"] == 3
    assert selectors.participation(ada_ctx)["totals"]["ideas"] == 3


@pytest.mark.parametrize("who", ["erin", "sam", "hana"])
def test_employees_may_not_see_the_company_dashboard(company, who):
    with pytest.raises(Forbidden):
        selectors.insight_context(viewer=getattr(company, who), filters=filters())


def test_a_moderator_gets_their_own_page_not_the_dashboard(company):
    moderator = UserFactory(role="moderator")
    assert not selectors.can_see_dashboard(moderator)
    assert selectors.can_see_own_insights(moderator)
