"""Extra sections of the search page. The search page belongs to the discussions app; other domain
apps (ideas, later projects) register a provider that returns their hits for a person and a query,
already filtered by what that person may see. Providers must cost a fixed number of queries."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SearchSection:
    key: str
    title: str
    items: list = field(default_factory=list)  # dicts with "title", "url", "meta", "snippet"
    more_url: str = ""


_providers: list[tuple[int, Callable]] = []


def register_search_section(order: int):
    def decorator(provider: Callable):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])
        return provider

    return decorator


def search_sections(user, query: str) -> list[SearchSection]:
    """The registered sections with hits for `query` (sections without hits are left out)."""
    sections = [provider(user, query) for _order, provider in _providers]
    return [section for section in sections if section is not None and section.items]
