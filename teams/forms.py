"""Forms of the project pages. They check shapes; the services check the rules (and their errors
come back onto these forms as field errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import NoColonMixin
from accounts.models import MAX_WEEKLY_HOURS, Skill, UserSkill

from .models import MAX_HEADCOUNT, Volunteer

SKILL_ROWS = 5


class ProjectForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    goal = forms.CharField(
        label=_("Goal"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the team will achieve, and why it matters. Markdown."),
    )
    topics = forms.CharField(
        label=_("Topics"),
        max_length=300,
        required=False,
        help_text=_("Comma-separated, matched against what people want to work on: data viz, onboarding."),
    )
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    idea_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RoleForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Role"), max_length=120, help_text=_("e.g. Backend developer, UX researcher."))
    description = forms.CharField(
        label=_("What the role does"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    headcount = forms.IntegerField(label=_("People"), min_value=1, max_value=MAX_HEADCOUNT, initial=1)
    hours_per_week = forms.IntegerField(
        label=_("Hours per week, each"), min_value=1, max_value=MAX_WEEKLY_HOURS, initial=4
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        skills = [("", _("(no skill)")), *Skill.objects.order_by("name").values_list("pk", "name")]
        levels = UserSkill.Level.choices
        for i in range(SKILL_ROWS):
            self.fields[f"skill_{i}"] = forms.TypedChoiceField(
                label=_("Skill needed"), choices=skills, required=False, coerce=int, empty_value=None
            )
            self.fields[f"level_{i}"] = forms.TypedChoiceField(
                label=_("Minimum level"), choices=levels, initial=3, coerce=int
            )

    @property
    def skill_rows(self):
        return [(self[f"skill_{i}"], self[f"level_{i}"]) for i in range(SKILL_ROWS)]

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"skill_{i}") for i in range(SKILL_ROWS) if data.get(f"skill_{i}")]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each skill appears once per role."))
        return data

    def skills(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"skill_id": data[f"skill_{i}"], "min_level": data.get(f"level_{i}") or 3}
            for i in range(SKILL_ROWS)
            if data.get(f"skill_{i}")
        ]

    def to_service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data.get("description") or "",
            "headcount": data["headcount"],
            "hours_per_week": data["hours_per_week"],
            "skills": self.skills(),
        }

    @classmethod
    def initial_for(cls, role) -> dict:
        initial = {f: getattr(role, f) for f in ("name", "description", "headcount", "hours_per_week")}
        for i, req in enumerate(role.requirements.all()[:SKILL_ROWS]):
            initial[f"skill_{i}"], initial[f"level_{i}"] = req.skill_id, req.min_level
        return initial


class VolunteerForm(NoColonMixin, forms.Form):
    strength = forms.TypedChoiceField(
        label=_("How much do you want it?"), choices=Volunteer.Strength.choices, coerce=int, initial=2
    )
    note = forms.CharField(
        label=_("A short note to the project's manager"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
