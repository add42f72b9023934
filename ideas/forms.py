"""Forms of the idea board pages. They check shapes; the services check the rules (and their
errors come back onto these forms as field errors)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import NoColonMixin
from accounts.models import Department

from .models import Board, CustomerAccount, Status
from .selectors import SORTS
from .services._common import MAX_TAGS, TITLE_MAX

BODY_MAX = 20000
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"

BODY_HELP = format_lazy(
    _("Markdown: **bold**, _italic_, `code`, > quotes, lists, links. {limit}"),
    limit=format_lazy(_("At most {max} characters."), max=BODY_MAX),
)


def split_tags(value: str) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


class TagsField(forms.CharField):
    """Comma-separated tag names, cleaned to a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("label", _("Tags"))
        kwargs.setdefault("help_text", format_lazy(_("Separate tags with commas, at most {max}."), max=MAX_TAGS))
        super().__init__(**kwargs)

    def clean(self, value):
        tags = split_tags(super().clean(value))
        if len({tag.lower() for tag in tags}) > MAX_TAGS:
            raise forms.ValidationError(_("An idea has at most %(max)d tags."), params={"max": MAX_TAGS})
        if any(len(tag) > 40 for tag in tags):
            raise forms.ValidationError(_("A tag has at most 40 characters."))
        return tags


class IdeaForm(NoColonMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("One sentence that says what should change."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8, "data-composer": ""}),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
    )
    tags = TagsField()
    customer = forms.ModelChoiceField(
        label=_("On behalf of customer"),
        queryset=CustomerAccount.objects.none(),
        required=False,
        empty_label=_("Nobody: it is my own idea"),
        help_text=_("Posting what a customer asked for? Choose the customer: the idea is shown as theirs."),
    )

    def __init__(self, *args, customers=None, similar_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if customers is None:
            del self.fields["customer"]
        else:
            self.fields["customer"].queryset = customers
        if similar_url:
            # While the title is typed, similar ideas appear below it (htmx; nothing without JS).
            self.fields["title"].widget.attrs.update(
                {
                    "hx-get": similar_url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#similar-ideas",
                    "hx-swap": "innerHTML",
                    "aria-describedby": "similar-ideas",
                }
            )


class IdeaEditForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10, "data-composer": ""}),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
    )
    tags = TagsField()


class VoteForm(forms.Form):
    """value 1 (for), -1 (against, up/down boards), 0 (take the vote back); action "acknowledge"
    keeps a vote on an idea that changed since."""

    value = forms.TypedChoiceField(choices=[("1", "1"), ("-1", "-1"), ("0", "0")], coerce=int, required=False)
    action = forms.ChoiceField(choices=[("", ""), ("acknowledge", "acknowledge")], required=False)

    def clean(self):
        data = super().clean()
        if not data.get("action") and data.get("value") in (None, ""):
            raise forms.ValidationError(_("Choose a vote."))
        return data


class FollowForm(forms.Form):
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])


class StatusForm(NoColonMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    response = forms.CharField(
        label=_("Official response"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_("Shown on the idea and sent to its followers and voters. Markdown."),
    )


class MergeForm(NoColonMixin, forms.Form):
    original = forms.TypedChoiceField(
        label=_("Merge this idea into"),
        coerce=int,
        help_text=_("The votes, followers and tags move to the original; this idea's page will lead there."),
    )

    def __init__(self, *args, similar=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)
        similar_ids = {s.id for s in similar}
        choices: list = [("", _("Choose the original idea…"))]
        if similar:
            choices.append((_("Similar ideas"), [(s.id, s.title) for s in similar]))
        rest = [(i.pk, i.title) for i in others if i.pk not in similar_ids]
        if rest:
            choices.append((_("Other ideas of this board") if similar else _("Ideas of this board"), rest))
        self.fields["original"].choices = choices


class CoauthorForm(NoColonMixin, forms.Form):
    action = forms.ChoiceField(
        choices=[("invite", "invite"), ("accept", "accept"), ("decline", "decline"), ("remove", "remove")]
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_("Co-authors can edit the idea once they accept."),
    )
    user_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("action") == "invite" and not data.get("username"):
            self.add_error("username", _("Enter the username of the person to invite."))
        if data.get("action") == "remove" and not data.get("user_id"):
            self.add_error("user_id", _("Choose whom to remove."))
        return data


class CustomerVoteForm(NoColonMixin, forms.Form):
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")], widget=forms.HiddenInput)
    customer = forms.ModelChoiceField(label=_("Customer"), queryset=CustomerAccount.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, customers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = customers if customers is not None else CustomerAccount.objects.all()


class ModerateForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", "hide"), ("restore", "restore")])


class IdeaFilterForm(forms.Form):
    """The board page's query string: sort, filters, search, page."""

    sort = forms.ChoiceField(choices=[(s, s) for s in SORTS], required=False)
    q = forms.CharField(label=_("Search ideas"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *Status.choices], required=False)
    tag = forms.CharField(label=_("Tag"), max_length=40, required=False)
    mine = forms.BooleanField(label=_("My ideas"), required=False)
    voted = forms.BooleanField(label=_("Ideas I voted for"), required=False)
    customer_voice = forms.BooleanField(label=_("With customer voice"), required=False)
    customer = forms.IntegerField(label=_("Customer"), required=False, min_value=1)

    def __init__(self, *args, tags=(), customers=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.tag_choices = [("", _("Any tag")), *((t.slug, t.name) for t in tags)]
        self.customer_choices = [("", _("Any customer")), *((c.pk, c.name) for c in customers or ())]
        if customers is None:
            del self.fields["customer"]
            del self.fields["customer_voice"]

    def value(self, name, default=None):
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


class BoardForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=150,
        required=False,
        help_text=_("The last part of the board's address, as in /boards/green-office/. Empty: made from the title."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Board.Kind.choices, widget=forms.RadioSelect)
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        required=False,
        help_text=_("For a campaign: the question people answer with their ideas."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("Markdown."),
    )
    opens_at = _datetime_field(_("Opens at"))
    closes_at = _datetime_field(_("Closes at"))
    audience = forms.ChoiceField(label=_("Audience"), choices=Board.Audience.choices, widget=forms.RadioSelect)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who sees the board when its audience is some departments."),
    )
    voting = forms.ChoiceField(label=_("Voting"), choices=Board.Voting.choices, widget=forms.RadioSelect)
    vote_budget = forms.IntegerField(
        label=_("Vote budget"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_(
            "Votes each person may have on open ideas of this board; given back when an idea is done or "
            "declined. Empty for no limit."
        ),
    )
    is_archived = forms.BooleanField(
        label=_("Archived"), required=False, help_text=_("An archived board is read-only and left off the list.")
    )

    def __init__(self, *args, editing: bool = False, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.board_kind = kind
        if editing:
            # The kind and address of a board are set when it opens (links and discussions point at them).
            del self.fields["slug"]
            del self.fields["kind"]
        else:
            del self.fields["is_archived"]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A campaign must close after it opens."))
        if (
            (data.get("kind") or self.board_kind) == Board.Kind.CAMPAIGN
            and not closes
            and "closes_at" not in self.errors
        ):
            self.add_error("closes_at", _("A campaign needs a closing date."))
        if data.get("audience") == Board.Audience.DEPARTMENTS and not data.get("departments"):
            self.add_error("departments", _("Choose at least one department."))
        return data

    @classmethod
    def initial_for(cls, board: Board) -> dict:
        return {
            "title": board.title,
            "question": board.question,
            "description": board.description,
            "opens_at": board.opens_at,
            "closes_at": board.closes_at,
            "audience": board.audience,
            "departments": list(board.departments.all()),
            "voting": board.voting,
            "vote_budget": board.vote_budget,
            "is_archived": board.is_archived,
        }


class GuestInviteForm(NoColonMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class GuestRemoveForm(forms.Form):
    user_id = forms.IntegerField()
