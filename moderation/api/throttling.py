from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class _FlagThrottle(SimpleRateThrottle):
    """Flag requests (`MODERATION_FLAG_RATE`): a 429 with `Retry-After` past it."""

    def get_rate(self):
        return settings.MODERATION_FLAG_RATE


class FlagUserThrottle(_FlagThrottle):
    scope = "flags_user"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class FlagIpThrottle(_FlagThrottle):
    """Per address too: many accounts behind one address (a script) share one budget."""

    scope = "flags_ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
