"""Fields and help texts the project teams serializers share."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import MAX_WEEKLY_HOURS
from teams.models import MAX_HEADCOUNT

ID_MAX = 2**63 - 1
SMALL_MAX = 2**31 - 1  # an integer the services can range-check without the database overflowing


def _id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


def _number_field(**kwargs) -> serializers.IntegerField:
    # The range is the services' rule (their message says why); this only keeps the value an integer.
    return serializers.IntegerField(min_value=-SMALL_MAX, max_value=SMALL_MAX, **kwargs)


def _text_field(**kwargs) -> serializers.CharField:
    # Not trimmed here: the services trim and count what is left.
    return serializers.CharField(allow_blank=True, trim_whitespace=False, **kwargs)


class TopicField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=100, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if "," in value:
            raise serializers.ValidationError(_("A topic has no comma."))
        return value


def _status_field(choices) -> serializers.CharField:
    # A string, not an enum: `status` enums of other apps would collide in the schema's component names
    # (drf-spectacular's ENUM_NAME_OVERRIDES, in settings, would allow enums here).
    values = ", ".join(f"`{value}`" for value, _label in choices)
    return serializers.CharField(read_only=True, help_text=format_lazy(_("One of {values}."), values=values))


TOPICS_HELP = _("Topics people may be interested in, e.g. `data viz`; at most 300 characters in all.")
HOURS_HELP = format_lazy(_("Hours a week each seat takes, 1 to {max}."), max=MAX_WEEKLY_HOURS)
HEADCOUNT_HELP = format_lazy(_("Seats of the role, 1 to {max}."), max=MAX_HEADCOUNT)
