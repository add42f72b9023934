"""Input and output of the insights API (the dashboard's figures, and a person's own)."""

from rest_framework import serializers

from accounts.models import Department


class InsightFilterInputSerializer(serializers.Serializer):
    start = serializers.DateField(required=False, help_text="First day (default: 90 days before `end`).")
    end = serializers.DateField(required=False, help_text="Last day, inclusive (default: today).")
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, help_text="This department and the ones below it."
    )
    board = serializers.IntegerField(required=False, min_value=1, help_text="One idea board (its discussions too).")


class MyInsightFilterInputSerializer(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)


class ActivityPointSerializer(serializers.Serializer):
    period = serializers.DateField(help_text="First day of the period (day, ISO week or month).")
    people = serializers.IntegerField(help_text="Distinct people who posted, proposed or voted.")
    threads = serializers.IntegerField()
    posts = serializers.IntegerField(help_text="Every post, opening posts of threads included.")
    ideas = serializers.IntegerField()
    votes = serializers.IntegerField()


class ActivityRowSerializer(ActivityPointSerializer):
    department_id = serializers.IntegerField(allow_null=True)
    department = serializers.CharField()


class DepartmentParticipationSerializer(serializers.Serializer):
    department_id = serializers.IntegerField(allow_null=True)
    department = serializers.CharField()
    headcount = serializers.IntegerField(help_text="Active employees now (no guests).")
    contributors = serializers.IntegerField(help_text="Of them, people who contributed at least once in the range.")
    share = serializers.FloatField(allow_null=True)
    threads = serializers.IntegerField()
    posts = serializers.IntegerField()
    ideas = serializers.IntegerField()
    votes = serializers.IntegerField()


class ParticipationTotalsSerializer(serializers.Serializer):
    headcount = serializers.IntegerField()
    contributors = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)
    threads = serializers.IntegerField()
    posts = serializers.IntegerField()
    ideas = serializers.IntegerField()
    votes = serializers.IntegerField()


class ParticipationSerializer(serializers.Serializer):
    period = serializers.ChoiceField(choices=["day", "week", "month"])
    series = ActivityPointSerializer(many=True)
    departments = DepartmentParticipationSerializer(many=True)
    rows = ActivityRowSerializer(many=True)
    totals = ParticipationTotalsSerializer()


class FunnelStageSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class BoardFunnelSerializer(serializers.Serializer):
    board_id = serializers.IntegerField(allow_null=True, help_text="Null for the row of all boards.")
    board = serializers.CharField()
    posted = serializers.IntegerField()
    reached = serializers.DictField(child=serializers.IntegerField(), help_text="Ideas that reached each stage.")
    current = serializers.DictField(child=serializers.IntegerField(), help_text="Ideas in each stage now.")
    median_days = serializers.DictField(
        child=serializers.FloatField(allow_null=True), help_text="Median days of a finished stay in each stage."
    )
    no_response = serializers.IntegerField(help_text="Ideas with no status change or official response yet.")


class FunnelSerializer(serializers.Serializer):
    stages = FunnelStageSerializer(many=True)
    total = BoardFunnelSerializer()
    boards = BoardFunnelSerializer(many=True)


class SpaceResponseSerializer(serializers.Serializer):
    space_id = serializers.IntegerField()
    space = serializers.CharField()
    items = serializers.IntegerField(help_text="Threads started in the range.")
    answered = serializers.IntegerField()
    unanswered = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)


class BoardResponseSerializer(serializers.Serializer):
    board_id = serializers.IntegerField()
    board = serializers.CharField()
    items = serializers.IntegerField(help_text="Ideas posted in the range.")
    answered = serializers.IntegerField()
    unanswered = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)


class ResponsivenessSerializer(serializers.Serializer):
    threads = SpaceResponseSerializer(many=True)
    ideas = BoardResponseSerializer(many=True)


class InsightDepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DepartmentPairSerializer(serializers.Serializer):
    a_id = serializers.IntegerField()
    a = serializers.CharField()
    b_id = serializers.IntegerField()
    b = serializers.CharField()
    thread = serializers.IntegerField(help_text="Replies across the pair in discussions.")
    idea = serializers.IntegerField(help_text="Votes and comments across the pair on ideas.")
    team = serializers.IntegerField(help_text="Pairs of team members across the pair.")
    total = serializers.IntegerField()


class BridgeSerializer(serializers.Serializer):
    person_id = serializers.IntegerField()
    person = serializers.CharField()
    department = serializers.CharField()
    departments_reached = serializers.IntegerField()
    interactions = serializers.IntegerField()


class CollaborationSerializer(serializers.Serializer):
    departments = InsightDepartmentSerializer(many=True)
    pairs = DepartmentPairSerializer(many=True)
    bridges = BridgeSerializer(many=True)


class SkillDemandSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    roles = serializers.IntegerField(help_text="Roles asking for the skill.")
    min_level = serializers.IntegerField(help_text="The lowest level any of them asks.")
    people_with_skill = serializers.IntegerField()
    people_at_level = serializers.IntegerField(help_text="0: found nowhere in the company at that level.")


class TeamsSerializer(serializers.Serializer):
    projects = serializers.IntegerField()
    published = serializers.IntegerField()
    formed = serializers.IntegerField(help_text="Projects with at least one person who joined.")
    roles = serializers.IntegerField()
    roles_filled = serializers.IntegerField()
    seats = serializers.IntegerField()
    seats_filled = serializers.IntegerField()
    joined = serializers.IntegerField()
    from_volunteers = serializers.IntegerField()
    volunteer_share = serializers.FloatField(allow_null=True)
    skills = SkillDemandSerializer(many=True)
    skills_missing = serializers.IntegerField()


class MyIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    board = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    upvotes = serializers.IntegerField()
    hours_to_response = serializers.FloatField(allow_null=True)
    response = serializers.CharField()
    responded_at = serializers.DateTimeField(allow_null=True)


class MyInsightsSerializer(serializers.Serializer):
    active_days = serializers.IntegerField()
    threads = serializers.IntegerField()
    posts = serializers.IntegerField()
    ideas = serializers.IntegerField()
    votes = serializers.IntegerField()
    teams_joined = serializers.IntegerField()
    volunteered = serializers.IntegerField()
    ideas_list = MyIdeaSerializer(many=True)
    ideas_waiting = serializers.IntegerField()


SECTION_SERIALIZERS = {
    "participation": ParticipationSerializer,
    "funnel": FunnelSerializer,
    "responsiveness": ResponsivenessSerializer,
    "collaboration": CollaborationSerializer,
    "teams": TeamsSerializer,
}
