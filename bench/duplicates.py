"""How well title similarity finds duplicate ideas, and whether PostgreSQL agrees with Python.

    .venv/bin/python bench/duplicates.py

Loads the labelled pairs of the demo boards (ideas/demo/data.py: duplicates, and related ideas
that are not duplicates) and, for each threshold t from 0.15 to 0.60, counts a pair as flagged
when `ideas.similarity.similarity(a, b) >= t`: precision, recall, F1 and F1.5 (recall weighted
1.5 times: the similar-ideas list is a hint while typing, not a block, so a missed duplicate costs
more than a needless glance). The best threshold is the one with the highest F1.5 (the lower one
on a tie).

With DATABASE_URL set (a PostgreSQL URL), it also asks pg_trgm's similarity() for every labelled
pair and for 2,000 random pairs of the large demo's titles, and prints the largest difference from
the Python measure: the SQLite fallback and PostgreSQL must flag the same ideas.

The last line sums it up.
"""

import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ideas import similarity  # noqa: E402  (pure Python, no Django)
from ideas.demo import data  # noqa: E402

THRESHOLDS = [round(0.15 + 0.05 * n, 2) for n in range(10)]  # 0.15 .. 0.60
BETA = 1.5
RANDOM_PAIRS = 2_000
AGREEMENT_TOLERANCE = 1e-6  # pg_trgm returns a float4


def log(message: str = "") -> None:
    print(message, flush=True)


def f_beta(precision: float, recall: float, beta: float) -> float:
    if precision + recall == 0:
        return 0.0
    return (1 + beta * beta) * precision * recall / (beta * beta * precision + recall)


def measure(pairs: list[tuple[str, str, bool]]) -> list[dict]:
    scored = [(similarity.similarity(a, b), duplicate) for a, b, duplicate in pairs]
    duplicates = sum(duplicate for _, duplicate in scored)
    rows = []
    for t in THRESHOLDS:
        tp = sum(1 for s, duplicate in scored if duplicate and s >= t)
        fp = sum(1 for s, duplicate in scored if not duplicate and s >= t)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / duplicates
        rows.append(
            {
                "t": t,
                "tp": tp,
                "fp": fp,
                "fn": duplicates - tp,
                "precision": precision,
                "recall": recall,
                "f1": f_beta(precision, recall, 1.0),
                "fb": f_beta(precision, recall, BETA),
            }
        )
    return rows


def random_title_pairs(count: int) -> list[tuple[str, str]]:
    from ideas.demo.boards import ideas_generate

    titles = sorted({idea.title for idea in ideas_generate(size="large").ideas})
    rng = random.Random(7)
    return [(titles[int(rng.random() * len(titles))], titles[int(rng.random() * len(titles))]) for _ in range(count)]


def pg_agreement(pairs: list[tuple[str, str]]) -> dict | None:
    """pg_trgm's similarity() beside ideas.similarity on every pair; None without PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        log("pg_trgm: skipped (DATABASE_URL is not a PostgreSQL URL)")
        return None
    import psycopg

    try:
        connection = psycopg.connect(url, connect_timeout=5, autocommit=True)
    except psycopg.Error as exc:
        log(f"pg_trgm: skipped (cannot connect: {str(exc).strip().splitlines()[0]})")
        return None
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        if not cursor.fetchone()[0]:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'")
        version = cursor.fetchone()[0]
        cursor.execute(
            "SELECT similarity(a, b) FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(a, b, n) ORDER BY n",
            [[a for a, _ in pairs], [b for _, b in pairs]],
        )
        theirs = [row[0] for row in cursor.fetchall()]
    ours = [similarity.similarity(a, b) for a, b in pairs]
    diffs = [abs(pg - py) for pg, py in zip(theirs, ours, strict=True)]
    worst = max(range(len(pairs)), key=diffs.__getitem__)
    # What `idea_similar` does with the values: the same pairs flagged on both sides at the threshold
    # (pg_trgm's float4 could fall just under a threshold that Python's exact fraction meets).
    t = similarity.SIMILARITY_THRESHOLD
    flag_mismatches = sum((pg >= t) != (py >= t) for pg, py in zip(theirs, ours, strict=True))
    return {
        "version": version,
        "pairs": len(pairs),
        "max_diff": diffs[worst],
        "agree": sum(d <= AGREEMENT_TOLERANCE for d in diffs),
        "worst": pairs[worst],
        "flag_mismatches": flag_mismatches,
    }


def main() -> int:
    pairs = data.labelled_pairs()
    duplicates = sum(duplicate for *_, duplicate in pairs)
    log(
        f"duplicates bench: {duplicates} duplicate pairs, {len(pairs) - duplicates} related pairs that are not "
        f"duplicates (ideas/demo/data.py); ideas.similarity.SIMILARITY_THRESHOLD = {similarity.SIMILARITY_THRESHOLD}"
    )
    log("\nflagged: similarity(a, b) >= t")
    log(f"{'t':>5} {'dup found':>9} {'missed':>6} {'false':>5}  {'precision':>9} {'recall':>6} {'F1':>5} {'F1.5':>5}")
    rows = measure(pairs)
    for row in rows:
        mark = "  <- configured" if abs(row["t"] - similarity.SIMILARITY_THRESHOLD) < 1e-9 else ""
        log(
            f"{row['t']:>5.2f} {row['tp']:>9} {row['fn']:>6} {row['fp']:>5}  {row['precision']:>9.2f} "
            f"{row['recall']:>6.2f} {row['f1']:>5.2f} {row['fb']:>5.2f}{mark}"
        )
    best = max(rows, key=lambda row: (round(row["fb"], 6), -row["t"]))
    best_f1 = max(rows, key=lambda row: (round(row["f1"], 6), -row["t"]))
    log(f"\nbest F1.5: t = {best['t']:.2f}; best F1: t = {best_f1['t']:.2f}")
    scored = sorted(((similarity.similarity(a, b), a, b, d) for a, b, d in pairs), reverse=True)
    missed = [(s, a, b) for s, a, b, d in scored if d and s < best["t"]]
    false = [(s, a, b) for s, a, b, d in scored if not d and s >= best["t"]]
    log(f"duplicates missed at {best['t']:.2f} (different words for the same thing):")
    for s, a, b in missed:
        log(f"  {s:.2f}  {a} | {b}")
    log(f"related ideas flagged at {best['t']:.2f} (shared words, another request):")
    for s, a, b in false:
        log(f"  {s:.2f}  {a} | {b}")

    log("")
    agreement = pg_agreement([(a, b) for a, b, _ in pairs] + random_title_pairs(RANDOM_PAIRS))
    if agreement:
        log(
            f"pg_trgm {agreement['version']}: {agreement['agree']}/{agreement['pairs']} pairs within "
            f"{AGREEMENT_TOLERANCE:g} of ideas.similarity, max |difference| {agreement['max_diff']:.2g} "
            f"({agreement['worst'][0]!r} / {agreement['worst'][1]!r}); flagged differently at "
            f"{similarity.SIMILARITY_THRESHOLD}: {agreement['flag_mismatches']}"
        )
    configured = next((row for row in rows if abs(row["t"] - similarity.SIMILARITY_THRESHOLD) < 1e-9), None)
    configured_text = (
        f"configured {similarity.SIMILARITY_THRESHOLD:.2f}: precision {configured['precision']:.2f} recall "
        f"{configured['recall']:.2f}"
        if configured
        else f"configured {similarity.SIMILARITY_THRESHOLD} (not on the grid)"
    )
    agreement_text = (
        f"pg_trgm agrees on {agreement['agree']}/{agreement['pairs']} pairs (max |diff| {agreement['max_diff']:.1g}, "
        f"{agreement['flag_mismatches']} flagged differently)"
        if agreement
        else "pg_trgm not checked (no PostgreSQL DATABASE_URL)"
    )
    log(
        f"SUMMARY duplicates: best threshold {best['t']:.2f} (F1.5 {best['fb']:.2f}): precision "
        f"{best['precision']:.2f}, recall {best['recall']:.2f} ({best['tp']}/{duplicates} duplicates, "
        f"{best['fp']} related pairs flagged); {configured_text}; {agreement_text}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
