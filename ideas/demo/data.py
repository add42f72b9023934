"""Static material for the demo idea boards. Plain Python, no Django: the generator draws from these
lists with seeded random streams, so changing anything here changes every seeded board.

Three kinds of material:

- `BOARDS`: the boards and campaigns, who owns them, who sees them, their voting rules and dates
  (in days before the seed's anchor, "now" on the first run).
- `DUPLICATE_PAIRS` and `RELATED_PAIRS`: hand-written, labelled pairs of idea titles. A duplicate
  pair asks for the same thing in other words; a related pair shares words or a subject but asks
  for something else. The seed posts both ideas of every pair (those marked `small` in the small
  demo too) and merges some duplicates; `bench/duplicates.py` tunes `ideas.similarity`'s threshold
  on them.
- `TOPICS`: families of title templates and interchangeable sentences, for the other ideas. Every
  sentence of a family reads correctly with every value of the family's `{x}`.
"""

from typing import NamedTuple


class BoardSpec(NamedTuple):
    slug: str
    title: str
    kind: str  # an ideas.models.Board.Kind value
    question: str
    description: str  # Markdown
    audience: str  # an ideas.models.Board.Audience value
    departments: tuple[str, ...]  # department slugs, for "departments" boards
    voting: str  # an ideas.models.Board.Voting value
    vote_budget: int | None
    owner: str  # a username, or "head:<department slug>"
    age_days: int  # the board was opened this many days before the anchor
    opens_days: int | None  # a campaign opens this many days before the anchor...
    closes_days: int | None  # ... and closes this many days before it (negative: in the future)
    ideas: dict[str, int]  # size -> number of ideas
    topic: str  # key of TOPICS
    team: str  # who answers in official responses
    customer_voice: bool = False  # ideas and votes captured on behalf of customers
    guest: bool = False  # opened to the demo guest


class Pair(NamedTuple):
    board: str
    first: str  # posted first (the original, for a duplicate pair)
    second: str
    small: bool = False  # in the small demo too (otherwise large only)
    merged: bool = False  # the duplicate was merged into the original


class CuratedIdea(NamedTuple):
    why: str  # the opening paragraph of the idea's description
    tags: tuple[str, ...]


class ExtraIdea(NamedTuple):
    board: str
    title: str
    why: str
    tags: tuple[str, ...]
    small: bool = True
    author: str = ""  # a username; empty: someone of the board's audience
    hidden: bool = False  # hidden by a moderator


class Family(NamedTuple):
    """Generated ideas: a title template over `{x}` (and slots), and sentences that fit every `x`."""

    titles: tuple[str, ...]
    things: tuple[str, ...]
    problems: tuple[str, ...]
    proposals: tuple[str, ...]
    tags: tuple[str, ...]
    slots: dict[str, tuple[str, ...]] = {}


class Topic(NamedTuple):
    families: tuple[Family, ...]
    closings: tuple[str, ...]  # the second paragraph of curated ideas
    benefits: tuple[str, ...]
    replies: tuple[str, ...]


CUSTOMERS: tuple[str, ...] = (
    "Northwind",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Acme Retail",
    "Monarch Hotels",
    "Oceanic Air",
)

# The demo's external guest: a login like the four demo logins (password collab-demo).
GUEST = {
    "username": "guest",
    "first_name": "Lena",
    "last_name": "Fischer",
    "email": "lena.fischer@northwind.example",
    "customer": "Northwind",
}

# Sales and support people who capture customers' voice get the permission from the seed, as an
# admin would give it to them (managers have it through their role).
CUSTOMER_VOICE_DEPARTMENTS = ("sales", "customer-support")
CUSTOMER_VOICE_GRANTS = 2  # per department: its first employees

BOARDS: tuple[BoardSpec, ...] = (
    BoardSpec(
        slug="workplace",
        title="Make our workplace better",
        kind="open",
        question="What would make your working day better?",
        description=(
            "Offices, benefits, food, rituals, the way we work together: if something would make your day "
            "better, post it here and vote for the ideas you like.\n\n"
            "Facilities and the People team read every idea and answer each one that gets **10 votes** or more."
        ),
        audience="company",
        departments=(),
        voting="up",
        vote_budget=None,
        owner="moderator",
        age_days=420,
        opens_days=None,
        closes_days=None,
        ideas={"small": 26, "large": 560},
        topic="workplace",
        team="Facilities and the People team",
    ),
    BoardSpec(
        slug="developer-experience",
        title="Developer experience",
        kind="open",
        question="What slows you down when you build, test and ship?",
        description=(
            "For everyone in Engineering: tooling, CI, environments, docs and practices. Vote ideas **up** or "
            "**down**; the platform team plans its quarter from the top of this board.\n\n"
            "Top ranks by the share of up-votes (Wilson lower bound), so a small, loved idea can beat a big, "
            "divisive one."
        ),
        audience="departments",
        departments=("engineering", "platform", "data", "mobile", "web", "security"),
        voting="updown",
        vote_budget=None,
        owner="manager",
        age_days=400,
        opens_days=None,
        closes_days=None,
        ideas={"small": 16, "large": 440},
        topic="devex",
        team="the platform team",
    ),
    BoardSpec(
        slug="sustainability-challenge",
        title="Sustainability challenge: 20% less carbon",
        kind="campaign",
        question="How can we cut our carbon footprint by 20% this year?",
        description=(
            "Our footprint last year was 1,840 tonnes of CO2e. Help us find the ideas that cut it by a fifth. "
            "The green team picks the **five** most voted ideas when the campaign closes and funds them."
        ),
        audience="company",
        departments=(),
        voting="up",
        vote_budget=None,
        owner="head:it",
        age_days=25,
        opens_days=21,
        closes_days=-24,
        ideas={"small": 10, "large": 70},
        topic="sustainability",
        team="the green team",
    ),
    BoardSpec(
        slug="hackathon-2024",
        title="Hackathon 2024: pick the themes",
        kind="campaign",
        question="Which problems should the autumn hackathon tackle?",
        description=(
            "Propose a theme for the autumn hackathon and vote for the ones you would join. "
            "The campaign is closed: the selected themes are marked *planned* or *done*."
        ),
        audience="company",
        departments=(),
        voting="up",
        vote_budget=None,
        owner="head:engineering",
        age_days=160,
        opens_days=150,
        closes_days=120,
        ideas={"small": 8, "large": 45},
        topic="hackathon",
        team="the hackathon committee",
    ),
    BoardSpec(
        slug="internal-tools",
        title="Internal tools wishlist",
        kind="open",
        question="You have 5 votes: which internal tools should IT fix or replace first?",
        description=(
            "IT has budget for a handful of tool projects this year. You have **5 votes** on this board, up or "
            "down; a vote comes back to you when its idea is done or declined."
        ),
        audience="company",
        departments=(),
        voting="updown",
        vote_budget=5,
        owner="head:it",
        age_days=200,
        opens_days=None,
        closes_days=None,
        ideas={"small": 10, "large": 10},
        topic="tools",
        team="IT",
    ),
    BoardSpec(
        slug="customer-feedback",
        title="Customer feedback",
        kind="open",
        question="What are our customers asking for?",
        description=(
            "Sales and support post what customers ask for, on their behalf, and add a customer's vote when "
            "another account asks for the same. Filter by customer to prepare a quarterly review."
        ),
        audience="company",
        departments=(),
        voting="up",
        vote_budget=None,
        owner="head:product",
        age_days=380,
        opens_days=None,
        closes_days=None,
        ideas={"small": 10, "large": 300},
        topic="product",
        team="the product team",
        customer_voice=True,
    ),
    BoardSpec(
        slug="northwind-reporting-beta",
        title="Reporting beta with Northwind",
        kind="open",
        question="What would make the new reporting module work for you?",
        description=(
            "Northwind tests the new reporting module with us. Their team posts and votes here alongside "
            "Product, Support and the web team; nobody else at Northwind sees anything else in Collab."
        ),
        audience="departments",
        departments=("product", "customer-support", "web"),
        voting="up",
        vote_budget=None,
        owner="head:product",
        age_days=45,
        opens_days=None,
        closes_days=None,
        ideas={"small": 5, "large": 25},
        topic="reporting",
        team="the reporting team",
        guest=True,
    ),
)

# --- Labelled pairs -------------------------------------------------------------------------------

DUPLICATE_PAIRS: tuple[Pair, ...] = (
    Pair("workplace", "Standing desks for everyone", "Standing desks for all staff", small=True),
    Pair("workplace", "Bike leasing scheme for employees", "Offer a bike leasing programme", small=True),
    Pair("workplace", "Free fruit in the kitchens", "Fresh fruit in every kitchen", small=True, merged=True),
    Pair("workplace", "Quiet zone on every floor", "A quiet zone on each floor", small=True),
    Pair("workplace", "Four-day work week pilot", "Pilot a 4-day work week", small=True, merged=True),
    Pair("workplace", "Electric car chargers in the car park", "EV charging points in the garage", small=True),
    Pair("workplace", "More meeting rooms for small groups", "More small meeting rooms", merged=True),
    Pair("workplace", "Oat milk at the coffee machines", "Plant-based milk at the coffee machines"),
    Pair("workplace", "Showers for people who cycle to work", "Showers for cyclists", merged=True),
    Pair("workplace", "Better ventilation in the meeting rooms", "Meeting rooms need better ventilation"),
    Pair("workplace", "Monthly team lunch budget", "A budget for monthly team lunches", merged=True),
    Pair(
        "workplace",
        "Noise-cancelling headphones for open-plan teams",
        "Noise cancelling headsets for the open plan office",
    ),
    Pair("workplace", "Dog-friendly office days", "Bring your dog to work day", merged=True),
    Pair("workplace", "Personal learning budget for every employee", "A yearly learning budget for everyone"),
    Pair("workplace", "Nap pods in the office", "A room to take a short nap"),
    Pair("developer-experience", "Faster CI pipelines", "Speed up the CI pipeline", small=True, merged=True),
    Pair("developer-experience", "One-click local dev setup", "One-command local development setup", small=True),
    Pair("developer-experience", "Flaky test dashboard", "Dashboard for flaky tests", small=True),
    Pair("developer-experience", "Faster laptops for engineers", "Upgrade developer laptops", small=True),
    Pair("developer-experience", "Self-service staging environments", "Self-service environments for staging"),
    Pair("developer-experience", "Dark mode for the internal wiki", "Dark theme for the wiki", merged=True),
    Pair(
        "developer-experience",
        "Shared test data sets for integration tests",
        "Shared test data for integration testing",
    ),
    Pair("developer-experience", "Automatic dependency updates", "Automate dependency update pull requests"),
    Pair("developer-experience", "Better on-call handover notes", "Improve the on-call handover", merged=True),
    Pair("developer-experience", "Preview environments for every pull request", "Preview deployments per pull request"),
    Pair("developer-experience", "Code review guidelines", "Write down our code review guidelines"),
    Pair("customer-feedback", "Export reports to Excel", "Excel export for reports", small=True, merged=True),
    Pair("customer-feedback", "Single sign-on with Azure AD", "SSO via Azure Active Directory", small=True),
    Pair("customer-feedback", "Two-factor authentication for all users", "Enforce two-factor authentication"),
    Pair("customer-feedback", "Bulk import of users from CSV", "Import users in bulk from a CSV file", merged=True),
    Pair("customer-feedback", "Dark mode in the mobile app", "Dark mode for the mobile app", merged=True),
    Pair("customer-feedback", "Custom fields on tasks", "Allow custom fields for tasks"),
    Pair("customer-feedback", "Audit log for admin actions", "Admin audit log"),
    Pair("customer-feedback", "Slack notifications for workspace events", "Send workspace notifications to Slack"),
    Pair("customer-feedback", "Offline mode for the mobile app", "Use the mobile app offline"),
    Pair("internal-tools", "A better expense reporting tool", "Replace the expense reporting tool", small=True),
    Pair(
        "internal-tools",
        "Room booking on the intranet",
        "Book meeting rooms from the intranet",
        small=True,
        merged=True,
    ),
    Pair(
        "sustainability-challenge",
        "Reusable cups instead of paper cups",
        "Replace paper cups with reusable ones",
        small=True,
        merged=True,
    ),
    Pair("sustainability-challenge", "Turn off monitors at night", "Switch off screens overnight", small=True),
    Pair("sustainability-challenge", "Solar panels on the office roof", "Install solar panels on our roof"),
    Pair("hackathon-2024", "AI assistant for support tickets", "Use AI to draft support ticket replies", small=True),
    Pair("northwind-reporting-beta", "Scheduled report e-mails", "E-mail reports on a schedule", small=True),
)

RELATED_PAIRS: tuple[Pair, ...] = (
    Pair("workplace", "Standing desks for everyone", "Standing desks in the meeting rooms", small=True),
    Pair("workplace", "Quiet zone on every floor", "Quiet hours on Wednesday mornings", small=True),
    Pair("workplace", "Bike leasing scheme for employees", "Secure bike parking in the garage", small=True),
    Pair("workplace", "Free fruit in the kitchens", "Free breakfast on Fridays", small=True),
    Pair("workplace", "Four-day work week pilot", "Flexible working hours pilot", small=True),
    Pair("workplace", "Electric car chargers in the car park", "Car sharing between colleagues", small=True),
    Pair("workplace", "More meeting rooms for small groups", "Book a meeting room for a whole day"),
    Pair("workplace", "Showers for people who cycle to work", "Lockers for people who cycle to work"),
    Pair("workplace", "Monthly team lunch budget", "Monthly budget for team offsites"),
    Pair("workplace", "Oat milk at the coffee machines", "Better coffee machines on the third floor"),
    Pair("workplace", "Dog-friendly office days", "Family day at the office"),
    Pair("workplace", "Personal learning budget for every employee", "Personal wellbeing budget for every employee"),
    Pair("workplace", "Noise-cancelling headphones for open-plan teams", "Phone booths for open-plan teams"),
    Pair("workplace", "Better ventilation in the meeting rooms", "Better lighting in the meeting rooms"),
    Pair("developer-experience", "Faster CI pipelines", "Faster code review turnaround", small=True),
    Pair("developer-experience", "Flaky test dashboard", "Deployment frequency dashboard", small=True),
    Pair("developer-experience", "One-click local dev setup", "One-click rollback of deployments", small=True),
    Pair("developer-experience", "Faster laptops for engineers", "Second monitors for engineers", small=True),
    Pair("developer-experience", "Self-service staging environments", "Self-service database snapshots"),
    Pair("developer-experience", "Dark mode for the internal wiki", "Better search for the internal wiki"),
    Pair(
        "developer-experience",
        "Preview environments for every pull request",
        "Pull request templates for every repository",
    ),
    Pair("developer-experience", "Automatic dependency updates", "Automatic changelog generation"),
    Pair("developer-experience", "Shared test data sets for integration tests", "Contract tests for internal APIs"),
    Pair("developer-experience", "Code review guidelines", "Incident review guidelines"),
    Pair("developer-experience", "Better on-call handover notes", "Better on-call compensation"),
    Pair("customer-feedback", "Export reports to Excel", "Export reports to PDF", small=True),
    Pair("customer-feedback", "Single sign-on with Azure AD", "Single sign-on with Google Workspace", small=True),
    Pair("customer-feedback", "Dark mode in the mobile app", "Push notifications in the mobile app"),
    Pair("customer-feedback", "Two-factor authentication for all users", "Passwordless login for all users"),
    Pair("customer-feedback", "Bulk import of users from CSV", "Bulk editing of tasks"),
    Pair("customer-feedback", "Custom fields on tasks", "Custom roles and permissions"),
    Pair(
        "customer-feedback",
        "Slack notifications for workspace events",
        "Microsoft Teams notifications for workspace events",
    ),
    Pair("customer-feedback", "Audit log for admin actions", "Activity log for every project"),
    Pair("customer-feedback", "Offline mode for the mobile app", "Offline maps in the mobile app"),
    Pair("internal-tools", "A better expense reporting tool", "A better travel booking tool", small=True),
    Pair("internal-tools", "Room booking on the intranet", "Desk booking on the intranet", small=True),
    Pair(
        "sustainability-challenge",
        "Reusable cups instead of paper cups",
        "Reusable lunch boxes in the canteen",
        small=True,
    ),
    Pair(
        "sustainability-challenge",
        "Turn off monitors at night",
        "Turn off the lights in empty meeting rooms",
        small=True,
    ),
    Pair("sustainability-challenge", "Solar panels on the office roof", "Green roof on the office building"),
    Pair("hackathon-2024", "AI assistant for support tickets", "AI summaries of long discussion threads", small=True),
    Pair("northwind-reporting-beta", "Scheduled report e-mails", "Scheduled data exports to S3", small=True),
)


def labelled_pairs() -> list[tuple[str, str, bool]]:
    """(title, title, is_duplicate) for every labelled pair: what bench/duplicates.py measures."""
    return [(p.first, p.second, True) for p in DUPLICATE_PAIRS] + [(p.first, p.second, False) for p in RELATED_PAIRS]


# The first paragraph of each paired idea (the second comes from the board's topic).
CURATED: dict[str, CuratedIdea] = {
    # workplace
    "Standing desks for everyone": CuratedIdea(
        "Sitting eight hours a day is not good for anyone. A handful of us bought standing desk converters "
        "ourselves, and the rest of the floor keeps asking where they came from.",
        ("office", "wellbeing"),
    ),
    "Standing desks for all staff": CuratedIdea(
        "Could we get height-adjustable desks for every workstation, not just the few that exist today? My back "
        "would thank you, and I am not the only one.",
        ("office", "wellbeing"),
    ),
    "Standing desks in the meeting rooms": CuratedIdea(
        "Short meetings would stay short if we stood. A high table in two or three of the small rooms would be "
        "enough to try it.",
        ("office", "meetings"),
    ),
    "Bike leasing scheme for employees": CuratedIdea(
        "Many companies let people lease a bike or an e-bike through their salary, which makes it far cheaper "
        "than buying one. Our commute survey says 30% of us live within 10 km of the office.",
        ("benefits", "commute"),
    ),
    "Offer a bike leasing programme": CuratedIdea(
        "My previous employer had a bike leasing programme through payroll and half my team used it. Could we "
        "offer the same here?",
        ("benefits", "commute"),
    ),
    "Secure bike parking in the garage": CuratedIdea(
        "The bike racks outside are full by nine, and two bikes were stolen last month. A locked area in the "
        "garage would fix both problems.",
        ("commute", "facilities"),
    ),
    "Free fruit in the kitchens": CuratedIdea(
        "A bowl of fruit on every kitchen counter is cheap, healthy and makes the afternoon slump easier.",
        ("food", "wellbeing"),
    ),
    "Fresh fruit in every kitchen": CuratedIdea(
        "The vending machines are all chocolate and crisps. Fresh fruit delivered twice a week would be a much "
        "better option.",
        ("food", "wellbeing"),
    ),
    "Free breakfast on Fridays": CuratedIdea(
        "A simple breakfast on Friday mornings would bring people to the office and give teams a reason to sit "
        "together.",
        ("food", "events"),
    ),
    "Quiet zone on every floor": CuratedIdea(
        "The open-plan floors are loud from ten to four. A marked quiet zone with a few desks, where calls and "
        "chats are not allowed, would help everyone who needs to focus.",
        ("office", "focus"),
    ),
    "A quiet zone on each floor": CuratedIdea(
        "I often go home to get deep work done because the office is too noisy. Could each floor have a quiet "
        "area, like in a library?",
        ("office", "focus"),
    ),
    "Quiet hours on Wednesday mornings": CuratedIdea(
        "No meetings, no chat notifications, no calls on Wednesday mornings, across the company. Some teams "
        "already do it and love it.",
        ("focus", "meetings"),
    ),
    "Four-day work week pilot": CuratedIdea(
        "Several companies have run four-day week trials with no loss of output. Could one or two volunteer "
        "teams try it for three months, with clear measures agreed up front?",
        ("policies", "wellbeing"),
    ),
    "Pilot a 4-day work week": CuratedIdea(
        "Let's run a 4-day week pilot. Same pay, same goals, one day less. We would learn a lot about which "
        "meetings we actually need.",
        ("policies", "wellbeing"),
    ),
    "Flexible working hours pilot": CuratedIdea(
        "Core hours from ten to three, and the rest of the day whenever suits you. It would help parents and "
        "everyone with a long commute.",
        ("policies", "remote work"),
    ),
    "Electric car chargers in the car park": CuratedIdea(
        "More and more of us drive electric cars, and there is not a single charger in our car park. Even four "
        "chargers would make a difference.",
        ("commute", "sustainability"),
    ),
    "EV charging points in the garage": CuratedIdea(
        "I would switch to an EV tomorrow if I could charge at work. Could Facilities look into charging points "
        "in the garage?",
        ("commute", "sustainability"),
    ),
    "Car sharing between colleagues": CuratedIdea(
        "Many of us drive the same roads every morning. A simple way to find colleagues to share a ride with "
        "would cut costs and parking problems.",
        ("commute", "sustainability"),
    ),
    "More meeting rooms for small groups": CuratedIdea(
        "Most of our meetings have two or three people, yet all our rooms seat ten. We keep blocking big rooms "
        "for small chats.",
        ("office", "meetings"),
    ),
    "More small meeting rooms": CuratedIdea(
        "Finding a room for a quick one-to-one is impossible after ten. Could we split one of the large rooms "
        "into two or three small ones?",
        ("office", "meetings"),
    ),
    "Book a meeting room for a whole day": CuratedIdea(
        "Workshops need a room for a full day, but the booking system only allows four hours. Please allow "
        "whole-day bookings with a manager's approval.",
        ("meetings", "facilities"),
    ),
    "Oat milk at the coffee machines": CuratedIdea(
        "A lot of us are vegan or lactose intolerant and bring our own milk every day. Oat milk next to the "
        "cow's milk would be a small but much appreciated change.",
        ("food",),
    ),
    "Plant-based milk at the coffee machines": CuratedIdea(
        "Could we offer a plant-based milk, soy or oat, at the coffee machines? It is standard in most cafés now.",
        ("food",),
    ),
    "Better coffee machines on the third floor": CuratedIdea(
        "The third-floor machine is broken twice a week and the coffee is bitter. The fifth floor has a proper "
        "bean-to-cup machine; could we have the same?",
        ("food", "facilities"),
    ),
    "Showers for people who cycle to work": CuratedIdea(
        "Cycling to work is great until you sit in a meeting after 12 km in summer. There is one shower in the "
        "whole building, and it is usually out of order.",
        ("commute", "facilities"),
    ),
    "Showers for cyclists": CuratedIdea(
        "More showers, please. Everyone who cycles or runs to work would use them.",
        ("commute", "facilities"),
    ),
    "Lockers for people who cycle to work": CuratedIdea(
        "Somewhere to leave a helmet, wet clothes and a change of shoes would make cycling to work much easier.",
        ("commute", "facilities"),
    ),
    "Better ventilation in the meeting rooms": CuratedIdea(
        "After an hour in the inner meeting rooms, everyone is tired and the air is stale. A CO2 sensor in one "
        "room showed over 2,000 ppm.",
        ("office", "wellbeing"),
    ),
    "Meeting rooms need better ventilation": CuratedIdea(
        "The meeting rooms without windows get stuffy very quickly. Could the ventilation be checked and improved?",
        ("office", "wellbeing"),
    ),
    "Better lighting in the meeting rooms": CuratedIdea(
        "The lights in the meeting rooms flicker and make video calls look grim. Warmer, dimmable lights would "
        "help on camera and off.",
        ("office", "meetings"),
    ),
    "Monthly team lunch budget": CuratedIdea(
        "A small monthly budget per team for a lunch together. Teams that eat together work better together.",
        ("food", "events"),
    ),
    "A budget for monthly team lunches": CuratedIdea(
        "Could each team get a budget to go out for lunch once a month? Especially useful for teams that are "
        "mostly remote.",
        ("food", "events"),
    ),
    "Monthly budget for team offsites": CuratedIdea(
        "Teams plan better away from their desks. A small budget for a half-day offsite every month or two "
        "would pay for itself.",
        ("events",),
    ),
    "Noise-cancelling headphones for open-plan teams": CuratedIdea(
        "The open-plan areas are loud and not everyone can work from home. Good noise-cancelling headphones "
        "would help people focus.",
        ("office", "focus"),
    ),
    "Noise cancelling headsets for the open plan office": CuratedIdea(
        "Our headsets are cheap and let all the noise through. Could IT offer noise cancelling headsets to "
        "people in the open plan office?",
        ("office", "focus"),
    ),
    "Phone booths for open-plan teams": CuratedIdea(
        "Calls at desks disturb everyone around. A few soundproof phone booths on each open-plan floor would fix that.",
        ("office", "focus"),
    ),
    "Dog-friendly office days": CuratedIdea(
        "One day a week when well-behaved dogs are welcome in the office. It would bring a lot of people back "
        "in, and dogs are great for morale.",
        ("office", "events"),
    ),
    "Bring your dog to work day": CuratedIdea(
        "Could we have a day when we can bring our dogs to work? Other companies in the building already do it.",
        ("office", "events"),
    ),
    "Family day at the office": CuratedIdea(
        "Once a year, bring your kids and partners to see where you work, with a few activities for children.",
        ("events",),
    ),
    "Personal learning budget for every employee": CuratedIdea(
        "Each person gets a yearly amount for books, courses and conferences, to spend without a long approval "
        "process.",
        ("learning", "benefits"),
    ),
    "A yearly learning budget for everyone": CuratedIdea(
        "Today only some departments have a training budget. Everyone should have a yearly budget to learn "
        "something new.",
        ("learning", "benefits"),
    ),
    "Personal wellbeing budget for every employee": CuratedIdea(
        "A yearly budget for whatever keeps you well: a gym, a yoga class, a therapist, running shoes.",
        ("wellbeing", "benefits"),
    ),
    "Nap pods in the office": CuratedIdea(
        "A 20-minute nap after lunch does wonders. A couple of nap pods in a quiet corner would be used every day.",
        ("office", "wellbeing"),
    ),
    "A room to take a short nap": CuratedIdea(
        "Sometimes a short rest is all you need to get through the afternoon, especially after a night with a "
        "newborn. Could we turn a small room into a rest room?",
        ("office", "wellbeing"),
    ),
    # developer experience
    "Faster CI pipelines": CuratedIdea(
        "A full pipeline run takes 38 minutes on the main repository. We wait for it several times a day, and "
        "every wait is a context switch.",
        ("ci", "tooling"),
    ),
    "Speed up the CI pipeline": CuratedIdea(
        "The CI pipeline is the slowest part of my day. Caching dependencies and splitting the test stage "
        "would probably halve it.",
        ("ci", "tooling"),
    ),
    "Faster code review turnaround": CuratedIdea(
        "Pull requests wait a day on average for a first review. An agreed response time, and a rotating "
        "reviewer of the day, would keep work flowing.",
        ("code review", "process"),
    ),
    "One-click local dev setup": CuratedIdea(
        "Setting up the main services locally takes a new joiner two days and a lot of asking around. One "
        "script that does it all would save that every time.",
        ("local dev", "onboarding"),
    ),
    "One-command local development setup": CuratedIdea(
        "I want to run one command and have every service, database and seed data running locally, on any laptop.",
        ("local dev", "onboarding"),
    ),
    "One-click rollback of deployments": CuratedIdea(
        "Rolling back today means finding the previous image tag and editing manifests by hand, under stress. "
        "A rollback button in the deploy tool would make incidents shorter.",
        ("deployments", "on-call"),
    ),
    "Flaky test dashboard": CuratedIdea(
        "We rerun pipelines all the time because of the same dozen flaky tests. A dashboard that lists them, "
        "with owners, would get them fixed.",
        ("testing", "ci"),
    ),
    "Dashboard for flaky tests": CuratedIdea(
        "Can we track which tests fail randomly and how often? Right now everyone just presses retry.",
        ("testing", "ci"),
    ),
    "Deployment frequency dashboard": CuratedIdea(
        "We talk about shipping more often but do not measure it. A dashboard of deploys per team per week "
        "would show where we are.",
        ("deployments", "metrics"),
    ),
    "Faster laptops for engineers": CuratedIdea(
        "Building the monorepo on our four-year-old laptops takes minutes and the fans never stop. Faster "
        "machines would pay for themselves in a few months.",
        ("hardware",),
    ),
    "Upgrade developer laptops": CuratedIdea(
        "The standard laptop has 16 GB of memory, which is not enough to run our stack and a browser. Could "
        "developers get an upgrade?",
        ("hardware",),
    ),
    "Second monitors for engineers": CuratedIdea(
        "Many of us work on a laptop screen only. A second monitor at every engineering desk would help with "
        "reviews and debugging.",
        ("hardware", "office"),
    ),
    "Self-service staging environments": CuratedIdea(
        "We share two staging environments between twelve teams, and somebody is always blocked. Let teams spin "
        "up their own staging environment on demand.",
        ("environments", "tooling"),
    ),
    "Self-service environments for staging": CuratedIdea(
        "I'd love to create a staging copy of my service myself, without a ticket to the platform team.",
        ("environments", "tooling"),
    ),
    "Self-service database snapshots": CuratedIdea(
        "Debugging data issues needs a recent, anonymized copy of production. Let us take a snapshot ourselves.",
        ("environments", "data"),
    ),
    "Dark mode for the internal wiki": CuratedIdea(
        "The wiki is bright white and hurts at night during on-call. A dark mode, please.",
        ("documentation",),
    ),
    "Dark theme for the wiki": CuratedIdea(
        "Could the wiki follow the system dark theme? Every other tool we use does.",
        ("documentation",),
    ),
    "Better search for the internal wiki": CuratedIdea(
        "Searching the wiki returns fifty old pages before the one you need. Ranking by freshness would help a lot.",
        ("documentation",),
    ),
    "Shared test data sets for integration tests": CuratedIdea(
        "Every team builds its own fixtures for the same customers and orders. A shared, versioned test data "
        "set would save work and catch more bugs.",
        ("testing",),
    ),
    "Shared test data for integration testing": CuratedIdea(
        "Let's maintain one set of realistic test data that all integration tests can use.",
        ("testing",),
    ),
    "Contract tests for internal APIs": CuratedIdea(
        "Breaking changes between services are found in staging, late. Contract tests would catch them in the "
        "pull request.",
        ("testing", "apis"),
    ),
    "Automatic dependency updates": CuratedIdea(
        "Our dependencies are months behind and security patches pile up. A bot that opens update pull "
        "requests every week would keep us current.",
        ("security", "tooling"),
    ),
    "Automate dependency update pull requests": CuratedIdea(
        "Updating libraries by hand is tedious and always postponed. Could we automate the pull requests?",
        ("security", "tooling"),
    ),
    "Automatic changelog generation": CuratedIdea(
        "Release notes are written by hand the night before a release. Generating them from pull request "
        "titles would be faster and more complete.",
        ("tooling", "releases"),
    ),
    "Better on-call handover notes": CuratedIdea(
        "Handovers between on-call shifts are a chat message at best. A short template would make sure nothing "
        "gets lost.",
        ("on-call",),
    ),
    "Improve the on-call handover": CuratedIdea(
        "Too often I start a shift without knowing what happened the week before. The handover needs structure.",
        ("on-call",),
    ),
    "Better on-call compensation": CuratedIdea(
        "On-call pay has not changed in five years, while the number of pages has doubled.",
        ("on-call", "benefits"),
    ),
    "Preview environments for every pull request": CuratedIdea(
        "Designers and product managers want to try a change before it is merged. A preview environment per "
        "pull request would make reviews much faster.",
        ("environments", "code review"),
    ),
    "Preview deployments per pull request": CuratedIdea(
        "Each pull request could deploy to its own temporary URL, like many hosting platforms do.",
        ("environments", "code review"),
    ),
    "Pull request templates for every repository": CuratedIdea(
        "Some repositories have a pull request template and reviews there are much smoother. Let's add one everywhere.",
        ("code review",),
    ),
    "Code review guidelines": CuratedIdea(
        "Every team reviews differently, and new joiners don't know what is expected. Shared guidelines would "
        "help reviewers and authors alike.",
        ("code review", "documentation"),
    ),
    "Write down our code review guidelines": CuratedIdea(
        "What do we expect from a review? Let's agree on it and write it down.",
        ("code review", "documentation"),
    ),
    "Incident review guidelines": CuratedIdea(
        "Our postmortems vary from one paragraph to ten pages. A guideline for incident reviews would make "
        "them comparable and blameless.",
        ("on-call", "documentation"),
    ),
    # customer feedback
    "Export reports to Excel": CuratedIdea(
        "Finance teams at our customers rebuild every report in Excel by hand. A native Excel export is the "
        "most common request in QBRs this quarter.",
        ("reporting", "exports"),
    ),
    "Excel export for reports": CuratedIdea(
        "Customers want to download reports as .xlsx files with formatting kept, not CSV.",
        ("reporting", "exports"),
    ),
    "Export reports to PDF": CuratedIdea(
        "Managers want to send a report to their board as a PDF that looks like the screen.",
        ("reporting", "exports"),
    ),
    "Single sign-on with Azure AD": CuratedIdea(
        "Enterprise customers will not roll out a tool without single sign-on through their Azure AD tenant.",
        ("security", "admin"),
    ),
    "SSO via Azure Active Directory": CuratedIdea(
        "IT departments ask for SSO with Azure Active Directory in almost every security review.",
        ("security", "admin"),
    ),
    "Single sign-on with Google Workspace": CuratedIdea(
        "Smaller customers run on Google Workspace and want their people to sign in with their Google account.",
        ("security", "admin"),
    ),
    "Two-factor authentication for all users": CuratedIdea(
        "Customers want to require two-factor authentication for every user of their workspace, not leave it optional.",
        ("security",),
    ),
    "Enforce two-factor authentication": CuratedIdea(
        "Workspace admins should be able to enforce 2FA for all members.",
        ("security", "admin"),
    ),
    "Passwordless login for all users": CuratedIdea(
        "Magic links or passkeys instead of passwords: fewer support tickets about resets.",
        ("security", "usability"),
    ),
    "Bulk import of users from CSV": CuratedIdea(
        "Onboarding a 500-person customer means inviting people one by one. A CSV import would save their "
        "admins hours.",
        ("admin", "onboarding"),
    ),
    "Import users in bulk from a CSV file": CuratedIdea(
        "Admins want to upload a CSV file of users with their teams and roles.",
        ("admin", "onboarding"),
    ),
    "Bulk editing of tasks": CuratedIdea(
        "Changing the due date or owner of thirty tasks means thirty clicks. Customers want to select many and "
        "edit them at once.",
        ("usability",),
    ),
    "Dark mode in the mobile app": CuratedIdea(
        "Users on night shifts ask for a dark mode in the mobile app.",
        ("mobile", "usability"),
    ),
    "Dark mode for the mobile app": CuratedIdea(
        "The mobile app is very bright at night; a dark mode is requested in many app store reviews.",
        ("mobile", "usability"),
    ),
    "Push notifications in the mobile app": CuratedIdea(
        "Field teams miss assignments because the app only sends e-mails.",
        ("mobile",),
    ),
    "Custom fields on tasks": CuratedIdea(
        "Customers track things like cost centre or site on every task, and today they abuse the description "
        "field for it.",
        ("customization",),
    ),
    "Allow custom fields for tasks": CuratedIdea(
        "Admins want to add their own fields to tasks, with types like date, number and list.",
        ("customization", "admin"),
    ),
    "Custom roles and permissions": CuratedIdea(
        "Three roles are not enough for large customers; they want to define their own.",
        ("admin", "security"),
    ),
    "Audit log for admin actions": CuratedIdea(
        "Regulated customers must show who changed settings and permissions, and when.",
        ("security", "admin"),
    ),
    "Admin audit log": CuratedIdea(
        "An audit log of admin changes is a hard requirement in two open enterprise deals.",
        ("security", "admin"),
    ),
    "Activity log for every project": CuratedIdea(
        "Project members want to see what changed in their project since yesterday.",
        ("usability",),
    ),
    "Slack notifications for workspace events": CuratedIdea(
        "Customers live in Slack and want new tasks and comments posted to a channel.",
        ("integrations",),
    ),
    "Send workspace notifications to Slack": CuratedIdea(
        "Could workspace notifications go to Slack instead of e-mail?",
        ("integrations",),
    ),
    "Microsoft Teams notifications for workspace events": CuratedIdea(
        "Customers on Microsoft 365 want the same notifications in Teams channels.",
        ("integrations",),
    ),
    "Offline mode for the mobile app": CuratedIdea(
        "Technicians in basements and warehouses lose signal and cannot see their tasks.",
        ("mobile",),
    ),
    "Use the mobile app offline": CuratedIdea(
        "Field workers need to read and update tasks without a connection and sync later.",
        ("mobile",),
    ),
    "Offline maps in the mobile app": CuratedIdea(
        "Drivers want the site map of each task available without a connection.",
        ("mobile",),
    ),
    # internal tools
    "A better expense reporting tool": CuratedIdea(
        "Filing expenses takes twenty minutes per receipt and the app crashes on photos. We need something "
        "that reads receipts by itself.",
        ("finance",),
    ),
    "Replace the expense reporting tool": CuratedIdea(
        "The expense tool is the most hated tool in the company. Replace it with one of the modern ones.",
        ("finance",),
    ),
    "A better travel booking tool": CuratedIdea(
        "Booking a train with the travel tool takes longer than the journey. A better tool would save time and money.",
        ("travel",),
    ),
    "Room booking on the intranet": CuratedIdea(
        "To book a room you need the desktop mail client. A room booking page on the intranet would work from "
        "any device.",
        ("intranet", "facilities"),
    ),
    "Book meeting rooms from the intranet": CuratedIdea(
        "I want to see which rooms are free and book one from the intranet, on my phone.",
        ("intranet", "facilities"),
    ),
    "Desk booking on the intranet": CuratedIdea(
        "With hybrid work we need to know who sits where. Desk booking on the intranet would help teams plan "
        "office days.",
        ("intranet", "facilities"),
    ),
    # sustainability
    "Reusable cups instead of paper cups": CuratedIdea(
        "We throw away about 900 paper cups a day. Reusable cups at every coffee machine would end that.",
        ("waste",),
    ),
    "Replace paper cups with reusable ones": CuratedIdea(
        "Let's replace the paper cups with ceramic mugs and a dishwasher on each floor.",
        ("waste",),
    ),
    "Reusable lunch boxes in the canteen": CuratedIdea(
        "Take-away lunches from the canteen come in plastic boxes. A deposit scheme for reusable boxes would cut "
        "the waste.",
        ("waste", "food"),
    ),
    "Turn off monitors at night": CuratedIdea(
        "Walking through the office at night, half the monitors are on standby or even on. A policy and a "
        "power setting would fix it.",
        ("energy",),
    ),
    "Switch off screens overnight": CuratedIdea(
        "Screens stay on all night in the open-plan areas. Could IT push a setting that turns them off at seven?",
        ("energy",),
    ),
    "Turn off the lights in empty meeting rooms": CuratedIdea(
        "Meeting rooms stay lit all day whether anyone is there or not. Motion sensors would pay back quickly.",
        ("energy",),
    ),
    "Solar panels on the office roof": CuratedIdea(
        "The roof of our building is flat, south-facing and empty. Solar panels could cover a good part of our "
        "daytime electricity.",
        ("energy",),
    ),
    "Install solar panels on our roof": CuratedIdea(
        "Could we ask the landlord about installing solar panels on the roof? Other buildings on the street have them.",
        ("energy",),
    ),
    "Green roof on the office building": CuratedIdea(
        "Plants on the roof keep the building cooler in summer and help biodiversity.",
        ("energy", "biodiversity"),
    ),
    # hackathon
    "AI assistant for support tickets": CuratedIdea(
        "Support agents answer the same questions all day. An assistant that suggests an answer from past "
        "tickets and the docs could be built in two days.",
        ("ai", "support"),
    ),
    "Use AI to draft support ticket replies": CuratedIdea(
        "A hackathon team could prototype drafting replies to support tickets with a language model.",
        ("ai", "support"),
    ),
    "AI summaries of long discussion threads": CuratedIdea(
        "Long threads in Collab are hard to catch up on. A summary at the top would save everyone time.",
        ("ai",),
    ),
    # reporting beta
    "Scheduled report e-mails": CuratedIdea(
        "Our managers want the weekly delivery report in their inbox every Monday at eight, without logging in.",
        ("scheduling",),
    ),
    "E-mail reports on a schedule": CuratedIdea(
        "Could a report be e-mailed automatically, daily or weekly, to a list of people?",
        ("scheduling",),
    ),
    "Scheduled data exports to S3": CuratedIdea(
        "Our data team wants the raw report data dropped into our S3 bucket every night.",
        ("exports", "scheduling"),
    ),
}

EXTRA_IDEAS: tuple[ExtraIdea, ...] = (
    ExtraIdea(
        "workplace",
        "Whoever keeps taking my lunch from the fridge: stop it",
        "Third time this month. I know which floor you work on.",
        ("food",),
        hidden=True,
    ),
    ExtraIdea(
        "internal-tools",
        "Single sign-on for the HR portal",
        "The HR portal is the last tool with its own password, which expires every 60 days.",
        ("hr", "security"),
    ),
    ExtraIdea(
        "internal-tools",
        "A modern intranet search",
        "Intranet search only matches exact page titles. Finding the parental leave policy took me ten minutes.",
        ("intranet",),
    ),
    ExtraIdea(
        "internal-tools",
        "Self-service password reset",
        "Resetting a password means calling the help desk. A self-service reset would save them a hundred "
        "calls a month.",
        ("it", "security"),
    ),
    ExtraIdea(
        "internal-tools",
        "One calendar for all company events",
        "Town halls, trainings and socials live in five different places. One shared calendar, please.",
        ("intranet",),
    ),
    ExtraIdea(
        "northwind-reporting-beta",
        "Filter reports by warehouse",
        "We run eleven warehouses and each manager only cares about theirs. A warehouse filter on every report "
        "would make the module usable for them.",
        ("filters",),
        author="guest",
    ),
    ExtraIdea(
        "northwind-reporting-beta",
        "Show delivery times per region",
        "A breakdown of average delivery time by region would show us where our carriers are late.",
        ("charts",),
        author="guest",
    ),
)

# An author edits these ideas after the first votes; the update is long enough to count as a
# material change, so earlier voters see "changed since you voted".
EDITS: dict[str, str] = {
    "Quiet zone on every floor": (
        "**Update:** Facilities suggested starting with the fourth floor, where the old library corner is. "
        "I'd propose eight desks, a sign at the entrance, and a four-week trial with a short survey at the end, "
        "so we can decide on the other floors with real numbers."
    ),
    "Flaky test dashboard": (
        "**Update:** the CI system already stores test results for 30 days. A nightly job could compute a flakiness "
        "score per test and post the ten worst, with the last author of each, to the engineering channel."
    ),
    "Export reports to Excel": (
        "**Update after the Globex call:** they need one sheet per report section, frozen header rows, and "
        "numbers kept as numbers (not text), otherwise their finance macros break."
    ),
}

# Ideas with co-authors: (accepted, pending invitations).
COAUTHORS: dict[str, tuple[int, int]] = {
    "Bike leasing scheme for employees": (1, 0),
    "One-click local dev setup": (2, 0),
    "Single sign-on with Azure AD": (1, 1),
    "Turn off monitors at night": (1, 0),
}

# --- Generated ideas -------------------------------------------------------------------------------

OFFICES = ("Berlin", "Lisbon", "London", "Amsterdam", "Warsaw")
FLOORS = ("ground", "second", "third", "fourth", "fifth")
TEAMS = ("mobile", "web", "platform", "data", "payments", "search", "identity", "billing", "notifications", "growth")
REPOS = ("monorepo", "mobile", "web client", "data pipelines", "infrastructure", "design system", "API gateway")

TOPICS: dict[str, Topic] = {
    "workplace": Topic(
        families=(
            Family(
                titles=("{x} on the {floor} floor", "{x} in the {office} office", "{x} near the {area}"),
                things=(
                    "phone booths",
                    "height-adjustable desks",
                    "ergonomic chairs",
                    "monitor arms",
                    "plants",
                    "lockers",
                    "a water fountain",
                    "a quiet room",
                    "a parents' room",
                    "whiteboard walls",
                    "a library corner",
                    "a meditation room",
                    "better blinds",
                    "footrests",
                    "a table tennis table",
                    "comfortable sofas",
                    "coat racks",
                    "a second microwave",
                    "charging stations for phones",
                    "umbrella stands",
                    "a dishwasher",
                    "a bigger fridge",
                    "acoustic panels",
                    "brighter desk lamps",
                    "a first-aid corner",
                ),
                slots={
                    "floor": FLOORS,
                    "office": OFFICES,
                    "area": ("kitchen", "lifts", "reception", "canteen", "project rooms", "open-plan area"),
                },
                problems=(
                    "Right now we don't have {x} there, and it shows.",
                    "I asked around on my floor and almost everyone said they would use {x} every week.",
                    "This came up again in the last engagement survey, and nothing has changed yet.",
                    "Other offices already have {x}, and people who visit them always notice.",
                ),
                proposals=(
                    "The proposal: get {x} as a three-month trial, then decide based on how much it is used.",
                    "Facilities could probably do this within the existing budget; I'm happy to help find a spot.",
                    "It is not a big investment, and we could start small and grow if it works.",
                ),
                tags=("office", "facilities"),
            ),
            Family(
                titles=("{x} in the {office} kitchens", "{x} in the canteen", "{x} at the {office} coffee bar"),
                things=(
                    "fresh berries",
                    "healthy snacks",
                    "more vegetarian dishes",
                    "vegan lunch options",
                    "decaf coffee",
                    "sparkling water",
                    "herbal teas",
                    "a salad bar",
                    "gluten-free options",
                    "better coffee beans",
                    "hot soup",
                    "breakfast cereals",
                    "bread from a local bakery",
                    "nut-free snacks",
                    "cold brew",
                    "seasonal fruit",
                ),
                slots={"office": OFFICES},
                problems=(
                    "Many colleagues have asked for {x}, and other offices already offer it.",
                    "The current choice is limited, and people with dietary needs end up bringing their own.",
                    "I know it sounds small, but food is what people talk about most at lunch.",
                ),
                proposals=(
                    "Could we try {x} for a month and ask for feedback afterwards?",
                    "The catering contract is up for renewal soon; this would be a good moment to add it.",
                    "It is a small cost per person and would be used every day.",
                ),
                tags=("food",),
            ),
            Family(
                titles=("Offer {x}", "Introduce {x}", "{x} for {group}"),
                things=(
                    "a gym membership subsidy",
                    "sabbaticals after five years",
                    "paid volunteering days",
                    "language classes",
                    "a public transport pass",
                    "childcare support during school holidays",
                    "a home office allowance",
                    "an annual health check",
                    "paid study leave",
                    "a day off for moving house",
                    "free flu vaccinations",
                    "a referral bonus for all roles",
                    "mental health first aiders",
                    "an employee assistance programme",
                    "a company pension top-up",
                    "extra leave for long service",
                    "a phone plan for personal use",
                    "an eyewear allowance",
                ),
                slots={
                    "group": ("all employees", "part-time staff", "everyone outside the head office"),
                },
                problems=(
                    "Many companies around us already offer {x}, and candidates ask about it in interviews.",
                    "It would help us keep people who might otherwise leave.",
                    "Our benefits have not changed in years while our competitors' have.",
                ),
                proposals=(
                    "The People team could compare the cost with two or three providers first.",
                    "Let's ask in the next pulse survey how many people would actually use it.",
                    "It could start as a pilot in one country and roll out if it works.",
                ),
                tags=("benefits",),
            ),
            Family(
                titles=("Start {x}", "Bring back {x}", "{x} in the {office} office", "{x} for remote colleagues too"),
                things=(
                    "no-meeting Wednesdays",
                    "a monthly town hall with open questions",
                    "team breakfasts",
                    "a book club",
                    "a running club",
                    "lunch-and-learn sessions",
                    "a mentoring programme",
                    "a buddy programme for new joiners",
                    "quarterly team days",
                    "a summer party for families",
                    "a board games evening",
                    "show-and-tell Fridays",
                    "a choir",
                    "cooking classes",
                    "a photography club",
                    "language tandems",
                    "a charity run",
                    "a coffee roulette",
                ),
                slots={"office": OFFICES},
                problems=(
                    "It is a simple way to meet colleagues from other teams.",
                    "Since we went hybrid, we see each other much less, and this would help.",
                    "People who joined in the last two years hardly know anyone outside their team.",
                ),
                proposals=(
                    "I'd be happy to organize the first one if a few people join.",
                    "It needs a small budget and a room, nothing more.",
                    "We could try it once a month for a quarter and see who comes.",
                ),
                tags=("events", "culture"),
            ),
        ),
        closings=(
            "What do you think? Vote if you would use it, and add what you would change in the discussion.",
            "I'm happy to help Facilities with a small trial.",
            "Small things like this make people want to come to the office.",
        ),
        benefits=(
            "It would make the day more comfortable and save a lot of small frustrations.",
            "Good for our health, and not expensive.",
            "People would feel the company listens.",
            "It would help new joiners feel at home faster.",
        ),
        replies=(
            "+1, this would make a real difference on our floor.",
            "We had this at my previous company and everyone used it.",
            "Love it. Could we start with a trial in one office?",
            "I'd use this every week.",
            "Not sure about the cost, but worth asking Facilities.",
            "Our team would happily help set it up.",
            "Yes please! I asked for the same thing last year.",
            "Good idea, but let's make sure it works for the other offices too.",
            "This came up in our team retro as well.",
        ),
    ),
    "devex": Topic(
        families=(
            Family(
                titles=("Faster {x}", "Faster {x} in the {repo} repository", "Speed up {x} for the {team} team"),
                things=(
                    "Docker builds",
                    "integration tests",
                    "end-to-end tests",
                    "linting in CI",
                    "database migrations",
                    "dependency installs",
                    "test suite startup",
                    "code search",
                    "frontend builds",
                    "mobile builds",
                    "container image scans",
                    "schema generation",
                ),
                slots={"repo": REPOS, "team": TEAMS},
                problems=(
                    "Today we wait for {x} several times a day, and every wait is a context switch.",
                    "In our last retro this came up again as the top pain point.",
                    "I measured it last week: {x} take up most of our pipeline time.",
                ),
                proposals=(
                    "Profiling would be a good first step; I suspect caching alone would halve the time.",
                    "Running them in parallel on more runners looks like an easy win.",
                    "Other companies solved this with remote build caches; we could try one.",
                ),
                tags=("ci", "tooling"),
            ),
            Family(
                titles=("Document {x}", "Write down {x} for new joiners"),
                things=(
                    "how we cut releases",
                    "the on-call escalation path",
                    "our API versioning rules",
                    "the local database setup",
                    "how feature flags are cleaned up",
                    "the incident severity levels",
                    "how to request cloud access",
                    "our logging conventions",
                    "how secrets are rotated",
                    "how to add a new service",
                    "how we run load tests",
                    "the branching strategy",
                ),
                problems=(
                    "New joiners struggle with this; it took me weeks to learn it by asking around.",
                    "Every team does it slightly differently, and mistakes follow.",
                    "The knowledge lives in two people's heads today.",
                ),
                proposals=(
                    "A short page in the handbook, owned by one team and reviewed twice a year, would be enough.",
                    "I can write a first draft if someone from the platform team reviews it.",
                    "Let's add it to the onboarding checklist once it exists.",
                ),
                tags=("documentation", "onboarding"),
            ),
            Family(
                titles=("A {x} for the {team} team", "A shared {x}"),
                things=(
                    "service catalogue",
                    "golden path template",
                    "load testing setup",
                    "feature flag cleanup bot",
                    "Grafana dashboard template",
                    "release checklist",
                    "runbook template",
                    "cost dashboard",
                    "synthetic monitoring setup",
                    "mock server for partner APIs",
                    "secrets scanner",
                    "dev container",
                ),
                slots={"team": TEAMS},
                problems=(
                    "Every team builds its own version of this, badly, in its spare time.",
                    "We lost a day last sprint because we did not have one.",
                    "Onboarding a new service takes a week of copy and paste today.",
                ),
                proposals=(
                    "The platform team could provide it once, and every team would benefit.",
                    "We could start from what the payments team built and generalize it.",
                    "A two-day spike would tell us whether an open-source tool fits.",
                ),
                tags=("tooling",),
            ),
            Family(
                titles=("Try {x} in the {team} team", "{x} across engineering"),
                things=(
                    "no-deploy Fridays",
                    "fewer mandatory reviewers",
                    "pairing hours",
                    "a tech debt day every sprint",
                    "blameless postmortems for every incident",
                    "quarterly architecture reviews",
                    "an internal tech talk series",
                    "a rotating build cop",
                    "trunk-based development",
                    "ownership labels on every service",
                    "error budgets",
                    "weekly dependency triage",
                ),
                slots={"team": TEAMS},
                problems=(
                    "We keep talking about it in retros but never try it.",
                    "Teams that do it already report fewer incidents and calmer sprints.",
                    "Our lead time has grown every quarter this year.",
                ),
                proposals=(
                    "Let's try it for one quarter and measure whether lead time and happiness go up.",
                    "One volunteer team could pilot it and report back at the engineering all-hands.",
                    "It costs nothing to try, and we can stop if it does not help.",
                ),
                tags=("process",),
            ),
        ),
        closings=(
            "Happy to pair with whoever picks this up.",
            "I can share measurements from our team if that helps prioritize.",
            "Vote it down if you think it is not worth it, and say why.",
        ),
        benefits=(
            "Less waiting, fewer mistakes and happier engineers.",
            "It would pay for itself within a quarter.",
            "New joiners would be productive much sooner.",
            "Fewer pages at night, too.",
        ),
        replies=(
            "+1, this costs my team hours every week.",
            "We hacked something like this together in the mobile team; happy to share it.",
            "I'm not convinced: the maintenance cost is easy to underestimate.",
            "Let's measure first. Does anyone have numbers?",
            "Yes! This is the number one complaint in our retros.",
            "The platform team looked at this last year; the blocker was the build agents.",
            "Would this also work for the data pipelines?",
            "Strong +1. Happy to help review a design doc.",
        ),
    ),
    "product": Topic(
        families=(
            Family(
                titles=("{x} integration", "Two-way sync with {x}", "Import data from {x}"),
                things=(
                    "Salesforce",
                    "HubSpot",
                    "Jira",
                    "Zendesk",
                    "Google Drive",
                    "SharePoint",
                    "Dropbox",
                    "Asana",
                    "GitHub",
                    "Zapier",
                    "Power BI",
                    "Tableau",
                    "SAP",
                    "Workday",
                    "ServiceNow",
                    "Okta",
                ),
                problems=(
                    "Customers on {x} copy data between the two tools by hand today.",
                    "{x} came up in three evaluations this quarter; we lost one of them over it.",
                    "Several customers raised this in their quarterly reviews.",
                ),
                proposals=(
                    "A first version could cover the most common objects only.",
                    "We could start with a read-only import and add sync later.",
                    "A partner built a prototype; we could look at it before starting our own.",
                ),
                tags=("integrations",),
            ),
            Family(
                titles=("{x} in the {area}", "{x} for {role}"),
                things=(
                    "keyboard shortcuts",
                    "bulk actions",
                    "saved filters",
                    "custom views",
                    "drag and drop",
                    "undo",
                    "an activity feed",
                    "inline comments",
                    "templates",
                    "version history",
                    "a calendar view",
                    "a timeline view",
                    "due date reminders",
                    "faster search",
                    "a compact layout",
                    "printable pages",
                ),
                slots={
                    "area": (
                        "task list",
                        "reports",
                        "admin console",
                        "mobile app",
                        "dashboard",
                        "file library",
                        "calendar",
                        "project pages",
                        "timesheets",
                    ),
                    "role": (
                        "workspace admins",
                        "guest users",
                        "team leads",
                        "external collaborators",
                        "project managers",
                        "finance teams",
                    ),
                },
                problems=(
                    "Without {x}, people work around it with spreadsheets, which takes hours every week.",
                    "Power users ask for {x} in almost every support conversation.",
                    "Competitors already offer {x}, and we lose points in evaluations because of it.",
                ),
                proposals=(
                    "Design has early mock-ups; a beta with a few customers would tell us a lot.",
                    "It could ship behind a feature flag for enterprise customers first.",
                    "We could start with the most used screens and extend from there.",
                ),
                tags=("usability",),
            ),
            Family(
                titles=("Support {x}", "{x} for enterprise plans"),
                things=(
                    "IP allow-listing",
                    "SCIM provisioning",
                    "data residency in the EU",
                    "custom session timeouts",
                    "field-level permissions",
                    "retention policies for deleted data",
                    "a sandbox workspace",
                    "usage analytics per team",
                    "custom domains for shared pages",
                    "customer-managed encryption keys",
                    "a status page per region",
                    "read-only admin roles",
                ),
                problems=(
                    "Security reviews at large customers ask for {x} every time.",
                    "Two open enterprise deals list {x} as a hard requirement.",
                    "Regulated customers cannot expand without it.",
                ),
                proposals=(
                    "Security and the platform team should size it together.",
                    "A first version for the EU region only would already unblock most deals.",
                    "We could document a workaround until it ships.",
                ),
                tags=("security", "admin"),
            ),
        ),
        closings=(
            "Add your customer's vote if they asked for it too, so we see how many accounts want it.",
            "Details and call notes are in the CRM.",
            "Happy to set up a call with the customer if Product wants to dig deeper.",
        ),
        benefits=(
            "It would make onboarding large teams much smoother.",
            "It would help renewals in the enterprise segment.",
            "Support would get fewer tickets about it.",
        ),
        replies=(
            "Two of my accounts asked for the same thing last month.",
            "This is blocking a renewal for one of my customers.",
            "Support sees this weekly; happy to share the ticket list.",
            "Is there a workaround we can offer in the meantime?",
            "Adding my customer's vote. They would pilot it too.",
            "Product here: thanks, this helps us size it.",
            "Our competitor shipped this in spring; we hear about it in every demo.",
        ),
    ),
    "sustainability": Topic(
        families=(
            Family(
                titles=("{x}", "{x} in the {office} office"),
                things=(
                    "motion sensors for the lights",
                    "a repair café for electronics",
                    "refill stations instead of bottled water",
                    "a paperless expense process",
                    "composting for kitchen waste",
                    "train travel for trips under 600 km",
                    "a green commuting challenge",
                    "double-sided printing by default",
                    "smart thermostats",
                    "meat-free Mondays in the canteen",
                    "an e-bike pool for short trips",
                    "shutting down idle test environments at night",
                    "recycled paper only",
                    "a clothes swap",
                    "local suppliers for catering",
                    "second-hand office furniture",
                    "a battery recycling box",
                    "fewer printers",
                ),
                slots={"office": OFFICES},
                problems=(
                    "This alone would not get us to 20%, but it is visible and easy to start.",
                    "It saves money as well as carbon.",
                    "Other companies in our building already did this last year.",
                ),
                proposals=(
                    "Facilities and IT could own it together.",
                    "We could measure the effect for a month and report it on this board.",
                    "The green team could run it with a few volunteers from each floor.",
                ),
                tags=("sustainability",),
            ),
        ),
        closings=(
            "Every tonne counts. Vote if you would take part.",
            "I can collect numbers from other companies if that helps.",
        ),
        benefits=(
            "It shows we mean it when we talk about sustainability.",
            "Lower bills, too.",
            "Easy to measure, easy to explain.",
        ),
        replies=(
            "Great idea, and cheap to try.",
            "We did this at home and the difference was surprising.",
            "How much carbon would this actually save? Does anyone have an estimate?",
            "+1, and let's publish the results.",
            "I'd volunteer for our floor.",
        ),
    ),
    "hackathon": Topic(
        families=(
            Family(
                titles=("{x}", "Build {x}", "Prototype {x}"),
                things=(
                    "an internal search across all our docs",
                    "a chat bot that answers HR questions",
                    "automatic release notes",
                    "a dashboard of cloud costs per team",
                    "a tool to find mentors inside the company",
                    "an accessibility checker for our web app",
                    "a synthetic test data generator",
                    "a meeting cost calculator",
                    "a carbon estimator for our cloud usage",
                    "a churn prediction model",
                    "a self-service data catalogue",
                    "voice commands in the mobile app",
                    "automatic tagging of support tickets",
                    "a kudos bot",
                    "a visual diff tool for our emails",
                    "a smarter on-call scheduler",
                ),
                problems=(
                    "It is a real problem we all have, and two days is enough for a useful prototype.",
                    "Three teams have asked for something like this in the last quarter.",
                    "It would be a fun mix of data, design and engineering.",
                ),
                proposals=(
                    "I'd join this team and could bring the data.",
                    "A demo at the end of the hackathon could turn into a real project.",
                    "We could reuse the APIs we already have.",
                ),
                tags=("hackathon",),
            ),
        ),
        closings=("Who's in?", "Looking for a designer and a data person to join."),
        benefits=("Useful beyond the hackathon.", "Great for people from different departments to work together."),
        replies=("I'm in!", "Count me in for the data part.", "Could be a great demo.", "+1, I'd join this one."),
    ),
    "tools": Topic(
        families=(),
        closings=("Spend one of your five votes on it if you agree.", "IT, happy to test a replacement."),
        benefits=("It would save everyone time, every week.", "Fewer help desk tickets."),
        replies=(
            "This is where my vote goes.",
            "Agreed, it is painful every single time.",
            "Voted down: I think the other tools matter more this year.",
            "Please, yes.",
        ),
    ),
    "reporting": Topic(
        families=(
            Family(
                titles=("A {chart} of {x}", "Filter {x} by {dimension}", "Export {x} to {format}"),
                things=(
                    "delivery times",
                    "order volume",
                    "returns",
                    "the on-time rate",
                    "cost per shipment",
                    "fleet utilisation",
                    "damaged goods",
                    "pick rates",
                ),
                slots={
                    "chart": ("trend chart", "heat map", "weekly bar chart", "map view"),
                    "dimension": ("warehouse", "region", "carrier", "customer segment", "product line"),
                    "format": ("CSV", "Excel", "PDF", "Power BI"),
                },
                problems=(
                    "Our operations managers look at {x} every morning.",
                    "Today we build this by hand from the raw export.",
                ),
                proposals=(
                    "It would be enough to have it on the main dashboard.",
                    "We'd test it with two warehouses first.",
                ),
                tags=("reporting",),
            ),
        ),
        closings=("Happy to test an early version.", "We can share anonymized data for testing."),
        benefits=("It would save our managers an hour a week each.", "It would make the module a daily tool for us."),
        replies=(
            "Northwind here: this is our top request.",
            "Thanks, noted for the next beta build.",
            "Would a weekly digest be enough for a start?",
            "We'd use this every day.",
        ),
    ),
}

# Official responses, by status ({title}, {team}, {when} filled in).
RESPONSES: dict[str, tuple[str, ...]] = {
    "under_review": (
        "Thanks for raising this! {team} is looking into “{title}” and will come back with a decision by the "
        "end of the month.",
        "We are reviewing this with {team}: costs, options and who would own it. Follow the idea to hear more.",
    ),
    "planned": (
        "Good news: this is planned for {when}. We will post updates here as the work starts.",
        "{team} has put this on the plan for {when}. Thanks to everyone who voted for it.",
    ),
    "in_progress": (
        "Work has started. {team} owns it; follow the idea to hear when it is done.",
        "This is in progress: a first version is being tested with a few volunteers.",
    ),
    "done": (
        "This is done! It is live for everyone from today. Thanks to everyone who voted and shared ideas.",
        "Done. You will find the details in the handbook; tell us in the discussion how it works for you.",
    ),
    "declined": (
        "We have decided not to do this for now: the cost is too high compared to the other ideas on this "
        "board. We will revisit it next year.",
        "Thanks for the idea. We are declining it because another idea on this board solves the same problem "
        "in a simpler way.",
        "We looked at this carefully, but {team} has no capacity for it this year. We may come back to it.",
    ),
}
WHEN = ("the next quarter", "the autumn", "the spring", "Q3", "the next release")

CUSTOMER_NOTES: tuple[str, ...] = (
    "Raised in the quarterly business review.",
    "Their IT lead asked for it on the renewal call.",
    "Blocking the rollout to their second site.",
    "Came up in three support tickets this month.",
    "Their admin team asks about it every week.",
    "",
    "",
)
CUSTOMER_WHY = (
    "Captured on behalf of {customer}: their {contact} asked for it during {meeting}.",
    "{customer} asked for this again; their {contact} says it would save their team hours every week.",
)
CUSTOMER_CONTACTS = ("head of operations", "IT lead", "workspace admin", "finance director", "team leads")
CUSTOMER_MEETINGS = ("the quarterly business review", "the renewal call", "an onboarding session", "a support call")
