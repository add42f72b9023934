"""The spam scorer: link and keyword heuristics plus a naive Bayes classifier over tokens.

Pure Python, no Django: `bench/spam.py` and the tests use it alone. The classifier learns from
moderators' decisions (spam / not spam); until it has `MIN_EXAMPLES` of each it stays out and the
heuristics decide alone. A score is a probability-like number in [0, 1]: the caller queues what is
above its review threshold and hides (never deletes) what is above its hide threshold.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_EXAMPLES = 10  # per class, before the classifier has a say
CLASSIFIER_WEIGHT = 0.6  # once trained: score = 0.6 x classifier + 0.4 x heuristics

_URL = re.compile(r"(?:https?://|www\.)[^\s)<>\]]+", re.I)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'$€£%-]*", re.I)
_MONEY = re.compile(r"[$€£]\s?\d[\d,.]*(?:k\b)?|\d[\d,.]*\s?(?:usd|eur|gbp|dollars|euros)\b", re.I)
_PHONE = re.compile(r"\+?\d[\d ().-]{8,}\d")
_SHORTENERS = {"bit.ly", "tinyurl.com", "t.co", "goo.gl", "is.gd", "cutt.ly", "rb.gy", "shorturl.at", "t.me", "wa.me"}
# Phrases that almost only spam uses, each with its weight (log-odds-like points).
_PHRASES = {
    "click here": 1.2, "act now": 1.2, "limited time": 1.0, "limited offer": 1.2, "100% free": 1.5,
    "risk free": 1.2, "risk-free": 1.2, "guaranteed": 0.8, "earn money": 1.5, "make money": 1.5,
    "work from home": 1.3, "passive income": 1.5, "financial freedom": 1.5, "crypto": 0.9, "bitcoin": 1.0,
    "forex": 1.2, "investment opportunity": 1.5, "double your": 1.5, "casino": 1.5, "betting": 1.0,
    "viagra": 2.0, "weight loss": 1.2, "dm me": 1.0, "whatsapp": 1.0, "telegram": 0.9, "gift card": 1.3,
    "claim your": 1.3, "you have won": 1.8, "congratulations you": 1.5, "winner": 0.8, "verify your account": 1.6,
    "verify your password": 2.0, "account will be suspended": 1.6, "password expires": 1.2, "login here": 1.3,
    "cheap": 0.8, "discount": 0.6, "promo code": 1.2, "buy now": 1.3, "order now": 1.2, "seo services": 1.6,
    "backlinks": 1.4, "followers": 0.6, "no experience needed": 1.4, "per week from": 1.0, "sign up today": 1.0,
    "exclusive deal": 1.2, "don't miss": 0.8, "urgent": 0.6, "wire transfer": 1.3, "bank details": 1.3,
    "giveaway": 1.2, "register here": 1.0, "lottery": 1.6, "prize": 1.0, "referral link": 1.2, "bonus": 0.6,
    "deposit": 0.6, "trading": 0.7, "profit": 0.8, "sign in with your": 1.0, "credentials": 0.8, "who wants": 0.6,
    "check it out": 0.6, "your details": 1.0, "phone number": 0.6, "free spins": 1.5, "no prescription": 1.8,
}  # fmt: skip
# Top-level domains that legitimate workplace links almost never use.
_CHEAP_TLDS = {"shop", "xyz", "win", "top", "biz", "date", "stream", "deals", "today", "finance", "store", "click"}


@dataclass
class Verdict:
    score: float
    reasons: list[str] = field(default_factory=list)
    heuristic: float = 0.0
    classifier: float | None = None


def links(text: str) -> list[str]:
    return _URL.findall(text or "")


def _domain(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
    return url.split("/", 1)[0].split(":", 1)[0]


def tokens(text: str) -> list[str]:
    """Words (lower case, 2-30 characters) plus a few shape features the classifier can weigh."""
    text = text or ""
    found = [t.lower() for t in _TOKEN.findall(_URL.sub(" ", text)) if 2 <= len(t) <= 30]
    urls = links(text)
    found += ["__url__"] * min(len(urls), 5)
    found += [f"__domain:{_domain(u)}" for u in urls[:5]]
    if _MONEY.search(text):
        found.append("__money__")
    if _PHONE.search(text):
        found.append("__phone__")
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.4:
        found.append("__shouting__")
    if "!!" in text:
        found.append("__bangs__")
    return found


def heuristic_score(text: str) -> tuple[float, list[str]]:
    """Points for links, shorteners, spam phrases, money, phone numbers, shouting; squashed to [0, 1]."""
    text = text or ""
    lower = " ".join(text.lower().split())
    points, reasons = 0.0, []
    urls = links(text)
    if urls:
        points += 0.4 * min(len(urls), 5)
        reasons.append(f"{len(urls)} link(s)")
        if any(_domain(u) in _SHORTENERS for u in urls):
            points += 1.2
            reasons.append("link shortener")
        if any(_domain(u).rsplit(".", 1)[-1] in _CHEAP_TLDS for u in urls):
            points += 1.0
            reasons.append("unusual domain")
        words = max(1, len(lower.split()))
        if len(urls) >= 2 and len(urls) / words > 0.08:
            points += 0.8
            reasons.append("mostly links")
    hits = [phrase for phrase in _PHRASES if phrase in lower]
    if hits:
        points += sum(_PHRASES[p] for p in hits)
        reasons.append("phrases: " + ", ".join(hits[:4]))
    if _MONEY.search(text):
        points += 0.6
        reasons.append("money amounts")
    if _PHONE.search(text):
        points += 0.6
        reasons.append("phone number")
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.4:
        points += 0.8
        reasons.append("shouting")
    if text.count("!") >= 3:
        points += 0.5
        reasons.append("exclamation marks")
    # 0 points -> 0.05, 2 -> 0.5, 4 -> ~0.95: a logistic centred on 2 points.
    return 1 / (1 + math.exp(-1.5 * (points - 2.0))), reasons


class NaiveBayes:
    """Multinomial naive Bayes over `tokens()` with Laplace smoothing, each token counted once per
    text (so one word repeated fifty times does not decide alone)."""

    def __init__(self) -> None:
        self.counts: dict[bool, Counter] = {True: Counter(), False: Counter()}
        self.docs: dict[bool, int] = {True: 0, False: 0}
        self.totals: dict[bool, int] = {True: 0, False: 0}

    def fit(self, examples: Iterable[tuple[str, bool]]) -> "NaiveBayes":
        for text, is_spam in examples:
            seen = set(tokens(text))
            self.counts[is_spam].update(seen)
            self.totals[is_spam] += len(seen)
            self.docs[is_spam] += 1
        return self

    @property
    def is_trained(self) -> bool:
        return min(self.docs.values()) >= MIN_EXAMPLES

    def probability(self, text: str) -> float:
        """P(spam | text), with equal priors: the queue is about the text, not about base rates."""
        vocabulary = len(set(self.counts[True]) | set(self.counts[False])) or 1
        log_odds = 0.0
        for token in set(tokens(text)):
            if not (self.counts[True][token] or self.counts[False][token]):
                continue  # a word never seen says nothing
            spam = (self.counts[True][token] + 1) / (self.totals[True] + vocabulary)
            ham = (self.counts[False][token] + 1) / (self.totals[False] + vocabulary)
            log_odds += math.log(spam / ham)
        log_odds = max(-30.0, min(30.0, log_odds))
        return 1 / (1 + math.exp(-log_odds))


def score(text: str, model: NaiveBayes | None = None) -> Verdict:
    heuristic, reasons = heuristic_score(text)
    if model is None or not model.is_trained:
        return Verdict(score=round(heuristic, 4), reasons=reasons, heuristic=heuristic)
    classifier = model.probability(text)
    combined = CLASSIFIER_WEIGHT * classifier + (1 - CLASSIFIER_WEIGHT) * heuristic
    return Verdict(
        score=round(combined, 4),
        reasons=[f"classifier {classifier:.2f}", *reasons],
        heuristic=heuristic,
        classifier=classifier,
    )
