"""Output shapes of proposed teams (the optimizer's explanation, read from plain dicts the views
make) and of company-wide formation rounds."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.api.serializers import PersonRefSerializer
from teams.formation.result import UncoveredReason
from teams.models import FormationRound, Proposal

from ._fields import _status_field
from .projects import ProjectRefSerializer

# --- output: proposals (plain dicts made by the views) --------------------------------------------


class PersonNameSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class SkillMatchSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    level = serializers.IntegerField(read_only=True, help_text=_("The member's level, 0 when they lack it."))
    min_level = serializers.IntegerField(read_only=True)
    meets = serializers.BooleanField(read_only=True)


class LinkSerializer(serializers.Serializer):
    person = PersonNameSerializer(read_only=True)
    weight = serializers.FloatField(read_only=True, help_text=_("How much they worked together, 0 to 1."))


class ProposedMemberSerializer(serializers.Serializer):
    person = PersonNameSerializer(read_only=True)
    fixed = serializers.BooleanField(read_only=True, help_text=_("Already holds the seat (invited or accepted)."))
    fit = serializers.FloatField(read_only=True, help_text=_("0.025 to 1 (docs/formation.md)."))
    skills = SkillMatchSerializer(many=True, read_only=True, help_text=_("The role's skills as the member has them."))
    covers = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text=_("Skill ids they have at the minimum level.")
    )
    interest = serializers.FloatField(read_only=True, help_text=_("Share of the role's skills and topics they want."))
    interest_skill_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    interest_topics = serializers.ListField(child=serializers.CharField(), read_only=True)
    preference = serializers.IntegerField(read_only=True, help_text=_("Volunteered strength, 0 (did not) to 3."))
    note = serializers.CharField(read_only=True, help_text=_("Their volunteering note."))
    free_hours = serializers.FloatField(read_only=True)
    hours_after = serializers.FloatField(read_only=True, help_text=_("Free hours left with this seat."))
    links = LinkSerializer(many=True, read_only=True, help_text=_("Ties to other members, strongest first."))
    summary = serializers.CharField(read_only=True)


class AlternativeSerializer(serializers.Serializer):
    person = PersonNameSerializer(read_only=True)
    fit = serializers.FloatField(read_only=True)
    gain = serializers.FloatField(
        read_only=True, help_text=_("Change of the objective if they took the seat (negative: worse).")
    )
    covers = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    preference = serializers.IntegerField(read_only=True)


class ProposedSeatSerializer(serializers.Serializer):
    member = ProposedMemberSerializer(read_only=True, allow_null=True, help_text=_("Null: the seat stays open."))
    alternatives = AlternativeSerializer(many=True, read_only=True, help_text=_("Who could take it instead."))


class UncoveredSkillSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    min_level = serializers.IntegerField(read_only=True)
    reason = serializers.ChoiceField(choices=[(r.value, r.value) for r in UncoveredReason], read_only=True)
    message = serializers.CharField(read_only=True)
    qualified = serializers.IntegerField(read_only=True, help_text=_("Active people with the skill at the level."))
    best_level = serializers.IntegerField(read_only=True, help_text=_("The best level any active person has."))


class ProposedRoleSerializer(serializers.Serializer):
    role_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    headcount = serializers.IntegerField(read_only=True)
    hours_per_week = serializers.FloatField(read_only=True)
    open_seats = serializers.IntegerField(read_only=True)
    required = serializers.IntegerField(read_only=True, help_text=_("Required skills of the role."))
    seats = ProposedSeatSerializer(many=True, read_only=True, help_text=_("Filled seats first."))
    uncovered = UncoveredSkillSerializer(
        many=True, read_only=True, help_text=_("Required skills no member has at the level, and why.")
    )


class BlockingPairSerializer(serializers.Serializer):
    person = PersonNameSerializer(read_only=True)
    role_id = serializers.IntegerField(read_only=True)
    strength = serializers.IntegerField(read_only=True)
    held_strength = serializers.IntegerField(read_only=True)
    displaces = PersonNameSerializer(read_only=True, allow_null=True)


class ProposalSerializer(serializers.ModelSerializer):
    status = _status_field(Proposal.Status.choices)
    project = ProjectRefSerializer(read_only=True)
    round_id = serializers.IntegerField(read_only=True, allow_null=True)
    created_by = PersonRefSerializer(read_only=True)
    confirmed_by = PersonRefSerializer(read_only=True, allow_null=True)
    optimal = serializers.BooleanField(read_only=True, help_text=_("Proven optimal (exact solver)."))
    gap = serializers.FloatField(read_only=True, allow_null=True, help_text=_("1 - objective / upper bound."))
    based_on = serializers.CharField(read_only=True, help_text=_("The solver of the proposal a swap edited."))
    ties = serializers.FloatField(read_only=True, help_text=_("Sum of the collaboration ties among members."))
    departments = serializers.IntegerField(read_only=True, help_text=_("Distinct departments among members."))
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    roles = ProposedRoleSerializer(many=True, read_only=True)
    blocking_pairs = BlockingPairSerializer(
        many=True,
        read_only=True,
        help_text=_("Volunteers and roles that would rather have each other than what is proposed."),
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "project",
            "round_id",
            "status",
            "solver",
            "based_on",
            "optimal",
            "gap",
            "seconds",
            "covered",
            "required",
            "total_fit",
            "swaps",
            "ties",
            "departments",
            "warnings",
            "roles",
            "blocking_pairs",
            "created_by",
            "created_at",
            "confirmed_by",
            "confirmed_at",
        ]
        read_only_fields = fields


# --- output: rounds ---------------------------------------------------------------------------------


class FormationRoundSerializer(serializers.ModelSerializer):
    status = _status_field(FormationRound.Status.choices)
    created_by = PersonRefSerializer(read_only=True)
    project_count = serializers.IntegerField(read_only=True)
    summary = serializers.DictField(
        read_only=True,
        help_text=_("When done: projects, candidates, seats, filled, covered, coverable, fit, gap, seconds..."),
    )

    class Meta:
        model = FormationRound
        fields = [
            "id",
            "status",
            "progress",
            "stage",
            "solver",
            "project_count",
            "summary",
            "error",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class RoundProposalSerializer(serializers.ModelSerializer):
    status = _status_field(Proposal.Status.choices)
    project = ProjectRefSerializer(read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "project", "status", "covered", "required", "total_fit"]
        read_only_fields = fields


class FormationRoundDetailSerializer(FormationRoundSerializer):
    proposals = RoundProposalSerializer(
        source="proposal_list", many=True, read_only=True, help_text=_("One draft per project once it is done.")
    )

    class Meta(FormationRoundSerializer.Meta):
        fields = [*FormationRoundSerializer.Meta.fields, "proposals"]
        read_only_fields = fields


class SeatProblemSerializer(serializers.Serializer):
    role_id = serializers.IntegerField(read_only=True, required=False)
    person_id = serializers.IntegerField(read_only=True, required=False)
    code = serializers.CharField(
        read_only=True, help_text=_("`over_capacity`, `role_full`, `already_seated`, `inactive`, `guest`...")
    )
    message = serializers.CharField(read_only=True)


class RoundProjectOutcomeSerializer(serializers.Serializer):
    project_id = serializers.IntegerField(read_only=True)
    confirmed = serializers.BooleanField(read_only=True)
    problems = SeatProblemSerializer(many=True, read_only=True, help_text=_("Why it stays a draft."))


class RoundConfirmSerializer(serializers.Serializer):
    round_id = serializers.IntegerField(read_only=True)
    projects = RoundProjectOutcomeSerializer(many=True, read_only=True)
