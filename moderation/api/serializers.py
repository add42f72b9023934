from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from threads.api.serializers import ErrorSerializer

from ..models import Flag, Reason, TargetKind

__all__ = ["ErrorSerializer", "FlagCreateInputSerializer", "FlagSerializer"]


# Plain strings in the schema, values listed in the description: drf-spectacular gathers every
# enum into components by field name, and other apps already own "reason" and "status" enums.
@extend_schema_field({"type": "string", "description": "One of: " + ", ".join(Reason.values)})
class ReasonField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Reason.choices, **kwargs)


@extend_schema_field({"type": "string", "description": "One of: " + ", ".join(Flag.Status.values)})
class FlagStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Flag.Status.choices, **kwargs)


class FlagCreateInputSerializer(serializers.Serializer):
    target_kind = serializers.ChoiceField(choices=TargetKind.choices, help_text=_("What you flag."))
    target_id = serializers.IntegerField(min_value=1)
    reason = ReasonField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class FlagSerializer(serializers.ModelSerializer):
    target_kind = serializers.CharField(source="case.target_kind")
    target_id = serializers.IntegerField(source="case.target_id")
    reason = ReasonField(read_only=True)
    status = FlagStatusField(read_only=True)

    class Meta:
        model = Flag
        fields = ["id", "target_kind", "target_id", "reason", "note", "status", "created_at"]
        read_only_fields = fields
