"""Sections other apps add to a person's profile page (the teams they are on, ...).

A provider takes (person, viewer) and returns a `ProfileSection` or None; sections render inside
the profile card, so they refresh live with it on any `person.<id>` event.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ProfileSection:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


_providers: list[tuple[int, Callable]] = []


def register_profile_section(order: int):
    def decorator(provider: Callable):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])
        return provider

    return decorator


def profile_sections(person, viewer) -> list[ProfileSection]:
    return [section for _order, provider in _providers if (section := provider(person, viewer)) is not None]
