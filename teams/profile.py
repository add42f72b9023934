"""The "Teams" section of a person's profile."""

from django.utils.translation import gettext_lazy as _

from accounts.profile import ProfileSection, register_profile_section

from .selectors import membership_list_for_person


@register_profile_section(10)
def teams_section(person, viewer) -> ProfileSection | None:
    if viewer.is_guest:
        return None
    memberships = list(membership_list_for_person(person=person, viewer=viewer))
    return ProfileSection(
        "teams", _("Teams"), "teams/includes/profile_teams.html", {"memberships": memberships, "person": person}
    )
