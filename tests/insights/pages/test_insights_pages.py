import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_manager_sees_the_dashboard_with_charts_tables_and_csv_links(client, company):
    client.force_login(company.mia)
    response = client.get("/insights/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in (
        "participation-time",
        "participation-share",
        "funnel",
        "responsiveness",
        "collaboration",
        "teams-skills",
    ):
        assert f'data-testid="chart-{key}"' in html
    assert 'id="insights-charts"' in html and "vendor/chartjs/chart.umd.min.js" in html
    assert html.count("Download CSV") == 5
    assert 'data-testid="table-collaboration-matrix"' in html
    assert "Payroll" not in html and "HR only" not in html  # Mia may not see the HR space


def test_the_navigation_links_the_dashboard_for_managers_only(client, company):
    client.force_login(company.mia)
    assert 'href="/insights/"' in client.get("/").content.decode()
    client.force_login(company.erin)
    assert 'href="/insights/"' not in client.get("/").content.decode()


def test_employees_are_sent_to_their_own_page(client, company):
    client.force_login(company.erin)
    response = client.get("/insights/")
    assert response.status_code == 302 and response["Location"] == "/insights/me/"
    page = client.get("/insights/me/")
    assert page.status_code == 200
    assert client.get("/insights/export/participation.csv").status_code == 403


def test_my_page_shows_where_my_ideas_stand_and_nobody_elses(client, company):
    client.force_login(company.sam)
    html = client.get("/insights/me/").content.decode()
    assert "Self-service demos" in html and "Next quarter." in html
    assert "Faster builds" not in html  # Eli's idea
    assert "Erin" not in html


def test_the_csv_export_has_the_tables_figures(client, company):
    client.force_login(company.ada)
    start = (timezone.localdate() - timedelta(days=29)).isoformat()
    response = client.get(f"/insights/export/participation.csv?start={start}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Contribution by department"]
    sales = next(row for row in rows if row and row[0] == "Sales")
    assert sales[1:4] == ["1", "1", "100.0%"]
    assert client.get("/insights/export/nothing.csv").status_code == 404


def test_guests_cannot_reach_insights(client, company):
    client.force_login(UserFactory(role="guest"))
    assert client.get("/insights/me/").status_code == 404
    assert client.get("/insights/").status_code == 404


def test_the_dashboard_costs_the_same_queries_for_2_and_20_people(client, company, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.insights.api.test_insights_api import _more_activity

    client.force_login(company.mia)
    counts = []
    for extra in (2, 18):
        _more_activity(company, extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/insights/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
