"""A "Flag this person" link at the bottom of other people's profiles."""

from accounts.profile import ProfileSection, register_profile_section


@register_profile_section(100)
def flag_person_section(person, viewer) -> ProfileSection | None:
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return None
    return ProfileSection("flag", "", "moderation/includes/profile_flag.html", {"person": person})
