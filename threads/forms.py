from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import NoColonMixin

from .markdown import MAX_LENGTH
from .models import Reaction, Space, ThreadSubscription

BODY_HELP = format_lazy(
    _("Markdown: **bold**, _italic_, `code`, > quotes, lists, links. Mention people with @username. {limit}"),
    limit=format_lazy(_("At most {max} characters."), max=MAX_LENGTH),
)


class ThreadStartForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8, "data-composer": ""}),
        max_length=MAX_LENGTH,
        help_text=BODY_HELP,
    )


class ReplyForm(NoColonMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 4, "data-composer": ""}),
        max_length=MAX_LENGTH,
        help_text=BODY_HELP,
    )
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PostEditForm(NoColonMixin, forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8, "data-composer": ""}),
        max_length=MAX_LENGTH,
        help_text=BODY_HELP,
    )


class ReactionForm(forms.Form):
    emoji = forms.ChoiceField(choices=Reaction.Emoji.choices)


class WatchForm(forms.Form):
    level = forms.ChoiceField(choices=[("", _("Default")), *ThreadSubscription.Level.choices], required=False)


class SpaceCreateForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Space.Visibility.choices)


class SearchForm(NoColonMixin, forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    space = forms.ModelChoiceField(label=_("Space"), queryset=Space.objects.none(), required=False)
    author = forms.CharField(label=_("Author (username)"), max_length=150, required=False)

    def __init__(self, *args, spaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if spaces is not None:
            self.fields["space"].queryset = spaces
