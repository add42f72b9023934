from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_WEEKLY_HOURS, Department, Skill, User, UserSkill


class NoColonMixin:
    """Labels without Django's trailing colon (the layout already sets labels apart)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ProfileForm(NoColonMixin, forms.ModelForm):
    weekly_availability = forms.IntegerField(
        label=_("Free hours per week"),
        min_value=0,
        max_value=MAX_WEEKLY_HOURS,
        help_text=_("Hours per week you could give to projects beyond your current work (0-%(max)d).")
        % {"max": MAX_WEEKLY_HOURS},
    )
    department = forms.ModelChoiceField(queryset=Department.objects.all(), required=False, label=_("Department"))

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "department", "weekly_availability", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def to_service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        department = data.pop("department")
        data["department_id"] = department.pk if department else None
        return data


class SkillSetForm(NoColonMixin, forms.Form):
    skill = forms.ModelChoiceField(queryset=Skill.objects.select_related("category"), label=_("Skill"))
    level = forms.TypedChoiceField(choices=UserSkill.Level.choices, coerce=int, label=_("Level"))


class InterestAddForm(NoColonMixin, forms.Form):
    skill = forms.ModelChoiceField(queryset=Skill.objects.all(), required=False, label=_("A skill you want to use"))
    topic = forms.CharField(max_length=80, required=False, label=_("or a topic you care about"))

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("skill") is None) == (not (cleaned.get("topic") or "").strip()):
            raise forms.ValidationError(_("Choose a skill or type a topic (one of the two)."))
        return cleaned


class ApiTokenCreateForm(NoColonMixin, forms.Form):
    name = forms.CharField(
        max_length=80, label=_("Token name"), help_text=_("What will use it, e.g. 'weekly report script'.")
    )
