"""Static material for the demo discussions. Plain Python, no Django: the generator draws from these
lists with a seeded random stream, so changing anything here changes every seeded discussion.

Texts are `str.format` templates over a topic's slots: a thread picks one value per slot, and its
title, opening post and replies all talk about the same things. `{author}`, `{someone}` and
`{parent}` are filled with usernames (turned into @mentions by the caller).
"""

from typing import NamedTuple


class SpaceSpec(NamedTuple):
    slug: str
    name: str
    description: str
    visibility: str  # a threads.models.Space.Visibility value
    departments: tuple[str, ...]  # department slugs, for "department" spaces
    topic: str  # key of TOPICS
    weight: int  # relative share of threads


class Topic(NamedTuple):
    slots: dict[str, tuple[str, ...]]
    titles: tuple[tuple[str, int], ...]  # (title, index of the opening post that goes with it)
    openings: tuple[str, ...]
    replies: tuple[str, ...]
    code: tuple[tuple[str, str], ...] = ()  # (language, snippet) for fenced blocks
    tips: tuple[str, ...] = ()  # list items for "a few things that helped" replies
    question: bool = False  # threads are questions: some get an accepted answer


SPACES: tuple[SpaceSpec, ...] = (
    SpaceSpec(
        "announcements",
        "Announcements",
        "News from the company: changes, events and things everyone should know.",
        "public",
        (),
        "announcements",
        3,
    ),
    SpaceSpec(
        "general",
        "General",
        "Anything that fits nowhere else: the office, the kitchen, lost and found.",
        "public",
        (),
        "general",
        13,
    ),
    SpaceSpec(
        "engineering",
        "Engineering",
        "Architecture, practices, incidents and tools, across all engineering teams.",
        "public",
        (),
        "engineering",
        17,
    ),
    SpaceSpec(
        "ideas-feedback",
        "Ideas & Feedback",
        "Suggest improvements to the product, our tools and how we work.",
        "public",
        (),
        "ideas",
        9,
    ),
    SpaceSpec(
        "help-desk",
        "Help desk",
        "Laptops, accounts, VPN, printers: ask IT and your colleagues.",
        "public",
        (),
        "helpdesk",
        14,
    ),
    SpaceSpec("social", "Social", "Clubs, events, photos and recipes.", "public", (), "social", 7),
    SpaceSpec(
        "data-analytics",
        "Data & Analytics",
        "Metrics, dashboards, experiments and data questions.",
        "public",
        (),
        "data",
        8,
    ),
    SpaceSpec(
        "remote-work",
        "Remote work",
        "Working from home and from afar: setups, rituals and tips.",
        "public",
        (),
        "remote",
        5,
    ),
    SpaceSpec(
        "sales",
        "Sales",
        "Deals, pipeline, pricing questions and objection handling.",
        "department",
        ("sales", "marketing", "customer-support"),
        "sales",
        6,
    ),
    SpaceSpec(
        "people-culture",
        "People & Culture",
        "Policies, onboarding, learning and engagement, for the People team.",
        "department",
        ("people",),
        "people",
        4,
    ),
    SpaceSpec(
        "platform-team",
        "Platform team",
        "The Platform Engineering team's own corner: on-call, roadmap, chores.",
        "department",
        ("platform",),
        "platform",
        5,
    ),
    SpaceSpec(
        "project-atlas",
        "Project Atlas",
        "The Atlas project team: the new self-service onboarding for customers.",
        "private",
        (),
        "atlas",
        5,
    ),
    SpaceSpec(
        "leadership-circle",
        "Leadership circle",
        "Department heads: planning, hiring and organization.",
        "private",
        (),
        "leadership",
        2,
    ),
)


class FixedThread(NamedTuple):
    """The first threads of every demo, so even "small" shows each feature."""

    space: str
    title: str
    author: str | None  # a username; None: someone who can see the space
    body: str
    replies: int
    pinned: bool = False
    locked_by: str | None = None  # closes the thread with a last reply from this person
    accepted: bool = False
    chain: int = 0  # a back-and-forth this deep
    answer: str = ""  # the first reply, which becomes the accepted answer


WELCOME = """Hi everyone, and welcome to **Collab**!

Collab is where we ask, answer and decide in the open. A few pointers to get going:

- **Spaces** group discussions by theme. Public spaces are open to the whole company;
  some are for a department or a project team.
- **Reply to any post**, not just the first one, to keep side conversations tidy.
- Mention people with `@username` so they get a notification.
- Mark the reply that solved your question as the **answer**: the next person with the same problem will thank you.

Please keep it kind and constructive. If something looks off, ping a moderator."""

PARKING = """The garage renovation starts next Monday and runs for about six weeks.

- Levels -1 and -2 are closed the whole time.
- Level -3 stays open, first come first served.
- Bike parking moves to the courtyard.

Questions about permits or accessibility spots: reply here."""

VPN = """Since the upgrade to the new laptops my VPN drops every few minutes,
usually when I switch between Wi-Fi and the dock.

What I tried so far:

1. Reinstalled the client
2. Restarted, twice
3. Forgot and re-joined the office Wi-Fi

The log says:

```
tunnel: keepalive timeout after 30s, reconnecting
```

Anyone else seeing this?"""

VPN_ANSWER = """Known issue with the new docks: the USB network adapter goes to sleep and the tunnel times out.

Two fixes, either works:

1. Update the VPN client to **5.2** from the self-service portal (it keeps the tunnel up across adapter changes).
2. Or turn off power saving for the adapter:

```powershell
Get-NetAdapter | Where-Object Name -like "*USB*" | Disable-NetAdapterPowerManagement
```"""

ATLAS_KICKOFF = """Welcome to the Atlas team space!
This is where we keep the project's discussions, decisions and open questions.

**Goal:** customers set up their workspace on their own in under 15 minutes, without a call with us.

**First milestone (6 weeks):** a guided setup for the three most common plans, behind a feature flag.

Roles for now:

- Product and priorities: @manager
- Backend and the import API: @employee and the web team
- Design: the design crew, with a prototype by the end of next week

Please add anything I forgot."""

LEADERSHIP = """Here is the first draft of next year's headcount plan, as discussed at the offsite.

| Area | Today | Ask |
| --- | ---: | ---: |
| Engineering | 100% | +12% |
| Sales | 100% | +8% |
| Support | 100% | +5% |

Two open questions: how we phase hiring across the quarters, and our succession planning
for the teams that grew fastest. Comments by Friday, please."""

MONOREPO = """We keep having this discussion in reviews, so let's have it once, in writing.

Today we have 40-odd repositories. Pros of moving the web and platform services into one repository:

- atomic changes across services
- one CI setup, one set of linters
- easier refactors

Cons: CI times, ownership boundaries, tooling. What's your experience?"""

FIXED_THREADS: tuple[FixedThread, ...] = (
    FixedThread("announcements", "Welcome to Collab", "moderator", WELCOME, 14, pinned=True),
    FixedThread("general", "Parking during the garage renovation", "admin", PARKING, 9, locked_by="moderator"),
    FixedThread(
        "help-desk",
        "VPN drops every few minutes on the new laptops",
        "employee",
        VPN,
        6,
        accepted=True,
        answer=VPN_ANSWER,
    ),
    FixedThread("project-atlas", "Atlas kickoff: goals, roles and the first milestone", "manager", ATLAS_KICKOFF, 10),
    FixedThread("leadership-circle", "Headcount plan for next year: first draft", None, LEADERSHIP, 6),
    FixedThread("engineering", "Monorepo or many repos? Let's settle it", None, MONOREPO, 22, chain=8),
)

LOCKING_REPLY = (
    "Locking this thread: everything above is now in the facilities FAQ. "
    "New questions go to the Help desk space, please. Thanks all!"
)

EMOJI_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("+1", 45),
    ("heart", 15),
    ("tada", 10),
    ("laugh", 9),
    ("thinking", 8),
    ("eyes", 13),
)

# Short replies that fit anywhere.
GENERIC_REPLIES: tuple[str, ...] = (
    "Thanks, this is really helpful.",
    "+1, same here.",
    "Agreed. Let's try it for a month and see how it goes.",
    "I can take a look this afternoon.",
    "Do we have numbers on this? Happy to help dig them up.",
    "Good point, I hadn't thought about that.",
    "Following, I'd like to know the answer too.",
    "Not sure I agree. What problem are we solving exactly?",
    "Love this. Count me in.",
    "Let's take this offline and come back with a summary here.",
    "Thanks for writing this up so clearly!",
    "We discussed something similar last year, the notes are in the wiki somewhere.",
    "Could you share a bit more context?",
    "Big +1 from our team.",
    "Interesting. What would it take to try it on one team first?",
    "I'll bring this up in our next team meeting.",
    "That matches what we see too.",
    "Nice work, everyone involved.",
    "Small nit: can we write down the decision somewhere permanent?",
    "Happy to pair on this if anyone wants.",
    "This has bitten me before, so thank you.",
    "Great question. I don't know, but I know who might.",
)

# Replies to a reply: the start of a back-and-forth.
FOLLOW_UPS: tuple[str, ...] = (
    "Fair, but how does that work when people are on holiday?",
    "True. Though I think the bigger issue is the one above.",
    "Yes! That's exactly what I meant.",
    "Hmm, I tried that and it didn't change anything for me.",
    "Interesting, do you have a link?",
    "Agreed, with one caveat: it has to stay optional.",
    "That's a good compromise.",
    "I'd rather not, it adds another thing to maintain.",
    "Okay, you convinced me.",
    "Could we measure it before deciding?",
    "Right, and it is cheaper too.",
    "Not quite: the old setup had the same problem, we just didn't notice.",
    "Let me check and get back to you.",
    "Ha, I said the same thing last quarter.",
)

TOPICS: dict[str, Topic] = {
    "announcements": Topic(
        slots={
            "benefit": (
                "learning budget",
                "bike leasing",
                "parental leave policy",
                "mental health support",
                "public transport pass",
                "home office allowance",
                "gym partnership",
                "volunteering days",
            ),
            "month": (
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ),
            "event": (
                "all-hands",
                "summer party",
                "hackathon",
                "town hall",
                "winter celebration",
                "open day",
                "security awareness week",
                "charity run",
            ),
            "office": ("Berlin", "Lisbon", "Amsterdam", "Toronto", "Singapore", "Nairobi", "Warsaw"),
        },
        titles=(
            ("New {benefit} from {month}", 0),
            ("{month} {event}: date, agenda and recording", 1),
            ("The {office} office moves in {month}", 2),
            ("Save the date: {event} in {month}", 3),
            ("Changes to the {benefit}", 0),
            ("{event} in {office}: sign-up is open", 3),
        ),
        openings=(
            "Starting in **{month}**, our {benefit} changes. The short version:\n\n"
            "- it applies to everyone, including part-time colleagues\n"
            "- no action needed if you are already enrolled\n- details are on the People pages\n\n"
            "Questions welcome below.",
            "The {event} is coming up in {month}. We will share the agenda a week before; the recording "
            "will be posted here afterwards for everyone in other time zones.",
            "Heads-up for the {office} team: we move to the new office in {month}. Desks, lockers and "
            "parking are being sorted out now. More details soon.",
            "Save the date! The {event} takes place in {month}. Ideas for sessions are very welcome in the replies.",
        ),
        replies=(
            "Great news, thank you!",
            "Will the {event} be recorded for those of us in other time zones?",
            "Does the new {benefit} also apply to contractors?",
            "Is there a deadline to sign up for the {benefit}?",
            "Finally! This was the most requested thing in the survey.",
            "Who do we contact with questions about the {office} move?",
            "Thanks for the heads-up. Any chance of remote participation?",
            "Looking forward to the {event}!",
        ),
    ),
    "general": Topic(
        slots={
            "item": (
                "blue water bottle",
                "black umbrella",
                "set of keys with a red keyring",
                "laptop charger",
                "grey scarf",
                "pair of headphones",
                "lunch box",
                "reading glasses",
                "bike light",
            ),
            "place": (
                "kitchen on the 3rd floor",
                "big meeting room",
                "lobby",
                "quiet room",
                "rooftop terrace",
                "canteen",
                "bike shed",
                "phone booths",
                "library corner",
            ),
            "issue": (
                "too cold",
                "too noisy",
                "out of oat milk",
                "booked all day",
                "without Wi-Fi",
                "out of order",
                "too warm",
            ),
            "thing": (
                "a good standing desk",
                "a podcast about design",
                "lunch near the office",
                "a dentist close to the office",
                "a book on negotiation",
                "noise-cancelling headphones",
                "a coworking space in the city centre",
                "a keyboard that doesn't hurt",
                "board games for six",
            ),
        },
        titles=(
            ("Lost and found: {item} in the {place}", 0),
            ("Is the {place} {issue} again?", 1),
            ("Recommendations for {thing}?", 2),
            ("Found a {item} near the {place}", 0),
            ("Anyone know a good option for {thing}?", 2),
            ("The {place} is {issue}: who do I tell?", 4),
            ("Who left a {item} in the {place}?", 0),
            ("Has anyone seen my {item}?", 3),
        ),
        openings=(
            "Found a {item} in the {place} this morning. I left it at the front desk.",
            "Is it just me or is the {place} {issue} again? Second time this week.",
            "Looking for recommendations for {thing}. Budget is flexible, quality matters more.",
            "Has anyone seen my {item}? Last time I had it was in the {place}.",
            "Quick one: where do I report that the {place} is {issue}? Facilities or IT?",
        ),
        replies=(
            "Front desk has a box with lost things, worth checking there.",
            "The {place} has been {issue} since Monday, facilities know about it.",
            "I can recommend {thing}, our team has been happy with it.",
            "There's a form for that on the facilities page.",
            "Same here, the {place} was {issue} yesterday too.",
            "I think I saw a {item} in the {place} last week!",
            "Ask in the Help desk space, they answer quickly.",
            "Following, I'm looking for {thing} too.",
        ),
    ),
    "engineering": Topic(
        slots={
            "service": (
                "the billing service",
                "the search API",
                "checkout",
                "the notifications worker",
                "the mobile gateway",
                "the reporting jobs",
                "the auth service",
                "the back office",
                "the import pipeline",
                "the public API",
                "the webhook dispatcher",
            ),
            "tech": (
                "Kafka",
                "Redis",
                "PostgreSQL",
                "gRPC",
                "GraphQL",
                "Celery",
                "Terraform",
                "Kubernetes",
                "OpenTelemetry",
                "feature flags",
                "Elasticsearch",
                "SQLite",
                "Temporal",
            ),
            "concern": (
                "retries",
                "idempotency keys",
                "schema migrations",
                "rate limiting",
                "pagination",
                "timeouts",
                "backpressure",
                "secrets rotation",
                "cache invalidation",
                "time zones",
                "dependency updates",
                "error budgets",
            ),
            "usecase": (
                "background jobs",
                "audit logs",
                "session storage",
                "search indexing",
                "event sourcing",
                "local development",
                "integration tests",
                "config management",
            ),
            "incident": (
                "checkout outage on Black Friday",
                "expired TLS certificate on the API",
                "runaway cron job filling the disk",
                "slow queries after the index change",
                "duplicated webhooks",
                "DNS misconfiguration in staging",
                "queue backlog during the sale",
            ),
            "proposal": (
                "a shared error format for all APIs",
                "trunk-based development for the web team",
                "an on-call handbook",
                "contract tests between services",
                "dropping Python 3.9",
                "a paved road for new services",
                "review SLAs of one working day",
            ),
        },
        titles=(
            ("How do we handle {concern} in {service}?", 0),
            ("Anyone using {tech} for {usecase}?", 1),
            ("RFC: {proposal}", 2),
            ("Postmortem: {incident}", 3),
            ("{tech} vs {tech2} for {usecase}", 1),
            ("Lessons learned: {concern} in {service}", 0),
            ("Flaky tests in {service} around {concern}", 4),
            ("Proposal: {proposal}", 2),
        ),
        openings=(
            "We're revisiting {concern} in {service} and I'd like a second opinion before we commit.\n\n"
            "Current approach:\n\n{code}\n\nWhat worries me is what happens under load. How do other teams do it?",
            "Is anyone using **{tech}** for {usecase}? We're evaluating it against {tech2} and I'd love to hear "
            "real experiences, not just blog posts.",
            "## Summary\n\nThis RFC proposes {proposal}.\n\n## Why\n\n- less friction between teams\n"
            "- fewer surprises in production\n- easier onboarding\n\n## Open questions\n\n"
            "Rollout order and who owns it. Comments welcome until the end of next week.",
            "## What happened\n\nIncident: {incident}. Customers were affected for about 40 minutes.\n\n"
            "## Timeline\n\n1. Alert fired\n2. On-call paged the owning team\n3. Mitigated by rolling back\n\n"
            "## What we'll change\n\nBetter alerting on {concern}, and a runbook. Full write-up in the wiki.",
            "Our tests in {service} keep failing intermittently, always around {concern}. Example:\n\n{code}\n\n"
            "Has anyone seen this pattern?",
        ),
        replies=(
            "We use {tech} for {usecase} and it has been solid, but watch out for {concern}.",
            "For {concern} we settled on a small wrapper that every service shares. Happy to show it.",
            "I'd keep it boring: {tech2} is what we already run and know how to operate.",
            "Have you looked at how {service} handles this? They solved a similar problem last year.",
            "+1 to the RFC. One request: a migration guide for existing services.",
            "The postmortem is great. Can we also add a test that would have caught it?",
            "We had exactly this with {concern}; the fix was a proper timeout on the client side.",
            "I'm not convinced we need {tech} here; what does it give us over {tech2}?",
            "Flaky tests are almost always shared state. Are the tests running in parallel?",
            "Please let's write this down as an ADR once we agree.",
            "We tried that in {service}, rolled it back after two weeks. Notes in the wiki.",
            "Could we time-box an experiment? One service, two weeks, then decide.",
            "Operational cost matters more than features here. Who will be on call for it?",
        ),
        code=(
            (
                "python",
                "for attempt in range(5):\n    try:\n        return client.send(event, timeout=2)\n"
                "    except TimeoutError:\n        time.sleep(2 ** attempt)\nraise DeliveryFailed(event.id)",
            ),
            (
                "go",
                "ctx, cancel := context.WithTimeout(ctx, 2*time.Second)\ndefer cancel()\n"
                "resp, err := client.Do(req.WithContext(ctx))",
            ),
            ("yaml", "retry:\n  attempts: 5\n  backoff: exponential\n  max_delay: 30s"),
            (
                "python",
                "@pytest.fixture\ndef clock(monkeypatch):\n"
                '    monkeypatch.setattr(time, "time", lambda: 1_700_000_000)',
            ),
            (
                "sql",
                "CREATE UNIQUE INDEX CONCURRENTLY payment_idempotency\n    ON payment (merchant_id, idempotency_key);",
            ),
        ),
        tips=(
            "make every handler idempotent",
            "put a timeout on every network call",
            "log the request id everywhere",
            "test the unhappy path first",
            "keep migrations backwards compatible",
            "alert on symptoms, not causes",
            "document the decision in an ADR",
        ),
    ),
    "ideas": Topic(
        slots={
            "idea": (
                "a quiet floor with no meetings",
                "demo days every month",
                "an internal mentoring program",
                "a shared calendar for team offsites",
                "a 'no meeting Wednesday'",
                "a library of e-books",
                "lunch-and-learn sessions",
                "a plant-based option every day in the canteen",
                "open office hours with the leadership team",
                "rotating team lunches",
            ),
            "feature": (
                "the new expense tool",
                "the intranet search",
                "the onboarding checklist",
                "the meeting room booking app",
                "the travel booking flow",
                "the quarterly survey",
                "the mobile app for time tracking",
            ),
            "wish": (
                "record all-hands with captions",
                "allow pets in the office on Fridays",
                "have standing desks in every team area",
                "move the weekly sync to async updates",
                "publish the roadmap internally",
                "get a second coffee machine",
                "share meeting notes by default",
                "have a yearly hackathon",
                "rotate the on-call buddy",
                "add subtitles to training videos",
                "celebrate launches together",
            ),
            "group": (
                "the support team",
                "new joiners",
                "the web team",
                "managers",
                "the sales team",
                "remote colleagues",
                "the data team",
                "everyone in the Lisbon office",
            ),
            "complaint": (
                "too many clicks",
                "confusing labels",
                "slow on mobile",
                "no dark mode",
                "search finds nothing",
                "no keyboard shortcuts",
                "emails nobody reads",
                "no export",
            ),
        },
        titles=(
            ("Idea: {idea}", 0),
            ("Feedback on {feature}", 1),
            ("Could we {wish}?", 2),
            ("What if {group} tried {idea}?", 0),
            ("{feature}: {complaint}", 1),
            ("Idea for {group}: {idea}", 0),
        ),
        openings=(
            "I'd like to propose {idea}. It worked well at my previous company and it's cheap to try.\n\n"
            "Would you use it? Vote with a reaction, comments below.",
            "Some feedback on **{feature}** after a month of using it:\n\n- the good: it's fast\n"
            "- the bad: it's hard to find things\n- the ugly: it logs me out every day\n\nAnyone else?",
            "Could we {wish}? I think a lot of people would appreciate it.",
        ),
        replies=(
            "Love it. I'd volunteer to help organize.",
            "We tried {idea} in our team; it worked for two months, then faded. Needs an owner.",
            "Agree with the feedback on {feature}; the search is the biggest pain.",
            "Could we run a small pilot first?",
            "This came up in the survey too, so there's demand.",
            "I'd rather we {wish} first, it's simpler.",
            "Who owns {feature}? They should see this thread.",
            "Strong +1. Let's make it happen.",
        ),
    ),
    "helpdesk": Topic(
        slots={
            "app": (
                "Outlook",
                "Zoom",
                "Slack",
                "the VPN client",
                "Teams",
                "the password manager",
                "Figma",
                "Docker Desktop",
                "the HR portal",
                "Jira",
                "the expense app",
                "Chrome",
                "OneDrive",
                "the wiki",
            ),
            "device": (
                "my laptop",
                "the printer on the 2nd floor",
                "my second monitor",
                "my headset",
                "the meeting room screen",
                "my phone",
                "the docking station",
            ),
            "symptom": (
                "keeps crashing",
                "won't connect",
                "is very slow",
                "asks for my password every hour",
                "shows a certificate error",
                "doesn't detect my camera",
                "won't start",
                "freezes after a few minutes",
                "says my license expired",
            ),
            "task": (
                "reset my MFA",
                "request a second monitor",
                "install Python",
                "share a calendar",
                "get access to the staging database",
                "order a new headset",
                "set up email on my phone",
                "book a meeting room for 20 people",
            ),
            "fix": (
                "sign out and back in",
                "clear the app cache",
                "update to the latest version",
                "remove the old certificate from the keychain",
                "re-pair it in the Bluetooth settings",
                "open a ticket with IT",
                "restart the docking station",
            ),
        },
        titles=(
            ("{app} {symptom}", 0),
            ("{device} {symptom}", 1),
            ("How do I {task}?", 2),
            ("{app} {symptom} since the update", 3),
            ("Where do I go to {task}?", 2),
        ),
        openings=(
            "Since this morning {app} {symptom}. I already restarted. Any ideas?",
            "{device} {symptom}. Is this a known problem? I have a customer call in an hour.",
            "How do I {task}? The wiki page seems outdated.",
            "After the latest update, {app} {symptom}. Error message:\n\n```\nerror 0x80070005: access denied\n```",
        ),
        replies=(
            "Try to {fix}. That solved it for me.",
            "Known issue, IT is on it. Meanwhile: {fix}.",
            "Same problem here since the update.",
            "You can do that in the self-service portal under 'Requests'.",
            "Did you try to {fix}?",
            "That's a ticket for IT, they usually answer within a day.",
            "Worked for me: {fix}. Only on the second try, though.",
            "Check the status page first, there was an incident this morning.",
        ),
        code=(
            ("bash", "sudo killall -HUP mDNSResponder\nsudo dscacheutil -flushcache"),
            ("powershell", "ipconfig /flushdns\nnetsh winsock reset"),
        ),
        question=True,
    ),
    "social": Topic(
        slots={
            "club": (
                "running",
                "book",
                "board game",
                "climbing",
                "photography",
                "cooking",
                "chess",
                "cycling",
                "gardening",
                "language exchange",
            ),
            "activity": (
                "a lunchtime run",
                "bouldering",
                "a pub quiz",
                "a picnic in the park",
                "karaoke",
                "a museum visit",
                "five-a-side football",
                "a board game night",
                "a cooking class",
                "a sunset walk",
                "padel",
                "a film night",
            ),
            "period": ("week", "month", "season"),
            "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
            "dish": (
                "banana bread",
                "a quick dal",
                "shakshuka",
                "vegan chili",
                "focaccia",
                "ramen",
                "lemon drizzle cake",
                "kimchi fried rice",
            ),
            "book": (
                "The Phoenix Project",
                "Project Hail Mary",
                "Thinking, Fast and Slow",
                "Piranesi",
                "The Left Hand of Darkness",
                "Team Topologies",
                "Circe",
            ),
        },
        titles=(
            ("{club} club: who's in this {period}?", 0),
            ("Anyone up for {activity} on {day}?", 1),
            ("{activity} after work on {day}?", 1),
            ("Recipe swap: {dish}", 2),
            ("Book club: {book}", 3),
            ("Photos from {activity} last {day}", 4),
        ),
        openings=(
            "The {club} club meets again this month. Newcomers very welcome, no experience needed!",
            "Anyone up for {activity} on {day}? Reply here and I'll book something.",
            "Made {dish} over the weekend and it was a hit. Recipe:\n\n1. Prepare everything first\n"
            "2. Go slowly with the spices\n3. Share with colleagues\n\nWhat's your go-to?",
            "Next book club pick: *{book}*. We meet in four weeks. Who's reading along?",
            "Photos from {activity} last {day} are in the shared album. Thanks to everyone who came!",
        ),
        replies=(
            "I'm in!",
            "Count me in for {day}.",
            "Can't make it this time, but please do it again.",
            "Just finished {book}, loved it.",
            "My version of {dish} has twice the garlic.",
            "Photos or it didn't happen.",
            "Can I bring a friend from another team?",
            "What time and where?",
        ),
    ),
    "data": Topic(
        slots={
            "metric": (
                "weekly active users",
                "churn",
                "conversion rate",
                "average order value",
                "NPS",
                "time to first value",
                "revenue per customer",
                "support tickets per customer",
            ),
            "source": (
                "the finance dashboard",
                "the product analytics tool",
                "the data warehouse",
                "the board deck",
                "the CRM export",
                "the marketing report",
            ),
            "experiment": (
                "the new pricing page",
                "the shorter signup form",
                "the onboarding emails",
                "free shipping over 50",
                "the in-app tour",
                "the annual plan discount",
            ),
            "model": ("fct_orders", "dim_customers", "fct_sessions", "int_subscriptions", "fct_invoices"),
        },
        titles=(
            ("Why does {metric} differ between {source} and {source2}?", 0),
            ("Experiment readout: {experiment}", 1),
            ("Model {model} takes 40 minutes to build", 2),
            ("How is {metric} defined?", 3),
            ("Dashboard request: {metric} by region", 4),
        ),
        openings=(
            "{metric} in {source} and {source2} differ by about 7% for last month. Which one is right?",
            "## Readout: {experiment}\n\n- Sample: 2 x 14,000 users\n- Primary metric: {metric}\n"
            "- Result: +3.1% (95% CI 0.4% to 5.8%)\n\nRecommendation: ship it. Questions welcome.",
            "The {model} model has become slow. Current query:\n\n{code}\n\nAny ideas before I rewrite it?",
            "Could someone point me to the official definition of {metric}? I found three.",
            "Could we get a dashboard with {metric} by region? Today I export it from {source} every Monday "
            "and it takes an hour.",
        ),
        replies=(
            "{source} filters out internal accounts, {source2} doesn't. That explains most of it.",
            "The definition of {metric} is in the metrics catalog; we should link it from the dashboards.",
            "Nice readout. Did you check for novelty effects?",
            "Incremental models would help with {model}.",
            "Careful with the confidence interval, the sample is smaller than it looks after filtering.",
            "I can add {metric} by region to the existing dashboard.",
            "Is the difference stable over time or only last month?",
        ),
        code=(
            (
                "sql",
                "select customer_id, date_trunc('week', created_at) as week, count(*) as orders\n"
                "from orders\nwhere created_at >= current_date - interval '90 days'\ngroup by 1, 2",
            ),
            ("python", 'df.groupby(["region", "week"])["revenue"].sum().unstack().plot()'),
        ),
        tips=("check the filters first", "compare the time zones", "look at the raw events", "ask the owner"),
    ),
    "remote": Topic(
        slots={
            "topic": (
                "staying focused at home",
                "meeting across time zones",
                "avoiding back-to-back calls",
                "onboarding remotely",
                "keeping in touch with the team",
                "separating work and home",
                "running workshops online",
                "pairing remotely",
                "taking real breaks",
                "working with kids at home",
            ),
            "gear": (
                "a good webcam",
                "an ergonomic chair",
                "a second screen",
                "a proper microphone",
                "a standing desk converter",
                "a ring light",
                "a split keyboard",
                "a noise-cancelling headset",
            ),
            "location": (
                "Lisbon",
                "my parents' place",
                "a cabin in the mountains",
                "Mexico City",
                "a coworking space in Porto",
                "Cape Town",
                "Bali",
                "a small village in Tuscany",
                "Montreal",
                "Seoul",
            ),
            "question": (
                "Wi-Fi that holds up",
                "tax rules",
                "travel insurance",
                "time zones with my team",
                "a quiet place for calls",
                "equipment to bring",
            ),
            "ritual": ("stand-ups", "retros", "coffee chats", "demos", "planning", "one-on-ones"),
        },
        titles=(
            ("Tips for {topic}", 0),
            ("Home office setup: {gear} worth it?", 1),
            ("Home office: {gear} or {gear2}?", 1),
            ("Working from {location} for a few weeks: any advice?", 2),
            ("Working from {location}: {question}", 4),
            ("Async {ritual}: how does your team do it?", 3),
        ),
        openings=(
            "What helps you with {topic}? I'll start: a fixed end time and a short walk after work.",
            "Thinking about buying {gear}. Worth the money?",
            "I'm planning to work from {location} for a few weeks. Anything I should know about tax or insurance?",
            "Our team is moving {ritual} to async. How do you keep them engaging?",
            "I'm working from {location} next month. Biggest worry: {question}. Tips from anyone who has done it?",
        ),
        replies=(
            "Fixed working hours in the calendar helped me a lot.",
            "{gear} was the best purchase of the year.",
            "Check the remote work policy first; there's a limit on days abroad.",
            "We do async {ritual} with a short written update and a weekly call.",
            "Turn off notifications after 6pm. Life changing.",
            "Walking meetings for one-on-ones!",
        ),
        tips=("block focus time", "walk at lunch", "camera off is fine", "write things down"),
    ),
    "sales": Topic(
        slots={
            "account": (
                "Northwind",
                "Globex",
                "Initech",
                "Umbrella Health",
                "Stark Logistics",
                "Acme Retail",
                "Wayne Foods",
                "Hooli Media",
                "Soylent Labs",
                "Vandelay Imports",
                "Pied Piper",
                "Cyberdyne Systems",
                "Tyrell Energy",
                "Gringotts Finance",
                "Oceanic Air",
                "Monarch Hotels",
            ),
            "objection": (
                "'too expensive'",
                "'we already use a competitor'",
                "'no budget until next year'",
                "'security review takes months'",
                "'we need an on-premise version'",
                "'we built it ourselves'",
                "'not a priority right now'",
            ),
            "segment": (
                "startups",
                "the public sector",
                "enterprise customers",
                "non-profits",
                "agencies",
                "universities",
                "healthcare",
                "retail chains",
            ),
            "region": ("DACH", "the Nordics", "Iberia", "North America", "APAC"),
            "quarter": ("Q1", "Q2", "Q3", "Q4"),
        },
        titles=(
            ("Deal review: {account}", 0),
            ("{quarter} deal review: {account}", 0),
            ("Handling {objection} from {segment}", 1),
            ("{quarter} pipeline review for {region}", 2),
            ("Pricing question for {segment} in {region}", 3),
            ("{account} renewal: risks?", 4),
        ),
        openings=(
            "Deal review for **{account}**: strong champion, procurement is slow, decision expected this quarter. "
            "Anything I'm missing?",
            "How do you handle {objection}? I hear it on every second call with {segment}.",
            "{quarter} pipeline is up 12% but late-stage is thin. Let's review the top ten deals together.",
            "Do we have a standard discount for {segment}? Getting different answers.",
            "The {account} renewal is due in {quarter}. Usage is down and our champion left. Ideas to save it?",
        ),
        replies=(
            "With {account} I'd bring the security team in early.",
            "For {objection} I share the ROI calculator; it usually shifts the conversation.",
            "Discounts for {segment} need approval above 15%.",
            "Happy to join the call with {account} if useful.",
            "Let's update the battlecard with this.",
        ),
    ),
    "people": Topic(
        slots={
            "policy": (
                "travel policy",
                "remote work policy",
                "learning budget policy",
                "on-call compensation",
                "parental leave policy",
                "equipment policy",
                "sabbatical policy",
                "referral bonus",
            ),
            "team": ("engineering", "sales", "support", "design", "finance", "marketing", "legal", "data"),
            "survey": (
                "workload",
                "career growth",
                "manager support",
                "belonging",
                "tools",
                "recognition",
                "communication",
                "well-being",
            ),
        },
        titles=(
            ("Draft: updated {policy}", 0),
            ("Onboarding checklist for {team}", 1),
            ("Engagement survey: {survey} results in {team}", 2),
            ("Feedback wanted on the {policy}", 0),
            ("The {policy}: questions from {team}", 3),
        ),
        openings=(
            "Here is the draft of the updated {policy}. Main changes are marked in bold in the doc. "
            "Feedback by Friday?",
            "The onboarding checklist for {team} needs a refresh. What's missing?",
            "Survey results for **{survey}** are in: participation 78%, score down 4 points. Let's discuss actions.",
            "The {team} team sent us questions about the {policy}. I collected them in the doc; can we answer "
            "them together?",
        ),
        replies=(
            "Looks good. Can we add an example for part-time colleagues?",
            "The {team} managers asked for a buddy program as part of onboarding.",
            "Let's share the {survey} results with managers before the all-hands.",
            "Legal should review the {policy} before we publish.",
            "I'll update the checklist today.",
        ),
    ),
    "platform": Topic(
        slots={
            "chore": (
                "rotate the database credentials",
                "upgrade the Kubernetes clusters",
                "clean up old S3 buckets",
                "renew the wildcard certificate",
                "bump the base images",
                "prune unused Terraform modules",
                "archive the old CI pipelines",
                "resize the staging nodes",
                "update the runbooks",
                "test the backup restores",
            ),
            "alert": (
                "disk pressure on the CI runners",
                "5xx spike on the ingress",
                "replication lag on the replica",
                "certificate expiry warning",
                "memory leak in the log shipper",
                "DNS timeouts in staging",
                "queue depth on the job workers",
                "failed nightly backup",
                "CPU throttling on the API pods",
                "error budget burn on checkout",
            ),
            "tool": (
                "Argo CD",
                "Grafana",
                "PagerDuty",
                "Renovate",
                "Vault",
                "Backstage",
                "Loki",
                "Karpenter",
                "Crossplane",
                "k9s",
            ),
            "week": tuple(str(n) for n in range(1, 53)),
        },
        titles=(
            ("On-call handover, week {week}: {alert}", 0),
            ("Chore: {chore}", 1),
            ("Should we adopt {tool}?", 2),
            ("{tool} or {tool2}?", 2),
            ("Noisy alert: {alert}", 3),
            ("Runbook for {alert}", 4),
        ),
        openings=(
            "Handover from this week's on-call: {alert} fired three times, all mitigated. Details below.\n\n{code}",
            "Someone needs to {chore} this sprint. Volunteers?",
            "Proposal: adopt {tool}. I did a spike last week, notes in the doc.",
            "The {alert} alert paged us four times this week, never with customer impact. Raise the threshold "
            "or fix the cause?",
            "Drafted a runbook for {alert}:\n\n1. Check the dashboard\n2. Look at recent deploys\n"
            "3. Escalate if customers are affected\n\nWhat's missing?",
        ),
        replies=(
            "I can take the chore to {chore}.",
            "The {alert} is noisy; let's raise the threshold.",
            "{tool} looks promising, but who maintains it?",
            "Thanks for the handover, very clear.",
            "Let's add a runbook link to the alert.",
        ),
        code=(
            ("bash", "kubectl -n ci top pods --sort-by=memory | head"),
            ("hcl", 'resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n}'),
        ),
        tips=("write the runbook first", "automate the second time", "page only for customer impact"),
    ),
    "atlas": Topic(
        slots={
            "milestone": (
                "the guided setup",
                "the import API",
                "the plan picker",
                "the usage dashboard",
                "the invitation flow",
                "the beta launch",
                "the billing handoff",
                "the welcome emails",
                "the admin settings",
                "the data migration",
            ),
            "decision": (
                "use the existing design system",
                "launch behind a feature flag",
                "start with three plans",
                "drop CSV import for now",
                "measure time to first value",
                "support SSO from day one",
                "run the beta with ten customers",
                "keep the old flow for a quarter",
            ),
            "aspect": (
                "scope",
                "estimates",
                "test plan",
                "copy",
                "accessibility",
                "tracking",
                "rollout plan",
                "edge cases",
            ),
            "n": tuple(str(n) for n in range(1, 41)),
        },
        titles=(
            ("Atlas: status of {milestone}", 0),
            ("Sprint {n} retro", 1),
            ("Sprint {n} planning", 4),
            ("Decision: {decision}", 2),
            ("Open questions on {milestone}", 3),
            ("{milestone}: {aspect}", 5),
        ),
        openings=(
            "Quick status on {milestone}: on track, one risk (dependencies on the billing team).",
            "Retro for sprint {n}:\n\n- went well: pairing on the import API\n"
            "- to improve: unclear acceptance criteria\n"
            "- action: write them before planning",
            "We decided to {decision}. Reasoning in the doc; shout if you disagree.",
            "A few open questions on {milestone} before we start building. Can we settle them this week?",
            "Planning for sprint {n}: the focus is {milestone}. Please add estimates to the board before Thursday.",
            "Let's agree on the {aspect} for {milestone} before we go further. My draft is in the doc.",
        ),
        replies=(
            "Thanks, clear. I'll update the plan.",
            "I can take the import API part.",
            "Design draft for {milestone} is in Figma.",
            "Agree with the decision to {decision}.",
            "Let's review this in Thursday's sync.",
        ),
    ),
    "leadership": Topic(
        slots={
            "quarter": ("Q1", "Q2", "Q3", "Q4"),
            "area": (
                "customer success",
                "the platform teams",
                "sales operations",
                "the data team",
                "IT",
                "marketing",
                "the mobile teams",
                "finance",
            ),
            "topic": (
                "promotion calibration",
                "the offsite agenda",
                "budget reallocation",
                "hiring freeze exceptions",
                "succession planning",
                "salary bands",
                "the office strategy",
                "vendor consolidation",
            ),
        },
        titles=(
            ("{quarter} planning: {topic}", 0),
            ("Reorganizing {area}", 1),
            ("Input needed: {topic}", 2),
            ("{area}: {quarter} priorities", 3),
            ("Hiring plan for {area}", 4),
        ),
        openings=(
            "Let's use this thread for {topic} ahead of {quarter}. Please add your input by Friday.",
            "Proposal to reorganize {area} into two teams. Draft attached in the doc.",
            "Input needed on {topic}. Confidential until we announce.",
            "Here are the {quarter} priorities for {area}, ranked. Push back where you disagree.",
            "Hiring plan for {area}: three roles in the first half, two in the second. Comments?",
        ),
        replies=(
            "Supportive. Let's make sure the managers hear it first.",
            "I'd like to discuss {topic} live rather than here.",
            "My input is in the doc.",
            "Timing for {area} feels tight, can we push by a month?",
        ),
    ),
}
