from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from ideas.selectors import board_list_for_user

from .selectors.common import DEFAULT_DAYS, MAX_DAYS, InsightFilters


class InsightFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.order_by("name"), required=False, empty_label=_("All")
    )
    board = forms.TypedChoiceField(label=_("Board"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, with_scope: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            default = InsightFilters.default()
            self.initial.setdefault("start", default.start)
            self.initial.setdefault("end", default.end)
        if with_scope:
            boards = board_list_for_user(user=user, include_archived=True).values_list("pk", "title")
            self.fields["board"].choices = [("", _("All"))] + [(pk, title) for pk, title in boards]
        else:
            del self.fields["department"], self.fields["board"]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("The start must not be after the end."))
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose at most %(days)s days.") % {"days": MAX_DAYS})
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> InsightFilters:
        data = self.cleaned_data if self.is_valid() else {}
        if not data:
            return InsightFilters.default()
        department = data.get("department")
        return InsightFilters(
            start=data["start"],
            end=data["end"],
            department_id=department.pk if department else None,
            board_id=data.get("board"),
        )
