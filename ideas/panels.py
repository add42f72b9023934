"""Panels other apps add to an idea's page (the project it became, ...).

A provider takes (idea, viewer) and returns an `IdeaPanel` or None; panels render below the
idea's official response, in order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class IdeaPanel:
    key: str
    template: str
    context: dict = field(default_factory=dict)


_providers: list[tuple[int, Callable]] = []


def register_idea_panel(order: int):
    def decorator(provider: Callable):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])
        return provider

    return decorator


def idea_panels(idea, viewer) -> list[IdeaPanel]:
    return [panel for _order, provider in _providers if (panel := provider(idea, viewer)) is not None]
