"""The ranking formulas alone (pure Python, no database)."""

from datetime import UTC, datetime, timedelta

import pytest

from ideas import ranking

NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)


def test_wilson_lower_bound_known_values():
    assert ranking.wilson_lower_bound(0, 0) == 0.0
    assert ranking.wilson_lower_bound(1, 0) == pytest.approx(0.2065, abs=1e-4)
    assert ranking.wilson_lower_bound(0, 1) == 0.0
    assert ranking.wilson_lower_bound(50, 50) == pytest.approx(0.4038, abs=1e-4)


def test_wilson_prefers_confidence_over_difference():
    assert ranking.wilson_lower_bound(40, 5) > ranking.wilson_lower_bound(2, 0)
    assert ranking.wilson_lower_bound(10, 2) > ranking.wilson_lower_bound(2, 0) > ranking.wilson_lower_bound(6, 6)


def test_wilson_rises_with_ups_falls_with_downs_and_stays_in_bounds():
    for down in range(0, 20, 3):
        scores = [ranking.wilson_lower_bound(up, down) for up in range(0, 60)]
        assert scores == sorted(scores)
    for up in range(1, 20, 3):
        scores = [ranking.wilson_lower_bound(up, down) for down in range(0, 60)]
        assert scores == sorted(scores, reverse=True)
    # 0 up-votes give 0 up to float noise (-1e-17).
    assert all(-1e-12 <= ranking.wilson_lower_bound(u, d) <= 1 for u in range(30) for d in range(30))


def test_top_is_upvotes_on_up_only_boards_and_wilson_on_updown():
    assert ranking.top_score(7, 0, updown=False) == 7.0
    assert ranking.top_score(7, 3, updown=True) == ranking.wilson_lower_bound(7, 3)


def test_hot_ten_times_the_votes_buys_twelve_and_a_half_hours():
    later = NOW + timedelta(seconds=ranking.HOT_SECONDS)
    assert ranking.hot_score(100, 0, NOW) == pytest.approx(ranking.hot_score(10, 0, NOW) + 1, abs=1e-6)
    assert ranking.hot_score(100, 0, NOW) == pytest.approx(ranking.hot_score(10, 0, later), abs=1e-6)


def test_hot_sign_and_zero():
    base = (NOW - ranking.EPOCH).total_seconds() / ranking.HOT_SECONDS
    assert ranking.hot_score(0, 0, NOW) == pytest.approx(base, abs=1e-6)
    assert ranking.hot_score(1, 0, NOW) == pytest.approx(base, abs=1e-6)  # log10(1) = 0
    assert ranking.hot_score(3, 13, NOW) == pytest.approx(base - 1, abs=1e-6)
    assert ranking.hot_score(13, 3, NOW) == pytest.approx(base + 1, abs=1e-6)


def test_hot_is_monotonic_in_net_votes_and_age():
    scores = [ranking.hot_score(up, 0, NOW) for up in range(0, 200)]
    assert scores == sorted(scores)
    ages = [ranking.hot_score(5, 0, NOW - timedelta(hours=h)) for h in range(0, 100)]
    assert ages == sorted(ages, reverse=True)


def test_trend_add_and_remove_are_inverse():
    times = [NOW - timedelta(hours=h) for h in (0, 3, 30, 70, 200)]
    score = ranking.trend_score(times)
    assert ranking.decayed_votes(score, NOW) == pytest.approx(
        sum(0.5 ** (h / ranking.TREND_HALF_LIFE_HOURS) for h in (0, 3, 30, 70, 200))
    )
    for removed in times:
        rest = [t for t in times if t is not removed]
        assert ranking.trend_remove(score, removed) == pytest.approx(ranking.trend_score(rest), abs=1e-9)


def test_trend_score_is_order_independent_and_empty_without_votes():
    times = [NOW - timedelta(hours=h) for h in (5, 1, 9)]
    assert ranking.trend_score(times) == pytest.approx(ranking.trend_score(list(reversed(times))))
    assert ranking.trend_score([]) == ranking.TREND_EMPTY
    assert ranking.decayed_votes(ranking.TREND_EMPTY, NOW) == 0.0
    assert ranking.trend_remove(ranking.trend_add(ranking.TREND_EMPTY, NOW), NOW) == ranking.TREND_EMPTY


def test_one_vote_halves_every_half_life():
    score = ranking.trend_add(ranking.TREND_EMPTY, NOW)
    assert ranking.decayed_votes(score, NOW) == pytest.approx(1.0)
    later = NOW + timedelta(hours=ranking.TREND_HALF_LIFE_HOURS)
    assert ranking.decayed_votes(score, later) == pytest.approx(0.5)


def test_trending_rises_with_every_vote():
    score, seen = ranking.TREND_EMPTY, []
    for minutes in range(50):
        score = ranking.trend_add(score, NOW + timedelta(minutes=minutes))
        seen.append(score)
    assert seen == sorted(set(seen))


def test_fresh_votes_outrank_many_old_ones():
    old = ranking.trend_score([NOW - timedelta(days=10)] * 10)
    fresh = ranking.trend_score([NOW] * 2)
    assert fresh > old


def test_random_multiplier_range_and_permutation():
    for user_id in (1, 2, 3, 10**6):
        for day in (738_000, 738_001):
            multiplier = ranking.random_multiplier(user_id, day)
            assert 1 <= multiplier < 2**31
    multiplier = ranking.random_multiplier(7, 739_000)
    keys = [ranking.random_key(i, multiplier) for i in range(1, 2001)]
    assert len(set(keys)) == len(keys)  # a permutation: no ties
    assert max(i % ranking.RANDOM_MODULUS * multiplier for i in range(1, 2001)) < 2**63
    huge = 2**40 + 3  # ids beyond 32 bits still stay within a signed 64-bit product
    assert (huge % ranking.RANDOM_MODULUS) * multiplier < 2**63


def test_random_orders_differ_between_people_and_days():
    ids = list(range(1, 51))

    def order(user_id, day):
        m = ranking.random_multiplier(user_id, day)
        return sorted(ids, key=lambda i: ranking.random_key(i, m))

    assert order(1, 739_000) == order(1, 739_000)
    assert order(1, 739_000) != order(2, 739_000)
    assert order(1, 739_000) != order(1, 739_001)
