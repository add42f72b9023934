"""Output shapes of projects, roles (with the reader's fit), volunteers and seats."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.api.serializers import PersonRefSerializer
from teams.models import Membership, Project, ProjectRole, Volunteer

from ._fields import _status_field

# --- output: projects and roles ---------------------------------------------------------------------


class ProjectRefSerializer(serializers.ModelSerializer):
    status = _status_field(Project.Status.choices)

    class Meta:
        model = Project
        fields = ["id", "title", "status"]
        read_only_fields = fields


class RoleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectRole
        fields = ["id", "name", "hours_per_week"]
        read_only_fields = fields


class RequiredSkillSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="skill.name", read_only=True)
    min_level = serializers.IntegerField(read_only=True, help_text=_("1 to 5."))


class FitSkillSerializer(serializers.Serializer):
    """One of the role's skills as the reader has it; reads the selector's (name, level, minimum) tuples."""

    name = serializers.CharField(read_only=True)
    level = serializers.IntegerField(read_only=True, help_text=_("Your level, 0 when you do not have it."))
    min_level = serializers.IntegerField(read_only=True)

    def to_representation(self, instance):
        name, level, minimum = instance
        return {"name": name, "level": level, "min_level": minimum}


class RoleFitSerializer(serializers.Serializer):
    score = serializers.IntegerField(read_only=True, help_text=_("How well you fit the role, 0 to 100."))
    reason = serializers.CharField(read_only=True, help_text=_("Why, in a sentence."))
    enough_hours = serializers.BooleanField(read_only=True, help_text=_("You have the hours it needs free."))
    free_hours = serializers.IntegerField(read_only=True, help_text=_("Your free hours a week."))
    hours_needed = serializers.IntegerField(read_only=True)
    has = FitSkillSerializer(many=True, read_only=True, help_text=_("Required skills you have at the level."))
    short = FitSkillSerializer(many=True, read_only=True, help_text=_("Required skills you lack or have below it."))
    wants = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text=_("Its skills and topics you want to work on.")
    )


class ProjectRoleSerializer(serializers.ModelSerializer):
    project_id = serializers.IntegerField(read_only=True)
    skills = RequiredSkillSerializer(source="requirements", many=True, read_only=True)
    live_count = serializers.IntegerField(read_only=True, help_text=_("Seats invited or accepted."))
    accepted_count = serializers.IntegerField(read_only=True, help_text=_("Seats accepted."))
    volunteer_count = serializers.IntegerField(read_only=True)
    fit = RoleFitSerializer(read_only=True, allow_null=True, help_text=_("How you fit this role."))

    class Meta:
        model = ProjectRole
        fields = [
            "id",
            "project_id",
            "name",
            "description",
            "headcount",
            "hours_per_week",
            "position",
            "skills",
            "live_count",
            "accepted_count",
            "volunteer_count",
            "fit",
        ]
        read_only_fields = fields


class SeatHolderSerializer(serializers.ModelSerializer):
    status = _status_field(Membership.Status.choices)
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "person", "status"]
        read_only_fields = fields


class VolunteerSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Volunteer
        fields = ["role_id", "person", "strength", "note", "created_at"]
        read_only_fields = fields


class ProjectRoleDetailSerializer(ProjectRoleSerializer):
    members = SeatHolderSerializer(
        source="live_members", many=True, read_only=True, help_text=_("People invited to or holding its seats.")
    )
    volunteers = VolunteerSerializer(
        source="volunteer_list",
        many=True,
        read_only=True,
        allow_null=True,
        help_text=_("Who volunteered, keenest first: shown to the project's managers only (null for others)."),
    )
    my_volunteering = VolunteerSerializer(read_only=True, allow_null=True, help_text=_("Your volunteering, if any."))

    class Meta(ProjectRoleSerializer.Meta):
        fields = [*ProjectRoleSerializer.Meta.fields, "members", "volunteers", "my_volunteering"]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    status = _status_field(Project.Status.choices)
    owner = PersonRefSerializer(read_only=True)
    topics = serializers.ListField(source="topic_list", child=serializers.CharField(), read_only=True)
    idea_id = serializers.IntegerField(read_only=True, allow_null=True, help_text=_("The idea it was promoted from."))
    space_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The team's private discussion space, once people are invited.")
    )
    roles = ProjectRoleSerializer(many=True, read_only=True)
    best_fit = RoleFitSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Your best role here that you have the hours for, else your best role; null without roles."),
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "goal",
            "topics",
            "status",
            "owner",
            "idea_id",
            "space_id",
            "starts_on",
            "ends_on",
            "created_at",
            "published_at",
            "closed_at",
            "roles",
            "best_fit",
        ]
        read_only_fields = fields


class ProjectDetailSerializer(ProjectSerializer):
    roles = ProjectRoleDetailSerializer(many=True, read_only=True)
    can_manage = serializers.BooleanField(read_only=True, help_text=_("Whether you run this project."))

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "goal_html", "can_manage"]
        read_only_fields = fields


# --- output: seats ----------------------------------------------------------------------------------


class MembershipSerializer(serializers.ModelSerializer):
    status = _status_field(Membership.Status.choices)
    project = ProjectRefSerializer(read_only=True)
    role = RoleRefSerializer(read_only=True)
    person = PersonRefSerializer(read_only=True)
    invited_by = PersonRefSerializer(read_only=True)
    proposal_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The confirmed proposal that invited them.")
    )
    is_live = serializers.BooleanField(read_only=True, help_text=_("Invited or accepted: it holds the hours."))

    class Meta:
        model = Membership
        fields = [
            "id",
            "project",
            "role",
            "person",
            "status",
            "is_live",
            "hours_per_week",
            "from_volunteer",
            "proposal_id",
            "invited_by",
            "invited_at",
            "responded_at",
            "ended_at",
        ]
        read_only_fields = fields
