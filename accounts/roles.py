"""What each role may do. A role is a field on the person mirrored into a Django group of the
same name, so permissions work everywhere Django checks them (admin, `has_perm`)."""

from django.contrib.auth.models import Group, Permission

from .models import Role

# Permissions as "app_label.codename". Later apps add theirs here.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.EMPLOYEE: [],
    Role.MANAGER: ["accounts.manage_projects", "accounts.view_user", "ideas.capture_customer_voice"],
    Role.MODERATOR: [
        "accounts.moderate",
        "accounts.view_user",
        "accounts.view_department",
        "accounts.view_skill",
        # Discussions in the admin: read everything; pin, lock, edit and (soft-)delete through the actions.
        "threads.view_space",
        "threads.view_spacemembership",
        "threads.view_thread",
        "threads.change_thread",
        "threads.view_post",
        "threads.change_post",
        "threads.view_postrevision",
        # Idea boards in the admin: read everything; change boards (through board_update) and ideas
        # (text, status, hide, restore, recount, merge: through the services).
        "ideas.view_board",
        "ideas.change_board",
        "ideas.view_boardguest",
        "ideas.view_customeraccount",
        "ideas.view_tag",
        "ideas.view_idea",
        "ideas.change_idea",
        "ideas.view_ideastatuschange",
        "ideas.view_idearevision",
        "ideas.view_ideacoauthor",
        "ideas.view_vote",
        "ideas.view_customervote",
    ],
    Role.ADMIN: [],  # admins are superusers
    Role.GUEST: [],
}
STAFF_ROLES = {Role.MODERATOR, Role.ADMIN}


def group_name(role: str) -> str:
    """Stable, untranslated group name for a role: "Manager"."""
    return Role(role).value.capitalize()


def groups_sync() -> dict[str, Group]:
    """Create the role groups and give them their permissions; safe to run any number of times."""
    groups = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
        groups[role] = group
    return groups
