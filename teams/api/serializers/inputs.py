"""Input shapes (`<Noun><Verb>InputSerializer`): types only, the rules are the services'."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from teams.models import Membership, Project, Volunteer
from teams.services.proposals import SOLVERS
from teams.services.rounds import ROUND_SOLVERS

from ._fields import HEADCOUNT_HELP, HOURS_HELP, TOPICS_HELP, TopicField, _id_field, _number_field, _text_field

# --- input ------------------------------------------------------------------------------------------


class ProjectListInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Project.Status.choices, required=False, allow_blank=True, default="")
    owned = serializers.BooleanField(required=False, default=False, help_text=_("Only projects you own."))
    q = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text=_("Words in the title, goal, topics.")
    )


class RoleSkillInputSerializer(serializers.Serializer):
    skill_id = _id_field()
    min_level = _number_field(required=False, default=3, help_text=_("1 to 5."))


class RoleCreateInputSerializer(serializers.Serializer):
    name = _text_field(max_length=1000, help_text=_("At most 120 characters."))
    description = _text_field(required=False, default="", max_length=5000, help_text=_("At most 2,000 characters."))
    headcount = _number_field(required=False, default=1, help_text=HEADCOUNT_HELP)
    hours_per_week = _number_field(help_text=HOURS_HELP)
    skills = RoleSkillInputSerializer(
        many=True, required=False, default=list, max_length=100, help_text=_("At most 20, each skill once.")
    )


class RoleUpdateInputSerializer(serializers.Serializer):
    name = _text_field(max_length=1000)
    description = _text_field(max_length=5000)
    headcount = _number_field(help_text=_("Not fewer than the people already invited."))
    hours_per_week = _number_field(help_text=_("Cannot change once people hold seats."))
    skills = RoleSkillInputSerializer(many=True, max_length=100, help_text=_("Replaces the required skills."))


class ProjectCreateInputSerializer(serializers.Serializer):
    title = _text_field(max_length=1000, help_text=_("At most 160 characters."))
    goal = _text_field(max_length=20000, help_text=_("Markdown, at most 10,000 characters."))
    topics = serializers.ListField(
        child=TopicField(), required=False, default=list, max_length=50, help_text=TOPICS_HELP
    )
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("Not before `starts_on`.")
    )
    idea_id = _id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Promote this idea (one you can see, not merged, without a project yet)."),
    )
    roles = RoleCreateInputSerializer(many=True, required=False, default=list, max_length=100)


class ProjectUpdateInputSerializer(serializers.Serializer):
    title = _text_field(max_length=1000)
    goal = _text_field(max_length=20000)
    topics = serializers.ListField(child=TopicField(), max_length=50, help_text=TOPICS_HELP)
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)


class VolunteerSetInputSerializer(serializers.Serializer):
    note = _text_field(required=False, default="", max_length=2000, help_text=_("Why you, at most 500 characters."))
    strength = _number_field(
        required=False,
        default=Volunteer.Strength.KEEN,
        help_text=_("1 would do it, 2 keen, 3 really want it."),
    )


class MemberInviteInputSerializer(serializers.Serializer):
    role_id = _id_field(help_text=_("A role of this project."))
    person_id = _id_field(help_text=_("An active employee with the role's hours free."))


class ProposalCreateInputSerializer(serializers.Serializer):
    solver = serializers.ChoiceField(
        choices=[(s, s) for s in SOLVERS],
        required=False,
        default="auto",
        help_text=_("`auto`: exact on small problems, else heuristic; `greedy` is the baseline."),
    )


class ProposalSwapInputSerializer(serializers.Serializer):
    role_id = _id_field()
    remove_person_id = _id_field(required=False, allow_null=True, default=None, help_text=_("Take them out."))
    add_person_id = _id_field(required=False, allow_null=True, default=None, help_text=_("Put them in."))


class MembershipListInputSerializer(serializers.Serializer):
    status = serializers.MultipleChoiceField(
        choices=Membership.Status.choices, required=False, help_text=_("Only seats with these statuses.")
    )


class RoundStartInputSerializer(serializers.Serializer):
    project_ids = serializers.ListField(
        child=_id_field(),
        required=False,
        allow_null=True,
        default=None,
        max_length=5000,
        help_text=_("Open projects with roles; every open project when left out."),
    )
    solver = serializers.ChoiceField(choices=[(s, s) for s in ROUND_SOLVERS], required=False, default="heuristic")
