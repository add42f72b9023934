from django import forms
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext_lazy as _

from .models import Reason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why?"), choices=Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note for the moderators"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionActionForm(ActionForm):
    """The admin's action bar: every decision carries a reason (the audit log's "why"); a
    suspension its length."""

    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    days = forms.IntegerField(label=_("Days (suspension)"), required=False, min_value=1, max_value=365, initial=7)
