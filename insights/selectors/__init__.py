"""Every read of the insights app. The company dashboard's sections each take an
`InsightContext` (made by `insight_context`, the one access check); `my_insights` is a person's own."""

from .collaboration import collaboration
from .common import (
    InsightContext,
    InsightFilters,
    can_see_dashboard,
    can_see_own_insights,
    insight_context,
    median,
)
from .ideas import idea_funnel
from .me import my_insights
from .participation import participation
from .responsiveness import responsiveness
from .teams import teams_summary

SECTIONS = {
    "participation": participation,
    "funnel": idea_funnel,
    "responsiveness": responsiveness,
    "collaboration": collaboration,
    "teams": teams_summary,
}


def dashboard(ctx: InsightContext) -> dict:
    """Every section of the dashboard, in order."""
    return {name: section(ctx) for name, section in SECTIONS.items()}


__all__ = [
    "SECTIONS",
    "InsightContext",
    "InsightFilters",
    "can_see_dashboard",
    "can_see_own_insights",
    "collaboration",
    "dashboard",
    "idea_funnel",
    "insight_context",
    "median",
    "my_insights",
    "participation",
    "responsiveness",
    "teams_summary",
]
