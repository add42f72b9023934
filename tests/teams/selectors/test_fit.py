"""The "fits you" score and its reason, on cases worked out by hand:
score = round(100 x (0.2 + 0.8 x skill) x (0.5 + 0.5 x interest)), skill = mean of level / 5 over
the role's required skills, interest = wanted share of the role's skills and the project's topics."""

import pytest

from accounts.models import Interest
from teams import services
from teams.selectors import fit_profile, project_list_for_user, projects_with_fit, role_fit
from tests.teams.factories import make_person, make_project, make_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills():
    return {name: make_skill(name) for name in ("Python", "SQL", "Figma")}


def _fit_for(person, project, role_name):
    [project] = projects_with_fit(project_list_for_user(user=person).filter(pk=project.pk), person)
    return next(r for r in project.roles.all() if r.name == role_name).fit, project


def test_skills_and_interests_in_skills_and_free_topics(manager, skills):
    project = make_project(
        owner=manager,
        topics="Data viz, onboarding",
        roles=[{"name": "Analyst", "hours_per_week": 4, "skills": {skills["Python"]: 3, skills["SQL"]: 2}}],
    )
    person = make_person(skills={skills["Python"]: 4}, hours=10)
    Interest.objects.create(user=person, skill=skills["Python"])
    Interest.objects.create(user=person, topic="  data VIZ ")  # matched without case or spaces
    Interest.objects.create(user=person, topic="gardening")  # not a topic of the project
    fit, _project = _fit_for(person, project, "Analyst")
    # skill = (4/5 + 0/5) / 2 = 0.4; interest = 2 wanted of {Python, SQL, Data viz, onboarding}
    assert fit.score == round(100 * (0.2 + 0.8 * 0.4) * (0.5 + 0.5 * 2 / 4)) == 39
    assert fit.has == [("Python", 4, 3)] and fit.short == [("SQL", 0, 2)]
    assert fit.wants == ["Python", "Data viz"]
    assert (fit.free_hours, fit.hours_needed, fit.enough_hours) == (10, 4, True)
    assert fit.reason == "You have Python 4/5 and want to work on Python, Data viz; 10 h free"


def test_someone_without_the_skills_is_told_what_it_needs(manager, skills):
    project = make_project(owner=manager, roles=[{"name": "Designer", "skills": {skills["Figma"]: 4}}])
    person = make_person(hours=5)
    fit, _project = _fit_for(person, project, "Designer")
    # skill = 0; interest = 0 of {Figma}
    assert fit.score == round(100 * 0.2 * 0.5) == 10
    assert fit.reason == "It needs Figma 4/5; 5 h free"


def test_a_role_without_skills_counts_as_half_a_match(manager):
    project = make_project(owner=manager, roles=[{"name": "Helper", "hours_per_week": 2}])
    person = make_person(hours=3)
    fit, _project = _fit_for(person, project, "Helper")
    assert fit.score == round(100 * (0.2 + 0.8 * 0.5) * 0.5) == 30
    assert fit.reason == "3 h free"


def test_every_skill_at_the_top_and_wanted_is_a_full_score(manager, skills):
    project = make_project(owner=manager, roles=[{"name": "Dev", "skills": {skills["Python"]: 5}}])
    person = make_person(skills={skills["Python"]: 5}, hours=4)
    Interest.objects.create(user=person, skill=skills["Python"])
    fit, _project = _fit_for(person, project, "Dev")
    assert fit.score == 100
    assert fit.reason == "You have Python 5/5 and want to work on Python; 4 h free"


def test_hours_short_of_the_role_are_said_and_never_rank_first(manager, skills):
    project = make_project(
        owner=manager,
        roles=[
            {"name": "Lead", "hours_per_week": 8, "skills": {skills["Python"]: 3}},
            {"name": "Reviewer", "hours_per_week": 2, "skills": {skills["SQL"]: 3}},
        ],
    )
    person = make_person(skills={skills["Python"]: 5}, hours=5)
    lead, annotated = _fit_for(person, project, "Lead")
    reviewer = next(r for r in annotated.roles.all() if r.name == "Reviewer").fit
    assert lead.score > reviewer.score
    assert not lead.enough_hours and reviewer.enough_hours
    assert lead.reason == "You have Python 5/5; 5 h free of the 8 h it needs"
    assert annotated.best_fit is reviewer  # the role they have the hours for


def test_someone_with_no_free_hours(manager, skills):
    project = make_project(owner=manager, roles=[{"name": "Dev", "hours_per_week": 1, "skills": {skills["SQL"]: 1}}])
    person = make_person(skills={skills["SQL"]: 5}, hours=0)
    fit, annotated = _fit_for(person, project, "Dev")
    assert (fit.free_hours, fit.enough_hours) == (0, False)
    assert fit.reason == "You have SQL 5/5; 0 h free of the 1 h it needs"
    assert annotated.best_fit is fit  # the best there is, even without the hours


def test_free_hours_are_net_of_live_seats(manager, skills):
    person = make_person(hours=10)
    busy = make_project(owner=manager, roles=[{"name": "Seat", "hours_per_week": 6}])
    services.member_invite(project_id=busy.pk, role_id=busy.roles.get().pk, person_id=person.pk, actor=manager)
    assert fit_profile(person).free_hours == 4
    services.project_close(project_id=busy.pk, actor=manager)
    assert fit_profile(person).free_hours == 10


def test_projects_with_fit_for_a_list_gives_each_project_its_best_role(manager, skills):
    person = make_person(skills={skills["Python"]: 4, skills["Figma"]: 2}, hours=10)
    good = make_project(
        owner=manager,
        roles=[{"name": "Dev", "skills": {skills["Python"]: 3}}, {"name": "Design", "skills": {skills["Figma"]: 4}}],
    )
    empty = make_project(owner=manager, roles=[], publish=False)
    projects = {p.pk: p for p in projects_with_fit(project_list_for_user(user=manager), person)}
    assert projects[good.pk].best_fit.score == round(100 * (0.2 + 0.8 * 0.8) * 0.5) == 42
    assert projects[empty.pk].best_fit is None


def test_role_fit_matches_the_optimizers_fit_for_a_top_volunteer(manager, skills):
    project = make_project(
        owner=manager,
        topics="Data viz",
        roles=[{"name": "Backend", "skills": {skills["Python"]: 3, skills["SQL"]: 2}}],
    )
    role = project.roles.get()
    person = make_person(skills={skills["Python"]: 4, skills["SQL"]: 3}, hours=10)
    Interest.objects.create(user=person, topic="data viz")
    services.volunteer_set(role_id=role.pk, person=person, strength=3)
    proposal = services.proposal_create(project_id=project.pk, actor=manager)
    member = proposal.result["roles"][0]["seats"][0]["member"]
    assert member["person_id"] == person.pk
    page_role = project_list_for_user(user=person).get(pk=project.pk).roles.get()
    assert role_fit(fit_profile(person), page_role, project).score == round(100 * member["fit"]) == 51
