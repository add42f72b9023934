"""The dashboard renders its charts with the small demo company (Chromium through Playwright)."""

import os

import pytest
from django.core.management import call_command

from tests.conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_sees_the_dashboard_charts_with_the_demo_company(page, asgi_server):
    call_command("seed_demo", size="small", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from accounts.models import User

    manager = User.objects.get(username="manager")
    server = asgi_server()
    sign_in(page, server, manager, password="collab-demo")
    page.get_by_role("link", name="Insights").click()
    page.wait_for_url(f"{server.url}/insights/")
    for key in (
        "participation-time",
        "participation-share",
        "funnel",
        "responsiveness",
        "collaboration",
        "teams-skills",
    ):
        page.locator(f'[data-chart="{key}"][data-rendered="true"]').wait_for()
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-testid^=chart-]')]"
        ".map((c) => c.chart && c.chart.data.datasets.some((d) => d.data.some((v) => v)))"
    )
    assert drawn and all(drawn), drawn
    page.get_by_text("Table view: Contribution by department").click()
    assert page.get_by_test_id("table-participation-departments").get_by_role("row").count() > 5
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, "insights-dashboard.png"), full_page=True)
