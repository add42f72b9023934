"""The home page's sections. Domain apps register a provider that returns their section for a
person (latest ideas, active threads, open projects); the home page shows them in order."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class HomeSection:
    key: str
    title: str
    items: list = field(default_factory=list)  # dicts with "title", "url", "meta"
    empty_text: str = ""
    more_url: str = ""


_providers: list[tuple[int, Callable]] = []


def register_home_section(order: int):
    def decorator(provider: Callable):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])
        return provider

    return decorator


PLACEHOLDERS = [
    HomeSection("ideas", _("Latest ideas"), empty_text=_("No ideas yet. Idea boards are coming soon.")),
    HomeSection("threads", _("Active discussions"), empty_text=_("No discussions yet.")),
    HomeSection("projects", _("Open projects"), empty_text=_("No open projects yet.")),
]


def home_sections(user) -> list[HomeSection]:
    provided = {section.key: section for _order, provider in _providers if (section := provider(user)) is not None}
    return [provided.get(placeholder.key, placeholder) for placeholder in PLACEHOLDERS] + [
        section for key, section in provided.items() if key not in {p.key for p in PLACEHOLDERS}
    ]
