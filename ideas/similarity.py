"""Title similarity the way PostgreSQL's pg_trgm computes it (pure Python), so the SQLite fallback
and PostgreSQL agree on what "similar" means and one threshold serves both.

pg_trgm lower-cases the text, splits it into words of letters and digits, pads each word with two
spaces in front and one behind, and takes the set of 3-character substrings; similarity is
|A ∩ B| / |A ∪ B|.
"""

import re

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Tuned by bench/duplicates.py on the demo boards' 42 labelled duplicate and 41 related-but-different
# pairs (ideas/demo/data.py): 0.40 has the best F1 (0.74, tied with 0.45) and the best F1.5 (recall
# weighted: the list is a hint, not a block), precision 0.70, recall 0.79. Lower only trades many
# related ideas for few duplicates worded apart (0.30: 2 more of 42 found, 9 more false hints); and
# pg_trgm's float4 rounds 0.4 up, so PostgreSQL flags exactly what Python flags. See docs/ideas.md.
SIMILARITY_THRESHOLD = 0.4


def trigrams(text: str) -> frozenset[str]:
    grams: set[str] = set()
    for word in WORD_RE.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    ta = trigrams(a) if isinstance(a, str) else a
    tb = trigrams(b) if isinstance(b, str) else b
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
