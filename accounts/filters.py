import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Department, Role, Skill, User


class PersonFilter(django_filters.FilterSet):
    """Directory filters, shared by the people page and the people API."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    skill = django_filters.ModelChoiceFilter(
        queryset=Skill.objects.all(), field_name="user_skills__skill", method="filter_skill", label=_("Skill")
    )
    min_level = django_filters.NumberFilter(method="filter_noop", label=_("Minimum skill level"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))

    class Meta:
        model = User
        fields = ["q", "department", "skill", "min_level", "role"]

    def filter_search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
                | Q(job_title__icontains=word)
            )
        return queryset

    def filter_skill(self, queryset, name, value):
        level = self.form.cleaned_data.get("min_level") or 1
        return queryset.filter(user_skills__skill=value, user_skills__level__gte=level)

    def filter_noop(self, queryset, name, value):
        return queryset  # read by filter_skill
