"""The spam scorer (moderation/spam.py) on the corpus in tests/moderation/corpus/.

    .venv/bin/python bench/spam.py

No database, no Django. The corpus holds realistic spam (phishing, crypto, SEO, scams, adverts)
and legitimate workplace posts, some of them hard (links to docs, budgets in dollars, "free
pizza", "urgent"). The classifier learns from moderators' decisions; here each fold of a
deterministic 5-fold cross-validation plays those decisions and the held-out fold is scored, so
no text is ever scored by a model that saw it. Figures for the heuristics alone (what runs before
moderators have labelled `MIN_EXAMPLES` of each class), the classifier alone and the combined
score, at the review threshold (queue, 0.5) and the hide threshold (hidden pending review, 0.9).
The last line sums it up.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderation import spam  # noqa: E402  (pure Python: no Django setup needed)

CORPUS = ROOT / "tests" / "moderation" / "corpus"
FOLDS = 5
QUEUE, HIDE = 0.5, 0.9


def load() -> list[tuple[str, bool]]:
    spam_texts = json.loads((CORPUS / "spam.json").read_text())
    ham_texts = json.loads((CORPUS / "legitimate.json").read_text())
    return [(t, True) for t in spam_texts] + [(t, False) for t in ham_texts]


def folds(examples):
    """Deterministic, stratified: every FOLDS-th example of each class."""
    for k in range(FOLDS):
        train, test = [], []
        for label in (True, False):
            of_class = [e for e in examples if e[1] is label]
            for i, example in enumerate(of_class):
                (test if i % FOLDS == k else train).append(example)
        yield train, test


def metrics(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float, int, int]:
    tp = sum(1 for s, label in scored if s >= threshold and label)
    fp = sum(1 for s, label in scored if s >= threshold and not label)
    fn = sum(1 for s, label in scored if s < threshold and label)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, fp, fn


def main() -> None:
    examples = load()
    n_spam = sum(1 for _, label in examples if label)
    print(f"corpus: {n_spam} spam, {len(examples) - n_spam} legitimate; {FOLDS}-fold cross-validation")
    started = time.perf_counter()
    results: dict[str, list[tuple[float, bool]]] = {"heuristics": [], "classifier": [], "combined": []}
    misses = []
    for train, test in folds(examples):
        model = spam.NaiveBayes().fit(train)
        for text, label in test:
            verdict = spam.score(text, model)
            results["heuristics"].append((verdict.heuristic, label))
            results["classifier"].append((verdict.classifier, label))
            results["combined"].append((verdict.score, label))
            if (verdict.score >= QUEUE) != label:
                misses.append((verdict.score, label, text))
    elapsed = time.perf_counter() - started
    print(f"{'scorer':<12} {'threshold':>9} {'precision':>9} {'recall':>7} {'false +':>8} {'false -':>8}")
    for name, scored in results.items():
        for threshold in (QUEUE, HIDE):
            p, r, fp, fn = metrics(scored, threshold)
            print(f"{name:<12} {threshold:>9.2f} {p:>9.3f} {r:>7.3f} {fp:>8d} {fn:>8d}")
    print("misclassified at the review threshold (combined):")
    for score, label, text in sorted(misses, key=lambda m: -m[0]):
        print(f"  {score:.2f} {'spam' if label else 'legit'}: {text[:90]}")
    per_text = elapsed / len(examples) * 1000
    qp, qr, _qfp, _qfn = metrics(results["combined"], QUEUE)
    hp, hr, hfp, _hfn = metrics(results["combined"], HIDE)
    print(
        f"SUMMARY spam scorer ({n_spam}+{len(examples) - n_spam} texts, {FOLDS}-fold): queue>={QUEUE} "
        f"precision {qp:.3f} recall {qr:.3f}; hide>={HIDE} precision {hp:.3f} recall {hr:.3f} "
        f"({hfp} legitimate hidden); {per_text:.2f} ms per text incl. training"
    )


if __name__ == "__main__":
    main()
