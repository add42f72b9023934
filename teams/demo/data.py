"""Static material for the demo projects. Plain Python, no Django: `seed.py` draws from these lists
with a seeded random stream, so changing anything here changes every seeded demo.

Skills are named as in the demo taxonomy (`accounts.demo.data.SKILL_TAXONOMY`), owners are demo
usernames or "head:<department slug>" (the department's head, a manager), topics are free text
(several are the free-topic interests of `accounts.demo.data.FREE_TOPICS`, so people's interests
meet them in the "fits you" score).
"""

from typing import NamedTuple


class RoleSpec(NamedTuple):
    name: str
    headcount: int
    hours_per_week: int
    skills: tuple[tuple[str, int], ...]  # (skill name, minimum level 2-4)
    description: str = ""


class ProjectSpec(NamedTuple):
    title: str
    owner: str  # a username, or "head:<department slug>"
    goal: str  # Markdown
    topics: str
    roles: tuple[RoleSpec, ...]
    # "open", "draft", "team" (open, with a confirmed team: most accepted, one invited) or "closed"
    # (with a past team). Dates are days from the day of seeding.
    state: str = "open"
    starts_in: int = 14
    lasts: int = 90
    idea: tuple[str, str] | None = None  # (board slug, idea title): promoted from that idea


# The demo logins are never picked at random: what happens to them is written here.
# `employee` (Emma Lindqvist: Python, Go, Kubernetes and Test Automation 3/5) volunteers for a role
# of the first project and is the one person its confirmed team still waits for; the second
# project fits her (Kubernetes and Go, and "cost optimization" is one of her interests).
INVITED = "employee"
EMPLOYEE_VOLUNTEERS: tuple[tuple[str, str, int, str], ...] = (
    (
        "Flaky test dashboard",
        "Test automation engineer",
        3,
        "Flaky tests cost my team an hour a day. I wrote our retry plugin and would love to fix this properly.",
    ),
)

# The small demo: eight projects by the demo managers. "large" adds generated ones (THEMES).
PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        title="Flaky test dashboard",
        owner="manager",
        goal=(
            "Flaky tests slow every team down and nobody knows which ones flake most. Build a dashboard that "
            "collects test results from CI, ranks tests by **flakiness** and opens a ticket for the owner of "
            "each of the worst ten.\n\nPromoted from the Developer experience board, where it was planned."
        ),
        topics="developer experience, internal tooling",
        roles=(
            RoleSpec(
                "Test automation engineer",
                2,
                2,
                (("Test Automation", 3), ("Python", 2)),
                "Detect flakes from CI history and quarantine the worst offenders.",
            ),
            RoleSpec(
                "Backend developer",
                2,
                3,
                (("Python", 3), ("PostgreSQL", 2)),
                "Ingest CI results and serve the rankings.",
            ),
            RoleSpec(
                "Dashboard designer",
                1,
                2,
                (("Interaction Design", 2), ("Data Visualization", 2)),
                "Make the worst offenders obvious at a glance.",
            ),
        ),
        state="team",
        starts_in=7,
        lasts=70,
        idea=("developer-experience", "Flaky test dashboard"),
    ),
    ProjectSpec(
        title="Kubernetes cost dashboard",
        owner="head:engineering",
        goal=(
            "We spend more on clusters every quarter and cannot say which service costs what. Tag workloads, "
            "collect usage per namespace and show each team its **monthly cost** next to its traffic, with "
            "three concrete savings to try."
        ),
        topics="cost optimization, green IT",
        roles=(
            RoleSpec(
                "Platform engineer",
                1,
                2,
                (("Kubernetes", 3), ("Go", 2)),
                "Label workloads and export usage per namespace.",
            ),
            RoleSpec(
                "Data analyst",
                1,
                4,
                (("SQL", 3), ("Data Visualization", 2)),
                "Turn usage into cost per team and per request.",
            ),
            RoleSpec(
                "FinOps partner",
                1,
                2,
                (("Budgeting", 3), ("Financial Modeling", 2)),
                "Check the numbers against the invoices.",
            ),
        ),
        starts_in=21,
        lasts=60,
    ),
    ProjectSpec(
        title="Customer onboarding revamp",
        owner="head:customer-support",
        goal=(
            "New customers open a third of their first-month tickets about setup. Rewrite the onboarding "
            "guides, add in-product checklists and measure time to first value."
        ),
        topics="onboarding experience, customer empathy",
        roles=(
            RoleSpec(
                "Onboarding specialist",
                2,
                4,
                (("Customer Onboarding", 3), ("Knowledge Base Writing", 3)),
                "Find where new customers get stuck.",
            ),
            RoleSpec("UX researcher", 1, 4, (("UX Research", 3),), "Interview ten new customers."),
            RoleSpec("Technical writer", 1, 3, (("Technical Writing", 3),), "Rewrite the five most visited guides."),
        ),
        starts_in=10,
        lasts=90,
    ),
    ProjectSpec(
        title="Mentoring program 2.0",
        owner="head:people",
        goal=(
            "Pair every new joiner with a mentor from another department for their first six months, with a "
            "light structure: a kick-off, monthly check-ins and a short survey."
        ),
        topics="mentoring programs, knowledge sharing, diversity and inclusion",
        roles=(
            RoleSpec(
                "Program coordinator",
                1,
                3,
                (("Project Management", 3), ("Facilitation", 2)),
                "Match pairs and keep the rhythm.",
            ),
            RoleSpec("Mentor", 3, 2, (("Mentoring", 3), ("Coaching", 2)), "Meet your mentee twice a month."),
            RoleSpec(
                "Learning designer",
                1,
                4,
                (("Learning & Development", 2),),
                "Write the mentor guide and the survey.",
            ),
        ),
        starts_in=30,
        lasts=180,
    ),
    ProjectSpec(
        title="Public status page",
        owner="head:it",
        goal=(
            "Customers learn about outages from Twitter. Publish a status page fed by our monitoring, with "
            "incident updates written by support and subscriptions by e-mail."
        ),
        topics="customer empathy, internal tooling",
        roles=(
            RoleSpec("Frontend developer", 2, 6, (("React", 3), ("TypeScript", 3)), "Build the page and the admin."),
            RoleSpec(
                "Site reliability engineer",
                1,
                4,
                (("Observability", 3), ("AWS", 2)),
                "Feed it from the alerts, without false alarms.",
            ),
            RoleSpec("Support liaison", 1, 2, (("Escalation Handling", 3),), "Write the incident update templates."),
        ),
        starts_in=14,
        lasts=60,
    ),
    ProjectSpec(
        title="Pricing page experiments",
        owner="head:marketing",
        goal=(
            "Run three A/B tests on the pricing page this quarter: plan names, the annual discount and the "
            "comparison table. Share what we learn, whatever wins."
        ),
        topics="pricing experiments, data literacy",
        roles=(
            RoleSpec(
                "Growth analyst",
                1,
                5,
                (("A/B Testing", 3), ("Marketing Analytics", 3)),
                "Design the tests and read them honestly.",
            ),
            RoleSpec("Copywriter", 1, 3, (("Content Marketing", 3), ("SEO", 2)), "Write the variants."),
            RoleSpec("Frontend developer", 1, 4, (("React", 2), ("TypeScript", 2)), "Ship the variants behind flags."),
        ),
        starts_in=7,
        lasts=90,
    ),
    ProjectSpec(
        title="Go service template",
        owner="manager",
        goal=(
            "A template for new Go services with logging, metrics, tracing and a secure default configuration, "
            "so that a new service is production-ready on day one. (Still a draft: roles to be refined.)"
        ),
        topics="developer experience, inner source",
        roles=(
            RoleSpec("Go developer", 2, 4, (("Go", 4), ("API Design", 3))),
            RoleSpec("Security reviewer", 1, 2, (("Application Security", 3),)),
        ),
        state="draft",
        starts_in=45,
        lasts=60,
    ),
    ProjectSpec(
        title="Accessibility audit of the web app",
        owner="head:design",
        goal=(
            "Audit the web app against WCAG 2.1 AA, fix the twenty worst issues and teach every product team "
            "to keep it that way. Done: the report and the fixes shipped in the spring."
        ),
        topics="accessibility, plain language",
        roles=(
            RoleSpec(
                "Accessibility reviewer",
                2,
                3,
                (("Interaction Design", 3), ("Visual Design", 2)),
                "Audit the main journeys.",
            ),
            RoleSpec("Frontend fixer", 2, 4, (("React", 3), ("TypeScript", 2)), "Fix what the audit found."),
        ),
        state="closed",
        starts_in=-150,
        lasts=100,
    ),
)


class ThemeSpec(NamedTuple):
    """A kind of project "large" generates for several departments: "<title>: <department>"."""

    title: str
    goal: str
    topics: str
    roles: tuple[tuple[str, tuple[str, ...], str], ...]  # (role name, skill names, description)


THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec(
        "Self-service reporting",
        "Give the department the numbers it asks analysts for every week, as dashboards it can filter itself.",
        "data literacy, process automation",
        (
            ("Analytics engineer", ("SQL", "dbt"), "Model the data once."),
            ("Dashboard designer", ("Data Visualization", "Interaction Design"), "Make it readable."),
        ),
    ),
    ThemeSpec(
        "Knowledge base clean-up",
        "Half of our internal pages are out of date. Archive, merge and rewrite them, and agree on owners.",
        "documentation culture, knowledge sharing",
        (
            ("Technical writer", ("Technical Writing", "Knowledge Base Writing"), "Rewrite the top pages."),
            ("Coordinator", ("Project Management", "Stakeholder Management"), "Find an owner for every page."),
        ),
    ),
    ThemeSpec(
        "Onboarding buddy programme",
        "Every new joiner gets a buddy for their first month and a checklist that actually works.",
        "onboarding experience, mentoring programs",
        (
            ("Buddy", ("Mentoring", "Coaching"), "Meet your new colleague every week."),
            ("Programme lead", ("Facilitation", "Learning & Development"), "Train the buddies."),
        ),
    ),
    ThemeSpec(
        "Automate the monthly report",
        "The monthly report takes two people three days. Script it end to end.",
        "process automation, cost optimization",
        (
            ("Automation developer", ("Python", "SQL"), "Script the pipeline."),
            ("Report owner", ("Financial Modeling", "Budgeting"), "Check every figure."),
        ),
    ),
    ThemeSpec(
        "Customer interview series",
        "Talk to twenty customers in six weeks and share what we heard with everyone.",
        "customer empathy, community building",
        (
            ("Interviewer", ("UX Research", "Product Discovery"), "Run and write up the interviews."),
            ("Account liaison", ("Account Management", "Customer Onboarding"), "Find willing customers."),
        ),
    ),
    ThemeSpec(
        "Internal API catalogue",
        "List every internal API with its owner, its documentation and its consumers.",
        "internal tooling, inner source",
        (
            ("Backend developer", ("API Design", "Python"), "Crawl the services."),
            ("Frontend developer", ("React", "TypeScript"), "Build the catalogue's pages."),
        ),
    ),
    ThemeSpec(
        "Security awareness week",
        "A week of short talks, a phishing drill and a capture-the-flag for everyone.",
        "hackathons, community building",
        (
            ("Security champion", ("Application Security", "Public Speaking"), "Give a talk, run the drill."),
            ("Event organiser", ("Event Planning", "Facilitation"), "Book rooms, speakers and snacks."),
        ),
    ),
    ThemeSpec(
        "Green IT review",
        "Measure the energy our laptops, offices and clusters use and cut it by a tenth.",
        "green IT, sustainability",
        (
            ("Infrastructure engineer", ("AWS", "Kubernetes", "Observability"), "Measure the clusters."),
            ("Procurement partner", ("Procurement", "Budgeting"), "Renegotiate the hardware leases."),
        ),
    ),
    ThemeSpec(
        "Plain-language contracts",
        "Rewrite our standard contracts so that customers understand them without a lawyer.",
        "plain language, customer empathy",
        (
            ("Contract drafter", ("Contract Drafting", "Data Privacy"), "Rewrite the clauses."),
            ("Editor", ("Technical Writing", "Content Marketing"), "Make them readable."),
        ),
    ),
    ThemeSpec(
        "Sales playbook refresh",
        "Update the playbook with what our best account managers actually do.",
        "knowledge sharing, customer empathy",
        (
            ("Account manager", ("Account Management", "Negotiation"), "Share your best calls."),
            ("Enablement writer", ("Content Marketing", "Knowledge Base Writing"), "Write the playbook."),
        ),
    ),
    ThemeSpec(
        "Mobile app performance sprint",
        "Halve the cold start time of the mobile apps.",
        "developer experience",
        (
            ("Mobile developer", ("Kotlin", "Swift"), "Profile and fix the start-up path."),
            ("Performance tester", ("Test Automation", "Observability"), "Measure every build."),
        ),
    ),
    ThemeSpec(
        "Hiring process review",
        "Shorten time to offer and make interviews fairer, with structured questions and scorecards.",
        "diversity and inclusion, employer branding",
        (
            ("Recruiting partner", ("Recruiting", "Employee Relations"), "Map today's process."),
            ("Interview trainer", ("Coaching", "Facilitation"), "Train the interviewers."),
        ),
    ),
    ThemeSpec(
        "Design system adoption",
        "Move the remaining screens to the design system and retire the old components.",
        "accessibility, developer experience",
        (
            ("Designer", ("Design Systems", "Figma"), "Fill the gaps in the system."),
            ("Frontend developer", ("React", "TypeScript"), "Migrate the screens."),
        ),
    ),
    ThemeSpec(
        "Forecasting model",
        "A forecast of next quarter's demand that the department trusts, updated every week.",
        "data literacy, AI ethics",
        (
            ("Data scientist", ("Machine Learning", "Statistics"), "Build and validate the model."),
            ("Analyst", ("SQL", "Sales Forecasting"), "Bring the history and the business sense."),
        ),
    ),
    ThemeSpec(
        "Localization of the help centre",
        "Translate the twenty most read help articles into German, French and Spanish.",
        "localization, customer empathy",
        (
            ("Support writer", ("Knowledge Base Writing", "Troubleshooting"), "Pick and update the articles."),
            ("SEO specialist", ("SEO", "Content Marketing"), "Make them findable."),
        ),
    ),
    ThemeSpec(
        "Remote meeting etiquette",
        "Agree how we run meetings with people in rooms and at home, and fix the rooms that make it hard.",
        "remote work, well-being at work",
        (
            ("Facilitator", ("Facilitation", "Public Speaking"), "Run the workshops."),
            ("IT partner", ("Troubleshooting", "Networking"), "Fix the meeting rooms."),
        ),
    ),
)

# Who volunteers, and why. "{skill}" is a skill of the role they hold, "{project}" the title.
VOLUNTEER_NOTES: tuple[str, ...] = (
    "I have used {skill} for years and would love to use it outside my team.",
    "I want to grow in {skill}; happy to pair with someone more senior.",
    "This is exactly the kind of project I hoped to find here.",
    "I can give it a few hours a week until the summer.",
    "I worked on something like this at my last job.",
    "My team feels this pain every week, so I am motivated.",
    "I would like to meet people from other departments.",
    "Count me in if the timing works with our release.",
    "{skill} is what I do best; the goal matters to me.",
    "",
    "",
    "I am keen, though I can only start next month.",
)
