"""allauth adapters: no self sign-up with a password; single sign-on may create people."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from .models import Role


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Only with an address the IdP vouches for. Otherwise allauth would show a sign-up form
        # where any address can be typed, and whoever later signs in with that address verified
        # would be matched to (and share) the account made with it.
        return any(address.verified for address in sociallogin.email_addresses)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.role = Role.EMPLOYEE
        return user

    def save_user(self, request, sociallogin, form=None):
        from .services import user_role_set

        user = super().save_user(request, sociallogin, form)
        user_role_set(user=user, role=user.role or Role.EMPLOYEE, previous_role=user.role or Role.EMPLOYEE)
        return user
