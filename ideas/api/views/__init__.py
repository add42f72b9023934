"""The idea boards API: boards and their guests, ranked idea lists, ideas, votes, status, merges,
co-authors, followers, customers' voice and moderation.

Every action validates an input serializer, calls a service or a selector, and answers with an output
serializer. Access is decided by the selectors only: a board or idea a person may not see answers 404
exactly like a missing one. Services raise ApplicationError subclasses, which `collab.api.exceptions`
turns into 4xx JSON with a stable `code` (409 for `voting_closed`, `vote_budget_exhausted`,
`idea_merged`, `board_closed`). Writes are throttled by the default `WriteRateThrottle`. External
guests reach the `boards/` and `ideas/` routes only (accounts.guests), and never see customer accounts.

The viewsets carry no docstrings: drf-spectacular would make them every operation's description.
"""

from .boards import BoardViewSet, SimilarIdeaViewSet
from .customers import CustomerViewSet
from .ideas import IdeaViewSet

__all__ = ["BoardViewSet", "CustomerViewSet", "IdeaViewSet", "SimilarIdeaViewSet"]
