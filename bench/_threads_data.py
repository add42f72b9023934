"""The data set of bench/threads.py, built once per database and reused while DATA_VERSION holds.

Seven spaces (public, department-only and private, some the bench's reader cannot see), 2,000
threads and 100,000 posts of generated English: common words drawn with a Zipf law from Faker's
word list, each space's own vocabulary, two-word terms and rare code names, so that searches range
from a handful of hits to a third of the posts. One thread has 10,000 replies in a tree up to 20
deep. Paths are built exactly as threads.services.reply_post builds them, search vectors exactly as
threads.services._index_for_search writes them (checked on a sample), then VACUUM ANALYZE.
Everything is written in one transaction: data is either all there or absent.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass

# Change when the generator changes: the next run rebuilds the bench spaces.
DATA_VERSION = "bench-threads data v3"
SEED = 20_240_917
TOTAL_POSTS = 100_000
THREAD_COUNT = 2_000
BIG_REPLIES = 10_000
BIG_TOP_LEVEL = 700  # 35 pages of 20 top-level replies, about 14 posts per sub-tree
MAX_TREE_DEPTH = 20
AUTHORS = 60
SLUG_PREFIX = "bench-"
VIEWER = "bench-threads-viewer"

# slug, name, visibility, department slug or member flag, share of the threads, vocabulary key
SPACES = [
    ("bench-engineering", "Engineering", "public", None, 0.30, "engineering"),
    ("bench-product", "Product", "public", None, 0.20, "product"),
    ("bench-office", "Office life", "public", None, 0.14, "office"),
    ("bench-platform", "Platform team", "department", "bench-engineering", 0.12, "engineering"),
    ("bench-finance", "Finance", "department", "bench-finance", 0.10, "finance"),
    ("bench-leadership", "Leadership", "private", False, 0.06, "leadership"),
    ("bench-incidents", "Incident reviews", "private", True, 0.08, "incidents"),
]
DEPARTMENTS = [("bench-engineering", "Engineering (bench)"), ("bench-product", "Product (bench)"),
               ("bench-finance", "Finance (bench)"), ("bench-people", "People (bench)")]  # fmt: skip

TOPICS = {
    "engineering": [
        "kubernetes",
        "terraform",
        "postgres",
        "latency",
        "deploy",
        "pipeline",
        "cache",
        "rollback",
        "microservice",
        "monorepo",
        "refactor",
        "database migration",
        "staging",
        "flaky tests",
        "benchmark",
        "compiler",
        "observability",
        "load balancer",
        "spot instances",
        "feature flag",
        "code review",
        "error budget",
        "type checker",
        "memory leak",
        "connection pool",
        "release train",
    ],
    "product": [
        "roadmap",
        "onboarding",
        "churn",
        "pricing",
        "persona",
        "prototype",
        "customer feedback",
        "backlog",
        "launch",
        "retention",
        "wireframe",
        "analytics",
        "funnel",
        "survey",
        "beta program",
        "user interview",
        "accessibility",
        "dark mode",
        "release notes",
        "north star metric",
    ],
    "office": [
        "parking",
        "lunch",
        "coffee machine",
        "standing desk",
        "hybrid work",
        "commute",
        "bicycle",
        "canteen",
        "plants",
        "printer",
        "holiday party",
        "wellbeing",
        "yoga",
        "badge",
        "meeting rooms",
        "quiet floor",
        "lockers",
        "shuttle bus",
    ],
    "finance": [
        "budget",
        "invoice",
        "forecast",
        "payroll",
        "expenses",
        "audit",
        "procurement",
        "quarter close",
        "headcount",
        "reimbursement",
        "cost centre",
        "travel policy",
        "vendor contract",
    ],
    "leadership": [
        "strategy",
        "reorganisation",
        "objectives",
        "offsite",
        "hiring plan",
        "acquisition",
        "board meeting",
        "compensation",
        "career ladder",
        "succession",
    ],
    "incidents": [
        "postmortem",
        "pager",
        "runbook",
        "escalation",
        "timeline",
        "severity",
        "mitigation",
        "alert",
        "dashboard",
        "outage",
        "root cause",
        "on call",
        "status page",
    ],
}
# Code names: each appears in a few dozen posts at most, a Zipf law among them.
RARE = [
    "quokka", "halcyon", "zeppelin", "marzipan", "obsidian", "kestrel", "tamarind", "juniper",
    "gossamer", "nimbus", "saffron", "pangolin", "vermilion", "axolotl", "heliotrope", "quasar",
    "mandolin", "tourmaline", "lantana", "cormorant", "bergamot", "chinchilla", "fenwick", "galoshes",
    "isotope", "jacaranda", "kumquat", "labyrinth", "meridian", "narwhal", "ocelot", "paprika",
    "quillon", "rhubarb", "sassafras", "tundra", "umbrage", "vortex", "wombat", "xylophone",
]  # fmt: skip
NOUNS = [
    "team", "plan", "proposal", "process", "service", "release", "meeting", "document", "budget",
    "design", "question", "result", "customer", "project", "week", "problem", "idea", "change",
    "approach", "tool", "report", "decision", "deadline", "sprint", "workshop", "review",
]  # fmt: skip
VERBS = [
    "move", "review", "try", "measure", "drop", "keep", "simplify", "document", "split", "automate",
    "postpone", "share", "test", "replace", "revisit", "announce", "estimate", "discuss",
]  # fmt: skip
ADJECTIVES = [
    "good", "better", "slow", "fast", "expensive", "cheap", "confusing", "clear", "risky", "useful",
    "surprising", "painful", "promising", "obvious", "small", "huge", "mixed",
]  # fmt: skip
TIMES = ["the next sprint", "Friday", "the end of the quarter", "the offsite", "the release", "next week",
         "the holidays", "the board meeting", "Monday"]  # fmt: skip
SENTENCES = [
    "I think we should {verb} the {term} before {time}.",
    "Has anyone tried {term} together with {term2}? The results were {adj} for us.",
    "The {noun} around {term} is {adj}, honestly.",
    "+1, we had the same {noun} with {term} last {period}.",
    "Could we {verb} the {noun} instead? {filler}",
    "Agreed. {filler}",
    "We moved our {noun} to {term} and it became {adj}.",
    "Let's discuss {term} at the next {noun} on {time}.",
    "Thanks for writing this up, the part about {term} is very {adj}.",
    "Not sure I follow: why would {term} make the {noun} {adj}?",
    "{filler}",
    "{filler} {filler}",
    "My two cents: {verb} the {term} first, then {verb2} the {noun}.",
    "Who owns {term} these days? {filler}",
    "For context, {term} was {adj} when we started, and it still is.",
    "I can {verb} the {noun} by {time} if someone helps with {term}.",
]
PARAGRAPH_BREAK = 0.3


@dataclass
class Built:
    big_thread_id: int
    viewer_id: int
    space_ids: dict  # slug -> id
    seconds: float = 0.0
    reused: bool = True


class Writer:
    """Generated English with a stable vocabulary distribution (fixed seed)."""

    def __init__(self, rng: random.Random):
        from faker.providers.lorem.en_US import Provider

        words = [w for w in Provider.word_list if len(w) > 2]
        rng.shuffle(words)  # frequency rank independent of the alphabet
        self.common = words
        self.common_weights = [1 / (rank + 1) for rank in range(len(words))]
        self.rare_weights = [1 / (rank + 1) for rank in range(len(RARE))]
        self.rng = rng

    def _filler(self) -> str:
        words = self.rng.choices(self.common, self.common_weights, k=self.rng.randint(5, 13))
        return " ".join(words).capitalize() + "."

    def sentence(self, topic: str) -> str:
        rng, terms = self.rng, TOPICS[topic]
        text = rng.choice(SENTENCES)
        fill = {
            "verb": rng.choice(VERBS), "verb2": rng.choice(VERBS), "noun": rng.choice(NOUNS),
            "adj": rng.choice(ADJECTIVES), "time": rng.choice(TIMES), "period": rng.choice(("week", "month", "year")),
            "term": rng.choice(terms), "term2": rng.choice(TOPICS[rng.choice(list(TOPICS))]),
        }  # fmt: skip
        while "{filler}" in text:
            text = text.replace("{filler}", self._filler(), 1)
        text = text.format(**fill)
        return text[0].upper() + text[1:]

    def body(self, topic: str, *, opening: bool = False) -> str:
        count = max(1, round(self.rng.lognormvariate(1.7 if opening else 1.1, 0.6)))
        paragraphs, current = [], []
        for _ in range(count):
            current.append(self.sentence(topic))
            if self.rng.random() < PARAGRAPH_BREAK:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        if self.rng.random() < 0.012:
            name = self.rng.choices(RARE, self.rare_weights)[0]
            paragraphs[-1] += f" This is also what {name.capitalize()} needs."
        return "\n\n".join(paragraphs)

    def title(self, topic: str) -> str:
        rng = self.rng
        term = rng.choice(TOPICS[topic])
        patterns = [
            f"{term.capitalize()}: what do we do about it?",
            f"Proposal: {rng.choice(VERBS)} our {term}",
            f"How do you {rng.choice(VERBS)} the {term}?",
            f"{term.capitalize()} and the {rng.choice(NOUNS)}",
            f"Feedback wanted on the {term} {rng.choice(NOUNS)}",
            f"Is the {term} {rng.choice(ADJECTIVES)}?",
        ]
        return rng.choice(patterns)


def reply_tree(rng: random.Random, replies: int, *, top_level: int, window: float = 3, climb: float = 0.05) -> list:
    """Parents (list index; 0 is the opening post) of `replies` replies, in the order they are written.

    `top_level` replies answer the opening post; the sizes of their sub-trees follow a log-normal law
    (most get a few answers, a few get hundreds). Inside a sub-tree a reply answers a recent post
    (exponential look-back, mean `window`), and people climb to the parent's parent more often the
    deeper the conversation already is, so depths thin out towards MAX_TREE_DEPTH."""
    top_level = max(1, min(top_level, replies))
    raw = [rng.lognormvariate(0, 1.2) for _ in range(top_level)]
    scale = (replies - top_level) / sum(raw)
    sizes = [1 + int(r * scale) for r in raw]
    while sum(sizes) < replies:
        sizes[rng.randrange(top_level)] += 1
    parents, depths = [None], [0]
    for size in sizes:
        first = len(parents)
        parents.append(0)
        depths.append(1)
        for _ in range(size - 1):
            parent = max(first, len(parents) - 1 - int(rng.expovariate(1 / window)))
            while parent != first and rng.random() < climb + 0.02 * depths[parent]:
                parent = parents[parent]
            while depths[parent] >= MAX_TREE_DEPTH:
                parent = parents[parent]
            parents.append(parent)
            depths.append(depths[parent] + 1)
    return parents


def _thread_sizes(rng: random.Random, count: int, total_replies: int) -> list[int]:
    """Replies per thread: heavy-tailed (many small threads, a few long ones), summing exactly."""
    raw = [rng.paretovariate(1.4) for _ in range(count)]
    scale = total_replies / sum(raw)
    sizes = [min(1500, int(r * scale)) for r in raw]
    while (missing := total_replies - sum(sizes)) != 0:
        i = rng.randrange(count)
        if missing > 0 and sizes[i] < 1500:
            sizes[i] += 1
        elif missing < 0 and sizes[i] > 0:
            sizes[i] -= 1
    return sizes


def data_ready():
    from threads.models import Post, Space, Thread

    space = Space.objects.filter(slug="bench-engineering", description=DATA_VERSION).first()
    if space is None:
        return None
    posts = Post.objects.filter(thread__space__slug__startswith=SLUG_PREFIX).count()
    big = Thread.objects.filter(space=space, reply_count=BIG_REPLIES).order_by("pk").first()
    if posts != TOTAL_POSTS or big is None:
        return None
    from accounts.models import User

    return Built(
        big_thread_id=big.pk,
        viewer_id=User.objects.get(username=VIEWER).pk,
        space_ids=dict(Space.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "pk")),
    )


def ensure_data(log) -> Built:
    built = data_ready()
    if built is not None:
        return built
    started = time.perf_counter()
    log("building the data set (once; later runs reuse it) ...")
    _wipe()
    built = _build(log)
    _vacuum_analyze()
    built.seconds, built.reused = time.perf_counter() - started, False
    log(f"data set built in {built.seconds:.0f} s")
    return built


def _wipe() -> None:
    """Delete the bench spaces and everything in them (an older DATA_VERSION, or a run cut short)."""
    from django.db import connection, transaction

    from threads.models import Space, Thread

    spaces = list(Space.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True))
    if not spaces:
        return
    threads = list(Thread.objects.filter(space__in=spaces).values_list("pk", flat=True))
    statements = [
        "DELETE FROM threads_reaction WHERE post_id IN (SELECT id FROM threads_post WHERE thread_id = ANY(%(t)s))",
        "DELETE FROM threads_mention WHERE post_id IN (SELECT id FROM threads_post WHERE thread_id = ANY(%(t)s))",
        "DELETE FROM threads_backlink WHERE source_id IN (SELECT id FROM threads_post WHERE thread_id = ANY(%(t)s))",
        "DELETE FROM threads_postrevision WHERE post_id IN (SELECT id FROM threads_post WHERE thread_id = ANY(%(t)s))",
        "DELETE FROM threads_threadsubscription WHERE thread_id = ANY(%(t)s)",
        "DELETE FROM threads_threadread WHERE thread_id = ANY(%(t)s)",
        "UPDATE threads_thread SET accepted_post_id = NULL WHERE id = ANY(%(t)s)",
        "DELETE FROM threads_post WHERE thread_id = ANY(%(t)s)",
        "DELETE FROM threads_thread WHERE id = ANY(%(t)s)",
        "DELETE FROM threads_spacemembership WHERE space_id = ANY(%(s)s)",
        "DELETE FROM threads_space_departments WHERE space_id = ANY(%(s)s)",
        "DELETE FROM threads_space WHERE id = ANY(%(s)s)",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"t": threads, "s": spaces})


def _people():
    from accounts.models import Department, User

    departments = {
        slug: Department.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in DEPARTMENTS
    }
    first = ["Ada", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi", "Lars"]
    last = ["Okafor", "Martin", "Schmidt", "Nguyen", "Rossi", "Kowalski", "Dubois", "Silva", "Tanaka", "Berg"]
    people = []
    for n in range(AUTHORS):
        department = departments[DEPARTMENTS[n % len(DEPARTMENTS)][0]]
        user, _created = User.objects.get_or_create(
            username=f"bench-u{n:02d}",
            defaults={"first_name": first[n % len(first)], "last_name": last[n % len(last)], "department": department},
        )
        people.append(user)
    defaults = {"first_name": "Vera", "last_name": "Viewer", "department": departments["bench-engineering"]}
    viewer, created = User.objects.get_or_create(username=VIEWER, defaults=defaults)
    if created:
        viewer.set_unusable_password()
        viewer.save(update_fields=["password"])
    return departments, people, viewer


def _build(log) -> Built:
    from django.db import connection, transaction

    from threads import markdown
    from threads.models import Post, Reaction, Space, SpaceMembership, Thread, ThreadSubscription
    from threads.services import _segment

    rng = random.Random(SEED)
    writer = Writer(random.Random(SEED + 1))
    with transaction.atomic():
        departments, people, viewer = _people()
        spaces, topics, weights = {}, {}, []
        for slug, name, visibility, scope, share, topic in SPACES:
            space = Space.objects.create(
                name=name, slug=slug, visibility=visibility, created_by=people[0],
                description=DATA_VERSION if slug == "bench-engineering" else "",
            )  # fmt: skip
            if visibility == "department":
                space.departments.set([departments[scope]])
            elif visibility == "private":
                members = people[:8] + ([viewer] if scope else [])
                SpaceMembership.objects.bulk_create([SpaceMembership(space=space, user=u) for u in members])
            spaces[slug], topics[slug] = space, topic
            weights.append(share)

        # 2,000 threads over two years; the big one is the first of Engineering.
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        sizes = [BIG_REPLIES, *_thread_sizes(rng, THREAD_COUNT - 1, TOTAL_POSTS - THREAD_COUNT - BIG_REPLIES)]
        slugs = ["bench-engineering", *rng.choices([s[0] for s in SPACES], weights, k=THREAD_COUNT - 1)]
        threads = []
        for n, (size, slug) in enumerate(zip(sizes, slugs, strict=True)):
            started = now - dt.timedelta(days=730 * (1 - n / THREAD_COUNT), minutes=rng.randint(0, 600))
            thread = Thread(
                space=spaces[slug], title=writer.title(topics[slug]), author=rng.choice(people),
                created_at=started, last_activity_at=started, reply_count=size, post_counter=size + 1,
                is_hidden=n > 0 and rng.random() < 0.01,
            )  # fmt: skip
            threads.append(thread)
        Thread.objects.bulk_create(threads, batch_size=1000)
        log(f"  {len(threads)} threads in {len(spaces)} spaces; writing {TOTAL_POSTS:,} posts ...")

        clock = time.perf_counter()
        ids = _post_ids(connection, TOTAL_POSTS)
        batch, written = [], 0
        for thread, size in zip(threads, sizes, strict=True):
            topic = topics[thread.space.slug]
            big = thread.pk == threads[0].pk
            top_level = BIG_TOP_LEVEL if big else max(1, round(size / 4))
            parents = reply_tree(rng, size, top_level=top_level) if size else [None]
            when = thread.created_at
            rows: list = []
            for i, parent in enumerate(parents):
                body = writer.body(topic, opening=parent is None)
                html = (
                    markdown.render(body).html if big else "".join(f"<p>{_escape(p)}</p>\n" for p in body.split("\n\n"))
                )
                up = rows[parent] if parent is not None else None
                post = Post(
                    pk=ids.pop(), thread=thread, author=rng.choice(people), parent_id=up.pk if up else None,
                    path=(up.path if up else "") + _segment(i + 1), depth=up.depth + 1 if up else 0,
                    body=body, body_html=html, created_at=when,
                )  # fmt: skip
                rows.append(post)
                when += dt.timedelta(minutes=rng.expovariate(1 / (3 if big else 90)))
            thread.last_activity_at = when
            batch.extend(rows)
            if len(batch) >= 5000:
                written += _flush(Post, batch)
        written += _flush(Post, batch)
        Thread.objects.bulk_update(threads, ["last_activity_at"], batch_size=1000)
        log(f"  {written:,} posts written ({time.perf_counter() - clock:.0f} s); search vectors ...")
        clock = time.perf_counter()
        _fill_search_vectors(connection)
        _check_search_vectors(connection)

        big_posts = list(Post.objects.filter(thread=threads[0]).values_list("pk", flat=True))
        emojis = [e for e, _label in Reaction.Emoji.choices]
        reactions = {(rng.choice(big_posts), rng.choice([*people, viewer]).pk, rng.choice(emojis)) for _ in range(4000)}
        Reaction.objects.bulk_create([Reaction(post_id=p, user_id=u, emoji=e) for p, u, e in reactions])
        ThreadSubscription.objects.create(thread=threads[0], user=viewer, level=ThreadSubscription.Level.WATCHING)
        log(f"  search vectors, check and reactions ({time.perf_counter() - clock:.0f} s); VACUUM ANALYZE ...")
    return Built(big_thread_id=threads[0].pk, viewer_id=viewer.pk, space_ids={k: v.pk for k, v in spaces.items()})


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def _post_ids(connection, count: int) -> list[int]:
    """Primary keys taken from the table's own sequence, so children can name parents before insert."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('threads_post', 'id')) FROM generate_series(1, %s)", [count]
        )
        return [row[0] for row in reversed(cursor.fetchall())]  # pop() hands them out in order


def _flush(model, batch: list) -> int:
    count = len(batch)
    if batch:
        model.objects.bulk_create(batch, batch_size=2500)
        batch.clear()
    return count


# The expression of threads.services._index_for_search: the title (weight A) for the opening post only.
FILL_SEARCH_VECTORS = (
    "UPDATE threads_post p SET search_vector = "
    "setweight(to_tsvector('english', coalesce(CASE WHEN p.depth = 0 THEN th.title ELSE '' END, '')), 'A') "
    "|| to_tsvector('english', p.body) "
    "FROM threads_thread th JOIN threads_space s ON s.id = th.space_id "
    "WHERE th.id = p.thread_id AND s.slug LIKE %s"
)


def _fill_search_vectors(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(FILL_SEARCH_VECTORS, [f"{SLUG_PREFIX}%"])


def _check_search_vectors(connection) -> None:
    """The bulk UPDATE must leave what the service leaves: re-index a sample through the service."""
    from threads.models import Post
    from threads.services import _index_for_search

    sample = list(Post.objects.filter(thread__space__slug__startswith=SLUG_PREFIX).select_related("thread")[:1])
    sample += list(
        Post.objects.filter(thread__space__slug__startswith=SLUG_PREFIX, depth__gt=3).select_related("thread")[:2]
    )
    with connection.cursor() as cursor:
        for post in sample:
            cursor.execute("SELECT search_vector::text FROM threads_post WHERE id = %s", [post.pk])
            bulk = cursor.fetchone()[0]
            _index_for_search(post)
            cursor.execute("SELECT search_vector::text FROM threads_post WHERE id = %s", [post.pk])
            if cursor.fetchone()[0] != bulk:
                raise RuntimeError(f"search vector of post {post.pk} differs from the service's")


def _vacuum_analyze() -> None:
    """Compact threads_post (each row was inserted, then updated with its vector, as the services do;
    autovacuum would reuse that space over time) and give the planner statistics on every table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL threads_post")
        cursor.execute("ANALYZE")
