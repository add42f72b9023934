"""What the idea API's OpenAPI schema shares: error responses and the examples of boards, ideas and votes."""

from drf_spectacular.utils import OpenApiResponse

from ..serializers import ErrorSerializer

_ERROR_DESCRIPTIONS = {
    400: "Invalid input or a broken rule (`code` says which; `fields` which inputs).",
    403: "You may see this but not do this.",
    404: "Missing, or hidden from you.",
    409: "Not now: `voting_closed` (the idea is done or declined), `board_closed` (outside the campaign's "
    "dates, or archived), `idea_merged` (vote on `merged_into`), `vote_budget_exhausted` (take a vote back first).",
}

_PERSON = {"id": 7, "username": "ana", "display_name": "Ana Lytic"}
_TAGS = [{"name": "Facilities", "slug": "facilities"}]
_BOARD_EXAMPLE = {
    "id": 3,
    "title": "Greener offices",
    "slug": "greener-offices",
    "kind": "campaign",
    "question": "How do we halve the offices' energy use by 2027?",
    "opens_at": "2025-03-01T08:00:00Z",
    "closes_at": "2025-04-01T08:00:00Z",
    "is_open": True,
    "audience": "company",
    "voting": "up",
    "vote_budget": 5,
    "owner": {"id": 2, "username": "mia", "display_name": "Mia Manager"},
    "idea_count": 42,
    "is_archived": False,
    "created_at": "2025-02-20T10:00:00Z",
}
_IDEA_EXAMPLE = {
    "id": 12,
    "board": {"id": 3, "title": "Greener offices", "slug": "greener-offices"},
    "title": "Bike sheds at every office",
    "status": "planned",
    "author": _PERSON,
    "customer": None,
    "tags": _TAGS,
    "upvotes": 31,
    "downvotes": 0,
    "net_votes": 31,
    "customer_votes": 2,
    "follower_count": 9,
    "created_at": "2025-03-04T09:15:00Z",
    "edited_at": None,
    "is_hidden": False,
    "thread_id": 88,
    "merged_into_id": None,
    "my_vote": 1,
}
_IDEA_DETAIL_EXAMPLE = {
    **_IDEA_EXAMPLE,
    "body": "Covered, lockable, with a pump. **Half of us** live within 5 km.",
    "body_html": "<p>Covered, lockable, with a pump. <strong>Half of us</strong> live within 5 km.</p>\n",
    "version": 2,
    "response": "Budgeted for Q3: Lyon first.",
    "response_html": "<p>Budgeted for Q3: Lyon first.</p>\n",
    "responded_by": {"id": 2, "username": "mia", "display_name": "Mia Manager"},
    "responded_at": "2025-03-20T16:00:00Z",
    "coauthors": [{"id": 9, "username": "leo", "display_name": "Leo Pedal"}],
    "merged_into": None,
    "following": True,
    "votes_left": 4,
    "changed_since_my_vote": False,
    "can_edit": False,
    "can_manage": False,
}
_VOTE_EXAMPLE = {
    "idea_id": 12,
    "upvotes": 31,
    "downvotes": 0,
    "net_votes": 31,
    "customer_votes": 2,
    "my_vote": 1,
    "votes_left": 4,
    "changed": True,
}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in codes}
