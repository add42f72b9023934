"""Each dashboard section as tables (the page's table views and the CSV exports) and as chart
data (Chart.js, drawn by static/js/insights.js). Pure functions of a section's figures."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .selectors.collaboration import KINDS


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _pct(share) -> str:
    return "" if share is None else f"{share * 100:.1f}%"


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def participation_tables(data: dict) -> list[Table]:
    return [
        Table(
            "participation-departments",
            _("Contribution by department"),
            [
                _("Department"),
                _("Employees"),
                _("Contributed at least once"),
                _("Share"),
                _("Posts"),
                _("New threads"),
                _("Ideas"),
                _("Votes"),
            ],
            [
                [
                    d["department"],
                    d["headcount"],
                    d["contributors"],
                    _pct(d["share"]),
                    d["posts"],
                    d["threads"],
                    d["ideas"],
                    d["votes"],
                ]
                for d in data["departments"]
            ],
        ),
        Table(
            "participation-periods",
            _("Activity over time by department"),
            [_("Period"), _("Department"), _("People active"), _("Posts"), _("New threads"), _("Ideas"), _("Votes")],
            [
                [
                    r["period"].isoformat(),
                    r["department"],
                    r["people"],
                    r["posts"],
                    r["threads"],
                    r["ideas"],
                    r["votes"],
                ]
                for r in data["rows"]
            ],
        ),
    ]


def funnel_tables(data: dict) -> list[Table]:
    stages = data["stages"]
    headers = [_("Board"), _("Posted")] + [_("Reached: %(stage)s") % {"stage": s["label"]} for s in stages[1:]]
    headers += [_("Median days in: %(stage)s") % {"stage": s["label"]} for s in stages[:4]]
    headers += [_("No official response")]
    rows = []
    for board in [*data["boards"], data["total"]]:
        rows.append(
            [board["board"], board["posted"]]
            + [board["reached"][s["key"]] for s in stages[1:]]
            + [_num(board["median_days"][s["key"]]) for s in stages[:4]]
            + [board["no_response"]]
        )
    return [Table("funnel", _("Idea funnel per board"), headers, rows)]


def responsiveness_tables(data: dict) -> list[Table]:
    headers = [_("Started"), _("Answered"), _("Never answered"), _("Median hours to first answer")]
    return [
        Table(
            "responsiveness-threads",
            _("Time to first reply, per space"),
            [_("Space"), *headers],
            [
                [r["space"], r["items"], r["answered"], r["unanswered"], _num(r["median_hours"])]
                for r in data["threads"]
            ],
        ),
        Table(
            "responsiveness-ideas",
            _("Time to first official response, per board"),
            [_("Board"), *headers],
            [[r["board"], r["items"], r["answered"], r["unanswered"], _num(r["median_hours"])] for r in data["ideas"]],
        ),
    ]


def collaboration_tables(data: dict) -> list[Table]:
    names = [d["name"] for d in data["departments"]]
    cell = {}
    for pair in data["pairs"]:
        cell[(pair["a"], pair["b"])] = cell[(pair["b"], pair["a"])] = pair["total"]
    return [
        Table(
            "collaboration-pairs",
            _("Departments working together"),
            [_("Department"), _("Department"), _("Discussions"), _("Ideas"), _("Teams"), _("Total")],
            [[p["a"], p["b"], *[p[k] for k in KINDS], p["total"]] for p in data["pairs"]],
        ),
        Table(
            "collaboration-matrix",
            _("Collaboration matrix (all kinds)"),
            ["", *names],
            [[a, *[cell.get((a, b), "" if a == b else 0) for b in names]] for a in names],
        ),
        Table(
            "collaboration-bridges",
            _("People who bridge departments"),
            [_("Person"), _("Department"), _("Other departments reached"), _("Interactions")],
            [[b["person"], b["department"], b["departments_reached"], b["interactions"]] for b in data["bridges"]],
        ),
    ]


def teams_tables(data: dict) -> list[Table]:
    return [
        Table(
            "teams-summary",
            _("Projects and teams"),
            [_("Figure"), _("Value")],
            [
                [_("Projects created"), data["projects"]],
                [_("Published as open calls"), data["published"]],
                [_("With a team formed"), data["formed"]],
                [_("Roles"), data["roles"]],
                [_("Roles filled"), data["roles_filled"]],
                [_("Seats"), data["seats"]],
                [_("Seats filled"), data["seats_filled"]],
                [_("People who joined"), data["joined"]],
                [_("Of whom volunteered"), data["from_volunteers"]],
                [_("Share from volunteers"), _pct(data["volunteer_share"])],
                [_("Skills asked for that nobody has at the asked level"), data["skills_missing"]],
            ],
        ),
        Table(
            "teams-skills",
            _("Skills asked for"),
            [
                _("Skill"),
                _("Roles asking"),
                _("Lowest level asked"),
                _("People at that level or above"),
                _("People with the skill"),
            ],
            [
                [s["skill"], s["roles"], s["min_level"], s["people_at_level"], s["people_with_skill"]]
                for s in data["skills"]
            ],
        ),
    ]


TABLES = {
    "participation": participation_tables,
    "funnel": funnel_tables,
    "responsiveness": responsiveness_tables,
    "collaboration": collaboration_tables,
    "teams": teams_tables,
}


# --- charts -----------------------------------------------------------------------------------------


def charts(sections: dict) -> list[dict]:
    """Chart specs for insights.js: {key, title, type, labels, datasets: [{label, data}], horizontal, stacked,
    percent}. Every chart has a table view beside it (`table`: the key of its table)."""
    result = []
    if "participation" in sections:
        p = sections["participation"]
        labels = [point["period"].isoformat() for point in p["series"]]
        result.append(
            {
                "key": "participation-time",
                "title": _("Activity over time"),
                "type": "line",
                "labels": labels,
                "table": "participation-periods",
                "datasets": [
                    {"label": label, "data": [point[field] for point in p["series"]]}
                    for field, label in (
                        ("people", _("People active")),
                        ("posts", _("Posts")),
                        ("ideas", _("Ideas")),
                        ("votes", _("Votes")),
                    )
                ],
            }
        )
        departments = [d for d in p["departments"] if d["headcount"]]
        result.append(
            {
                "key": "participation-share",
                "title": _("Share of employees who contributed at least once"),
                "type": "bar",
                "horizontal": True,
                "percent": True,
                "table": "participation-departments",
                "labels": [d["department"] for d in departments],
                "datasets": [{"label": _("Share"), "data": [round((d["share"] or 0) * 100, 1) for d in departments]}],
            }
        )
    if "funnel" in sections:
        f = sections["funnel"]
        total = f["total"]
        result.append(
            {
                "key": "funnel",
                "title": _("Idea funnel (all boards)"),
                "type": "bar",
                "horizontal": True,
                "table": "funnel",
                "labels": [_("Posted")] + [s["label"] for s in f["stages"][1:]] + [_("No official response")],
                "datasets": [
                    {
                        "label": _("Ideas"),
                        "data": [total["posted"]]
                        + [total["reached"][s["key"]] for s in f["stages"][1:]]
                        + [total["no_response"]],
                    }
                ],
            }
        )
    if "responsiveness" in sections:
        r = sections["responsiveness"]
        result.append(
            {
                "key": "responsiveness",
                "title": _("Median hours to a first answer"),
                "type": "bar",
                "horizontal": True,
                "table": "responsiveness-threads",
                "labels": [row["space"] for row in r["threads"]] + [row["board"] for row in r["ideas"]],
                "datasets": [
                    {
                        "label": _("First reply (discussions)"),
                        "data": [row["median_hours"] for row in r["threads"]] + [None] * len(r["ideas"]),
                    },
                    {
                        "label": _("First official response (ideas)"),
                        "data": [None] * len(r["threads"]) + [row["median_hours"] for row in r["ideas"]],
                    },
                ],
            }
        )
    if "collaboration" in sections:
        c = sections["collaboration"]
        top = c["pairs"][:12]
        result.append(
            {
                "key": "collaboration",
                "title": _("Departments working together most"),
                "type": "bar",
                "horizontal": True,
                "stacked": True,
                "table": "collaboration-pairs",
                "labels": [f"{p['a']} + {p['b']}" for p in top],
                "datasets": [
                    {"label": label, "data": [p[kind] for p in top]}
                    for kind, label in (("thread", _("Discussions")), ("idea", _("Ideas")), ("team", _("Teams")))
                ],
            }
        )
    if "teams" in sections:
        t = sections["teams"]
        skills = t["skills"][:15]
        result.append(
            {
                "key": "teams-skills",
                "title": _("Skills asked for, and people who have them"),
                "type": "bar",
                "horizontal": True,
                "table": "teams-skills",
                "labels": [s["skill"] for s in skills],
                "datasets": [
                    {"label": _("Roles asking"), "data": [s["roles"] for s in skills]},
                    {"label": _("People at the asked level"), "data": [s["people_at_level"] for s in skills]},
                ],
            }
        )
    return result
