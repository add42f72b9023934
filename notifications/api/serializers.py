from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from threads.api.serializers import ErrorSerializer

from ..models import Channel, Kind, Notification

__all__ = ["ErrorSerializer"]  # shared with the other APIs: one `Error` component


_KINDS = ", ".join(f"`{k}`" for k in Kind.values)
_CHANNELS = ", ".join(f"`{c}`" for c in Channel.values)


class NotificationSerializer(serializers.ModelSerializer):
    # Plain strings in the schema (documented values): other APIs have `kind` enums of their own.
    kind = serializers.CharField(read_only=True, help_text=_KINDS)
    text = serializers.CharField(read_only=True, help_text=_("The sentence to show, in your language."))
    is_unread = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "verb", "text", "title", "url", "group_key", "created_at", "read_at", "is_unread"]
        read_only_fields = fields


class NotificationListInputSerializer(serializers.Serializer):
    unread = serializers.BooleanField(required=False, default=False, help_text=_("Only unread notifications."))


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=500, allow_empty=False)


class NotificationReadResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text=_("How many were unread and are now read."))
    unread = serializers.IntegerField(help_text=_("Unread notifications left."))


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_KINDS)
    label = serializers.CharField()
    channel = serializers.CharField(help_text=_CHANNELS)


def _channel_field() -> serializers.CharField:
    return serializers.CharField(required=False, help_text=_CHANNELS)


class PreferencesSetInputSerializer(serializers.Serializer):
    """Only the kinds given change. Each value is one of the channels."""

    reply = _channel_field()
    mention = _channel_field()
    idea = _channel_field()
    team = _channel_field()
    moderation = _channel_field()

    def validate(self, attrs: dict) -> dict:
        bad = {kind: [str(_("Unknown channel."))] for kind, channel in attrs.items() if channel not in Channel.values}
        if bad:
            raise serializers.ValidationError(bad)
        return attrs
