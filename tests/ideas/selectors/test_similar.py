"""Similar-idea hints: pg_trgm on PostgreSQL, the same measure in Python on SQLite. Both backends
must let the same ideas through the threshold for the same titles."""

import pytest
from django.db import connection

from ideas import services
from ideas.selectors import idea_similar
from ideas.similarity import SIMILARITY_THRESHOLD, similarity
from tests.ideas.factories import make_board, make_idea

pytestmark = pytest.mark.django_db

TITLES = [
    "Standing desks for every team",
    "Standing desk in every office",
    "Sit-stand desks for the whole team",
    "Free coffee on Fridays",
    "Better coffee machine",
    "A new coffee machine for the kitchen",
    "Bike parking in the basement",
    "Secure bicycle parking",
    "Four-day work week",
    "Café au lait à volonté",
]

# Similarities worked out by hand from the trigram sets (pg_trgm answers the same), every title
# above 0.2; several sit just either side of the thresholds one would pick (0.3, 0.4).
SCORES = {
    "standing desks": {
        "Standing desks for every team": 0.5,
        "Standing desk in every office": 0.406,
        "Sit-stand desks for the whole team": 0.297,
    },
    "coffee machine": {
        "Better coffee machine": 0.682,
        "A new coffee machine for the kitchen": 0.405,
        "Free coffee on Fridays": 0.25,
    },
    "bike parking": {"Bike parking in the basement": 0.464, "Secure bicycle parking": 0.385},
    "Four day week": {"Four-day work week": 0.778},
    "cafe au lait": {"Café au lait à volonté": 0.44},
    "Quarterly hackathon": {},
}
EXPECTED = {
    query: [title for title, score in sorted(scores.items(), key=lambda kv: -kv[1]) if score >= SIMILARITY_THRESHOLD]
    for query, scores in SCORES.items()
}


def test_hand_worked_scores_are_the_measure():
    for query, scores in SCORES.items():
        for title in TITLES:
            if title in scores:
                assert similarity(query, title) == pytest.approx(scores[title], abs=1e-3), (query, title)
            else:
                assert similarity(query, title) < 0.2, (query, title)


@pytest.fixture
def board(manager):
    board = make_board(owner=manager, title="Similar")
    for title in TITLES:
        make_idea(board=board, author=manager, title=title)
    return board


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_same_ideas_pass_the_threshold_on_every_backend(board, employee, query):
    found = idea_similar(board=board, user=employee, title=query)
    assert [s.title for s in found] == EXPECTED[query]
    for hint in found:
        assert hint.similarity == pytest.approx(similarity(query, hint.title), abs=1e-6)
        assert hint.similarity >= SIMILARITY_THRESHOLD


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares the Python measure with pg_trgm")
def test_python_measure_equals_pg_trgm_for_every_pair():
    queries = list(EXPECTED) + TITLES
    with connection.cursor() as cursor:
        for a in queries:
            for b in TITLES:
                cursor.execute("SELECT similarity(%s, %s)", [a, b])
                (theirs,) = cursor.fetchone()
                assert similarity(a, b) == pytest.approx(theirs, abs=1e-6), (a, b)
                assert (similarity(a, b) >= SIMILARITY_THRESHOLD) == (theirs >= SIMILARITY_THRESHOLD), (a, b)


def test_short_titles_ask_nothing(board, employee):
    assert idea_similar(board=board, user=employee, title="  ab  ") == []
    assert idea_similar(board=board, user=employee, title="") == []


def test_limit_exclude_and_ties_by_votes(board, employee, manager):
    desks = idea_similar(board=board, user=employee, title="standing desks", limit=1)
    assert [s.title for s in desks] == ["Standing desks for every team"]
    first = desks[0]
    rest = idea_similar(board=board, user=employee, title="standing desks", exclude_id=first.id)
    assert [s.title for s in rest] == ["Standing desk in every office"]
    twin = make_idea(board=board, author=manager, title="Standing desk in every office")
    services.vote_cast(idea_id=twin.pk, voter=employee)
    hints = idea_similar(board=board, user=employee, title="standing desk in every office")
    assert [(s.id, s.upvotes) for s in hints[:2]] == [(twin.pk, 1), (hints[1].id, 0)]


def test_merged_ideas_and_other_boards_are_not_hints(board, employee, manager):
    other = make_board(owner=manager, title="Elsewhere")
    make_idea(board=other, author=manager, title="Better coffee machines")
    original = next(s for s in idea_similar(board=board, user=employee, title="coffee machine"))
    duplicate = make_idea(board=board, author=manager, title="Better coffee machines")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.id, actor=manager)
    titles = [s.title for s in idea_similar(board=board, user=employee, title="coffee machine")]
    assert titles == EXPECTED["coffee machine"]
