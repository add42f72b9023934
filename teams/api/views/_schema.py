"""What the project teams API's OpenAPI schema shares: error responses and examples."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from ..serializers import ErrorSerializer

_ERROR_DESCRIPTIONS = {
    400: "Invalid input or a broken rule (`code` says which, e.g. `invalid`, `invalid_project`, `invalid_role`, "
    "`invalid_volunteer`, `invalid_assignment`; `fields` which inputs, as dotted paths like "
    "`roles[0].hours_per_week`). `invalid_assignment` also lists every broken rule in `errors`.",
    403: "You may see this but not do this (e.g. a manager who does not run the project).",
    404: "Missing, or hidden from you.",
    409: "Not now: `project_not_open` (a draft or closed project), `proposal_closed` (confirmed or superseded), "
    "`membership_closed` (already answered or ended), `round_busy` (a round is running), `seats_unavailable` "
    "(someone was seated or booked meanwhile: `problems` lists each seat refused, nothing was written).",
}

_PERSON = {"id": 7, "username": "ana", "display_name": "Ana Lytic"}
_OWNER = {"id": 2, "username": "mia", "display_name": "Mia Manager"}
_FIT = {
    "score": 72,
    "reason": "You have Python 4/5; want to work on data viz; 6 h free",
    "enough_hours": True,
    "free_hours": 6,
    "hours_needed": 4,
    "has": [{"name": "Python", "level": 4, "min_level": 3}],
    "short": [],
    "wants": ["data viz"],
}
_ROLE_EXAMPLE = {
    "id": 11,
    "project_id": 5,
    "name": "Data engineer",
    "description": "Pipelines from the sensors.",
    "headcount": 2,
    "hours_per_week": 4,
    "position": 1,
    "skills": [{"skill_id": 3, "name": "Python", "min_level": 3}],
    "live_count": 1,
    "accepted_count": 1,
    "volunteer_count": 3,
    "fit": _FIT,
}
_PROJECT_EXAMPLE = {
    "id": 5,
    "title": "Energy dashboard",
    "goal": "Show each office its energy use, live.",
    "topics": ["data viz", "sustainability"],
    "status": "open",
    "owner": _OWNER,
    "idea_id": 12,
    "space_id": None,
    "starts_on": "2026-01-05",
    "ends_on": "2026-03-27",
    "created_at": "2025-11-20T10:00:00Z",
    "published_at": "2025-11-21T09:00:00Z",
    "closed_at": None,
    "roles": [_ROLE_EXAMPLE],
    "best_fit": _FIT,
}
_PROJECT_DETAIL_EXAMPLE = {
    **_PROJECT_EXAMPLE,
    "roles": [
        {
            **_ROLE_EXAMPLE,
            "members": [{"id": 40, "person": _PERSON, "status": "accepted"}],
            "volunteers": None,
            "my_volunteering": None,
        }
    ],
    "goal_html": "<p>Show each office its energy use, live.</p>\n",
    "can_manage": False,
}
_PROJECT_CREATE_EXAMPLE = {
    "title": "Energy dashboard",
    "goal": "Show each office its energy use, live.",
    "topics": ["data viz", "sustainability"],
    "starts_on": "2026-01-05",
    "ends_on": "2026-03-27",
    "idea_id": 12,
    "roles": [
        {
            "name": "Data engineer",
            "description": "Pipelines from the sensors.",
            "headcount": 2,
            "hours_per_week": 4,
            "skills": [{"skill_id": 3, "min_level": 3}],
        }
    ],
}
_ROLE_CREATE_EXAMPLE = _PROJECT_CREATE_EXAMPLE["roles"][0]
_MEMBERSHIP_EXAMPLE = {
    "id": 40,
    "project": {"id": 5, "title": "Energy dashboard", "status": "open"},
    "role": {"id": 11, "name": "Data engineer", "hours_per_week": 4},
    "person": _PERSON,
    "status": "invited",
    "is_live": True,
    "hours_per_week": 4,
    "from_volunteer": True,
    "proposal_id": 9,
    "invited_by": _OWNER,
    "invited_at": "2025-11-22T10:00:00Z",
    "responded_at": None,
    "ended_at": None,
}
_PROPOSAL_EXAMPLE = {
    "id": 9,
    "project": {"id": 5, "title": "Energy dashboard", "status": "open"},
    "round_id": None,
    "status": "draft",
    "solver": "exact",
    "based_on": "exact",
    "optimal": True,
    "gap": 0.0,
    "seconds": 0.21,
    "covered": 1,
    "required": 2,
    "total_fit": 0.74,
    "swaps": 0,
    "ties": 0.5,
    "departments": 1,
    "warnings": [],
    "roles": [
        {
            "role_id": 11,
            "name": "Data engineer",
            "headcount": 2,
            "hours_per_week": 4.0,
            "open_seats": 1,
            "required": 2,
            "seats": [
                {
                    "member": {
                        "person": _PERSON,
                        "fixed": False,
                        "fit": 0.74,
                        "skills": [{"skill_id": 3, "name": "Python", "level": 4, "min_level": 3, "meets": True}],
                        "covers": [3],
                        "interest": 0.5,
                        "interest_skill_ids": [],
                        "interest_topics": ["data viz"],
                        "preference": 3,
                        "note": "I built the old one.",
                        "free_hours": 6.0,
                        "hours_after": 2.0,
                        "links": [],
                        "summary": "Python 4/5; wants data viz; volunteered (3); 6 h free",
                    },
                    "alternatives": [
                        {
                            "person": {"id": 8, "username": "bo", "display_name": "Bo Data"},
                            "fit": 0.52,
                            "gain": -0.22,
                            "covers": [3],
                            "preference": 0,
                        }
                    ],
                },
                {"member": None, "alternatives": []},
            ],
            "uncovered": [
                {
                    "skill_id": 4,
                    "name": "Rust",
                    "min_level": 4,
                    "reason": "nobody_qualified",
                    "message": "nobody in the company has Rust >= 4 (the best level is 3)",
                    "qualified": 0,
                    "best_level": 3,
                }
            ],
        }
    ],
    "blocking_pairs": [],
    "created_by": _OWNER,
    "created_at": "2025-11-22T09:55:00Z",
    "confirmed_by": None,
    "confirmed_at": None,
}
_ROUND_EXAMPLE = {
    "id": 3,
    "status": "done",
    "progress": 100,
    "stage": "Done",
    "solver": "heuristic",
    "project_count": 12,
    "summary": {"projects": 12, "candidates": 340, "seats": 40, "filled": 37, "covered": 51, "coverable": 53},
    "error": "",
    "created_by": {"id": 1, "username": "ada", "display_name": "Ada Admin"},
    "created_at": "2025-11-22T08:00:00Z",
    "started_at": "2025-11-22T08:00:01Z",
    "finished_at": "2025-11-22T08:00:09Z",
}
_SEATS_UNAVAILABLE = OpenApiExample(
    "Someone was booked meanwhile",
    value={
        "code": "seats_unavailable",
        "message": "Some seats cannot be given as proposed; nothing was confirmed.",
        "problems": [
            {
                "role_id": 11,
                "person_id": 7,
                "code": "over_capacity",
                "message": "Ana Lytic has 0 h a week free; Data engineer needs 4 h.",
            }
        ],
    },
    response_only=True,
    status_codes=["409"],
)


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in codes}
