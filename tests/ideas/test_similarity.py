"""Title similarity computed the way pg_trgm does (pure Python, no database)."""

import pytest

from ideas.similarity import SIMILARITY_THRESHOLD, similarity, trigrams


def test_trigrams_pad_each_word_like_pg_trgm():
    assert trigrams("cat") == {"  c", " ca", "cat", "at "}
    assert trigrams("a") == {"  a", " a "}
    assert trigrams("Cat, CAT!") == trigrams("cat")
    assert trigrams("hot-dog") == trigrams("hot") | trigrams("dog")


def test_non_alphanumerics_and_underscores_split_words():
    assert trigrams("snake_case") == trigrams("snake case")
    assert trigrams("v2 api") == {"  v", " v2", "v2 ", "  a", " ap", "api", "pi "}
    assert trigrams("  ...  ") == frozenset()


def test_letters_beyond_ascii_are_letters():
    assert "caf" in trigrams("Café") and "afé" in trigrams("Café")
    assert trigrams("ÉTÉ") == trigrams("été")


def test_similarity_bounds_and_symmetry():
    assert similarity("", "anything") == 0.0
    assert similarity("---", "anything") == 0.0
    assert similarity("Standing desks", "standing DESKS!") == 1.0
    a, b = "Better coffee machine", "A new coffee machine for the kitchen"
    assert similarity(a, b) == similarity(b, a)
    assert 0 < similarity(a, b) < 1


def test_similarity_is_jaccard_of_trigram_sets():
    a, b = trigrams("word"), trigrams("words")
    assert similarity("word", "words") == pytest.approx(len(a & b) / len(a | b))
    assert similarity(a, b) == similarity("word", "words")  # precomputed sets work too


def test_threshold_separates_near_duplicates_from_neighbours():
    assert similarity("standing desks", "Standing desks for every team") >= SIMILARITY_THRESHOLD
    assert similarity("coffee machine", "Better coffee machine") >= SIMILARITY_THRESHOLD
    assert similarity("coffee machine", "Free coffee on Fridays") < SIMILARITY_THRESHOLD
    assert similarity("bike parking", "Four-day work week") < SIMILARITY_THRESHOLD
