"""Ranking formulas for idea boards (pure Python, no Django). docs/ideas.md explains each.

Every score is stored on the idea and recomputed by the vote services, so sorting a board is an
index scan however many ideas and votes it holds.

- **top**: up-only boards rank by up-votes; up/down boards by the lower bound of the Wilson score
  interval (95%) for the share of up-votes, so 40 up / 5 down outranks 2 up / 0 down.
- **hot**: Reddit's formula with a slower clock: log10 of the net votes plus the idea's age in
  weeks, so ten times the votes buys a week of freshness (ideas live longer than news); the score
  depends on the idea's creation time, not on now, so it never has to be recomputed as time passes.
- **trending**: up-votes decayed by age with a half-life of TREND_HALF_LIFE_HOURS, stored in log2
  so each vote only adds a term (decaying every idea by the same factor keeps the order).
- **random**: a per-person, per-day permutation of the ids, by a per-person multiplier modulo a
  prime (counters first-mover bias while keeping pages stable within a day).
"""

import math
from datetime import UTC, datetime

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
HOT_SECONDS = 604_800  # one week
TREND_HALF_LIFE_HOURS = 48.0
TREND_EMPTY = -1.0e9  # log2 of an empty sum
WILSON_Z = 1.959963984540054  # 95%
RANDOM_MULTIPLIER = 2_654_435_761  # Knuth's multiplicative hash
RANDOM_MODULUS = 4_294_967_291  # largest prime below 2**32
RANDOM_MULTIPLIER_RANGE = 2**31 - 1  # multipliers stay below 2**31, so key products stay below 2**63


def wilson_lower_bound(up: int, down: int, z: float = WILSON_Z) -> float:
    n = up + down
    if n <= 0:
        return 0.0
    p = up / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt((p * (1 - p) + z * z / (4 * n)) / n)
    return (centre - spread) / (1 + z * z / n)


def top_score(up: int, down: int, *, updown: bool) -> float:
    return wilson_lower_bound(up, down) if updown else float(up)


def hot_score(up: int, down: int, created_at: datetime) -> float:
    net = up - down
    order = math.log10(max(abs(net), 1))
    sign = (net > 0) - (net < 0)
    return round(sign * order + (created_at - EPOCH).total_seconds() / HOT_SECONDS, 7)


def _trend_exponent(voted_at: datetime) -> float:
    return (voted_at - EPOCH).total_seconds() / 3600.0 / TREND_HALF_LIFE_HOURS


def trend_add(score: float, voted_at: datetime) -> float:
    """log2(2**score + 2**x): the trending score after one more up-vote at `voted_at`."""
    x = _trend_exponent(voted_at)
    if score <= TREND_EMPTY:
        return x
    high, low = max(score, x), min(score, x)
    return high + math.log2(1.0 + 2.0 ** (low - high))


def trend_remove(score: float, voted_at: datetime) -> float:
    """log2(2**score - 2**x): the trending score once the up-vote made at `voted_at` is gone."""
    x = _trend_exponent(voted_at)
    if score <= TREND_EMPTY or x >= score - 1e-9:
        return TREND_EMPTY
    return score + math.log2(1.0 - 2.0 ** (x - score))


def trend_score(upvote_times: list[datetime]) -> float:
    score = TREND_EMPTY
    for voted_at in sorted(upvote_times):
        score = trend_add(score, voted_at)
    return score


def decayed_votes(score: float, now: datetime) -> float:
    """What a trending score means today: up-votes, each halved every half-life since it was cast."""
    if score <= TREND_EMPTY:
        return 0.0
    return 2.0 ** (score - _trend_exponent(now))


def random_seed(user_id: int, day_ordinal: int) -> int:
    return (user_id * 1_000_003 + day_ordinal * 7_919) % RANDOM_MODULUS


def random_multiplier(user_id: int, day_ordinal: int) -> int:
    """The person's multiplier for today, in [1, 2**31 - 1]: ideas sort by
    `(id mod RANDOM_MODULUS) * multiplier mod RANDOM_MODULUS`, a permutation of the ids (the modulus
    is prime) that differs from person to person and day to day, and stays below 2**63 in SQL.

    A per-person offset (`id * M + seed`) would give everyone the same cyclic order started at a
    different place: the same neighbours, the same relative order for most pairs."""
    return random_seed(user_id, day_ordinal) * RANDOM_MULTIPLIER % RANDOM_MULTIPLIER_RANGE + 1


def random_key(idea_id: int, multiplier: int) -> int:
    """What the database computes for the random sort (for tests and documentation)."""
    return idea_id % RANDOM_MODULUS * multiplier % RANDOM_MODULUS
