"""Journey: the demo employee signs in, adds a skill and an interest, and sees them after reload."""

import pytest
from django.core.management import call_command

from accounts.models import Interest, Skill, User, UserSkill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "collab-demo"


@pytest.fixture
def demo_company(transactional_db):
    call_command("seed_demo", "--size", "small", verbosity=0)


def test_employee_signs_in_and_edits_profile(page, live_server, demo_company):
    employee = User.objects.get(username="employee")
    skill = Skill.objects.exclude(user_skills__user=employee).order_by("name").first()
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign in").first.click()  # a link styled (and announced) as a button
    page.get_by_label("Username or e-mail").fill("employee")
    page.get_by_label("Password").fill("wrong password")
    sign_in = page.get_by_role("main").get_by_role("button", name="Sign in")
    sign_in.click()
    assert page.get_by_role("alert").filter(has_text="not correct").is_visible()

    page.get_by_label("Password").fill(DEMO_PASSWORD)
    sign_in.click()
    page.get_by_role("heading", name=f"Welcome back, {employee.first_name}").wait_for()

    page.goto(f"{live_server.url}/profile/")
    page.get_by_label("Skill", exact=True).select_option(label=skill.name)
    page.get_by_label("Level").select_option("4")
    page.get_by_role("button", name="Add or update skill").click()
    page.get_by_text(f"Skill saved: {skill.name}.").wait_for()

    page.get_by_label("or a topic you care about").fill("Quantum gardening")
    page.get_by_role("button", name="Add interest").click()
    page.get_by_text("Interest added: Quantum gardening.").wait_for()

    page.reload()
    skills = page.get_by_test_id("skills")
    assert skills.get_by_text(skill.name).is_visible()
    assert f"{skill.name} 4/5" in " ".join(skills.inner_text().split())
    assert page.get_by_test_id("interests").get_by_text("Quantum gardening").is_visible()
    assert UserSkill.objects.get(user=employee, skill=skill).level == 4
    assert Interest.objects.filter(user=employee, topic="Quantum gardening").exists()

    # Bad input in the browser gets a form error, not a crash.
    page.get_by_label("Free hours per week").fill("99")
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("less than or equal to 60").is_visible()

    page.get_by_text(employee.display_name).first.click()
    page.get_by_test_id("sign-out").click()
    page.get_by_role("button", name="Sign in").first.wait_for()
