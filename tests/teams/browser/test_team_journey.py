"""Project teams in real browsers: a manager opens a project, two employees volunteer, the manager
asks for a proposal, swaps one member and confirms; the invited member sees the invitation arrive
live, accepts, and the team appears live on the manager's project page and on the member's profile
open in a third browser."""

import os
import re

import pytest

from teams.models import Membership, Project, Proposal
from tests.accounts.factories import SkillFactory
from tests.conftest import ARTIFACTS, sign_in
from tests.teams.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(150)]


def _shot(page, name: str) -> None:
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, name), full_page=True)


def _wait_live(page) -> None:
    page.wait_for_function("document.documentElement.dataset.live === 'online'")


@pytest.fixture
def third_page(chromium):
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _volunteer(page, server, project: Project, note: str) -> None:
    page.goto(f"{server.url}/projects/{project.pk}/")
    role = project.roles.get()
    assert "Fits you" in page.get_by_test_id(f"fit-{role.pk}").inner_text()
    page.get_by_test_id(f"volunteer-{role.pk}").locator("summary").click()
    page.get_by_label("How much do you want it?").select_option("3")
    page.get_by_label("A short note to the project's manager").fill(note)
    page.get_by_role("button", name="Volunteer for this role").click()
    page.get_by_test_id(f"withdraw-{role.pk}").wait_for()


def test_manager_forms_a_team_that_fills_live(page, second_page, third_page, asgi_server, manager):
    python = SkillFactory(name="Python")
    ann = make_person(username="ann", first_name="Ann", last_name="Lee", skills={python: 4}, hours=10)
    bob = make_person(username="bob", first_name="Bob", last_name="Ray", skills={python: 3}, hours=10)
    cat = make_person(username="cat", first_name="Cat", last_name="Kim", skills={python: 3}, hours=10)
    server = asgi_server()

    # The manager opens the project, adds a role needing Python 3+, and publishes the open call.
    sign_in(page, server, manager)
    page.goto(f"{server.url}/projects/")
    page.get_by_test_id("new-project").click()
    page.get_by_label("Title").fill("Churn dashboard")
    page.get_by_label("Goal").fill("See **churn** a month earlier.")
    page.get_by_label("Topics").fill("data viz")
    page.get_by_role("button", name="Open the project").click()
    page.wait_for_url(re.compile(r".*/projects/\d+/roles/new/$"))
    page.get_by_label("Role", exact=True).fill("Developer")
    page.get_by_label("People").fill("2")
    page.get_by_label("Hours per week, each").fill("4")
    page.locator("#id_skill_0").select_option(label="Python")
    page.locator("#id_level_0").select_option("3")
    page.get_by_role("button", name="Add the role").click()
    page.wait_for_url(re.compile(r".*/projects/\d+/$"))
    page.get_by_test_id("publish").click()
    page.get_by_test_id("project-status").filter(has_text="Open call").wait_for()
    project = Project.objects.get(title="Churn dashboard")
    role = project.roles.get()

    # Two employees volunteer, each seeing how well the role fits them.
    sign_in(second_page, server, ann)
    _volunteer(second_page, server, project, "I built the last one")
    sign_in(third_page, server, bob)
    _volunteer(third_page, server, project, "Happy to help")

    # The manager asks for a proposal: both volunteers, explained.
    page.goto(f"{server.url}/projects/{project.pk}/")
    page.get_by_test_id("propose").click()
    page.wait_for_url(re.compile(r".*/proposals/\d+/$"))
    proposal = Proposal.objects.get(project=project)
    assert page.locator(f"[data-member='{ann.pk}']").is_visible()
    assert page.locator(f"[data-member='{bob.pk}']").get_by_text("I built the last one").count() == 0
    assert "Happy to help" in page.locator(f"[data-member='{bob.pk}']").inner_text()
    _shot(page, "teams-proposal.png")

    # ...swaps Bob for Cat, who was offered as an alternative for that seat, and confirms.
    page.get_by_test_id(f"swap-{bob.pk}-{cat.pk}").click()
    page.locator(f"[data-member='{cat.pk}']").wait_for()
    assert page.locator(f"[data-member='{bob.pk}']").count() == 0

    # Ann watches the project page; Bob watches Ann's profile.
    second_page.goto(f"{server.url}/projects/{project.pk}/")
    _wait_live(second_page)
    third_page.goto(f"{server.url}/people/{ann.pk}/")
    _wait_live(third_page)
    assert "Churn dashboard" not in third_page.get_by_test_id("profile-teams").inner_text()

    page.get_by_test_id("confirm").click()
    page.wait_for_url(re.compile(rf".*/projects/{project.pk}/$"))
    assert set(Membership.objects.values_list("person_id", "status")) == {(ann.pk, "invited"), (cat.pk, "invited")}
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"
    _wait_live(page)

    # The invitation reaches Ann's open page live (a toast and the banner); she accepts.
    second_page.get_by_text("You are invited to join “Churn dashboard” as Developer").wait_for(timeout=5_000)
    second_page.get_by_test_id("accept").wait_for(timeout=5_000)
    second_page.get_by_test_id("accept").click()
    second_page.get_by_test_id("my-membership").wait_for()

    # The team fills live on the manager's page and on Ann's profile in Bob's browser.
    page.get_by_test_id(f"seats-{role.pk}").filter(has_text="1 of 2 filled").wait_for(timeout=5_000)
    third_page.get_by_test_id("profile-teams").filter(has_text="Churn dashboard").wait_for(timeout=5_000)
    _shot(page, "teams-filling-live.png")
    project.refresh_from_db()
    assert project.space.memberships.filter(user=ann).exists()
    assert not project.space.memberships.filter(user=cat).exists()  # not until Cat accepts
