"""Every write of the insights app: the rollups (the app writes nothing else)."""

from .rollups import day_span, rollup_day, rollup_range, rollups_clear

__all__ = ["day_span", "rollup_day", "rollup_range", "rollups_clear"]
