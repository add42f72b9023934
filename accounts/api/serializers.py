from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import MAX_WEEKLY_HOURS, ApiToken, Department, Interest, Skill, User, UserSkill


class DepartmentSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Department
        fields = ["id", "name", "slug", "parent_id", "description", "member_count"]


class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "slug"]


class SkillSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")

    class Meta:
        model = Skill
        fields = ["id", "name", "slug", "category", "description"]


class UserSkillSerializer(serializers.ModelSerializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField(source="skill.name")
    category = serializers.CharField(source="skill.category.name")

    class Meta:
        model = UserSkill
        fields = ["skill_id", "name", "category", "level"]


class InterestSerializer(serializers.ModelSerializer):
    skill_id = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()

    class Meta:
        model = Interest
        fields = ["id", "skill_id", "topic", "label"]


class PersonRefSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField()

    class Meta:
        model = User
        fields = ["id", "username", "display_name"]


class PersonSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField()
    department = DepartmentRefSerializer(allow_null=True)
    manager = PersonRefSerializer(allow_null=True)
    skills = UserSkillSerializer(source="user_skills", many=True)
    interests = InterestSerializer(many=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "first_name",
            "last_name",
            "job_title",
            "department",
            "manager",
            "role",
            "bio",
            "weekly_availability",
            "skills",
            "interests",
        ]


class MeSerializer(PersonSerializer):
    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "email", "date_joined"]


class ProfileUpdateInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    job_title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    weekly_availability = serializers.IntegerField(min_value=0, max_value=MAX_WEEKLY_HOURS, required=False)
    department_id = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, source="department"
    )

    def to_service_kwargs(self) -> dict:
        data = dict(self.validated_data)
        if "department" in data:
            department = data.pop("department")
            data["department_id"] = department.pk if department else None
        return data


class UserSkillSetInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=UserSkill.Level.choices)


class InterestAddInputSerializer(serializers.Serializer):
    skill_id = serializers.PrimaryKeyRelatedField(
        queryset=Skill.objects.all(), required=False, allow_null=True, source="skill"
    )
    topic = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if (attrs.get("skill") is None) == (not attrs.get("topic", "").strip()):
            raise serializers.ValidationError({"topic": [_("Give either skill_id or topic.")]})
        return attrs


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.CharField(help_text=_("The secret. It is shown once and never again."))

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]


class ApiTokenCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)
