"""Input (`<Noun><Verb>InputSerializer`) and output (`<Model>Serializer`) shapes of the idea boards API.

Input serializers check types only; the rules (title lengths after trimming, budgets, dates, who
may do what) are the services'. Customer accounts are never shown to external guests: the views
pass `show_customers` in the context, and an idea's `customer` is null without it.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import DepartmentRefSerializer, PersonRefSerializer
from accounts.models import User
from ideas.models import Board, BoardGuest, CustomerAccount, CustomerVote, Idea, IdeaCoauthor, Status, Tag
from ideas.selectors import SORTS
from ideas.services._common import MAX_TAGS, TITLE_MAX, TITLE_MIN
from threads.api.serializers import ErrorSerializer

__all__ = ["ErrorSerializer"]  # shared with the discussions API: one `Error` component

ID_MAX = 2**63 - 1


def _id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


def _text_field(**kwargs) -> serializers.CharField:
    # Not trimmed here: the services trim, turn CRLF into LF and count what is left.
    return serializers.CharField(allow_blank=True, trim_whitespace=False, **kwargs)


TITLE_HELP = format_lazy(
    _("Between {min} and {max} characters once spaces are collapsed."), min=TITLE_MIN, max=TITLE_MAX
)
BODY_HELP = _("Markdown, at most 20,000 characters once trimmed. Mention people with @username.")
TAGS_HELP = format_lazy(_("Tag names (new ones are created), at most {max} different tags."), max=MAX_TAGS)


# --- output ---------------------------------------------------------------------------------------


class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustomerAccount
        fields = ["id", "name", "slug"]
        read_only_fields = fields


@extend_schema_field(CustomerSerializer(allow_null=True))
class CustomerRefField(serializers.Field):
    """The customer an idea was posted for; null for guests, who never see customer accounts."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        if not self.context.get("show_customers"):
            return None
        return super().get_attribute(instance)

    def to_representation(self, value):
        return CustomerSerializer(value).data


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        read_only_fields = fields


class BoardRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Board
        fields = ["id", "title", "slug"]
        read_only_fields = fields


class BoardSerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)
    is_open = serializers.BooleanField(
        read_only=True, help_text=_("Takes ideas and votes now: not archived, between its opening and closing dates.")
    )
    idea_count = serializers.IntegerField(read_only=True, help_text=_("Listed ideas (merged ones not counted)."))

    class Meta:
        model = Board
        fields = [
            "id",
            "title",
            "slug",
            "kind",
            "question",
            "opens_at",
            "closes_at",
            "is_open",
            "audience",
            "voting",
            "vote_budget",
            "owner",
            "idea_count",
            "is_archived",
            "created_at",
        ]
        read_only_fields = fields


class BoardDetailSerializer(BoardSerializer):
    departments = DepartmentRefSerializer(
        many=True, read_only=True, help_text=_("The audience of a `departments` board.")
    )
    space_id = serializers.IntegerField(read_only=True, help_text=_("The discussion space of the board's ideas."))
    tags = TagSerializer(source="tag_list", many=True, read_only=True, help_text=_("Tags used on the board's ideas."))
    votes_left = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Votes you may still cast here; null when the board has no budget."),
    )
    can_manage = serializers.BooleanField(
        read_only=True, help_text=_("Whether you run this board (statuses, merges, guests, settings).")
    )

    class Meta(BoardSerializer.Meta):
        fields = [
            *BoardSerializer.Meta.fields,
            "description",
            "description_html",
            "departments",
            "space_id",
            "tags",
            "votes_left",
            "can_manage",
        ]
        read_only_fields = fields


class IdeaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Idea
        fields = ["id", "title"]
        read_only_fields = fields


class IdeaListItemSerializer(serializers.ModelSerializer):
    board = BoardRefSerializer(read_only=True)
    author = PersonRefSerializer(read_only=True)
    customer = CustomerRefField(help_text=_("Posted on behalf of this customer account."))
    tags = TagSerializer(many=True, read_only=True)
    net_votes = serializers.IntegerField(read_only=True, help_text=_("Up-votes minus down-votes."))
    customer_votes = serializers.IntegerField(read_only=True, help_text=_("Customers' votes, counted apart."))
    thread_id = serializers.IntegerField(read_only=True, help_text=_("The idea's discussion (see `/threads/`)."))
    merged_into_id = serializers.IntegerField(read_only=True, allow_null=True)
    my_vote = serializers.IntegerField(read_only=True, allow_null=True, help_text=_("Your vote: 1, -1 or null."))

    class Meta:
        model = Idea
        fields = [
            "id",
            "board",
            "title",
            "status",
            "author",
            "customer",
            "tags",
            "upvotes",
            "downvotes",
            "net_votes",
            "customer_votes",
            "follower_count",
            "created_at",
            "edited_at",
            "is_hidden",
            "thread_id",
            "merged_into_id",
            "my_vote",
        ]
        read_only_fields = fields


class IdeaDetailSerializer(IdeaListItemSerializer):
    coauthors = PersonRefSerializer(
        source="accepted_coauthors", many=True, read_only=True, help_text=_("Accepted co-authors (they may edit).")
    )
    responded_by = PersonRefSerializer(read_only=True, allow_null=True)
    merged_into = IdeaRefSerializer(
        read_only=True, allow_null=True, help_text=_("The original this duplicate was merged into; vote there.")
    )
    following = serializers.BooleanField(read_only=True)
    votes_left = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Votes you may still cast on this board; null without a budget.")
    )
    changed_since_my_vote = serializers.BooleanField(
        read_only=True,
        help_text=_("The title or description changed materially since you voted (see `/vote/acknowledge/`)."),
    )
    can_edit = serializers.BooleanField(read_only=True)
    can_manage = serializers.BooleanField(read_only=True, help_text=_("Whether you may change status and merge."))

    class Meta(IdeaListItemSerializer.Meta):
        fields = [
            *IdeaListItemSerializer.Meta.fields,
            "body",
            "body_html",
            "version",
            "response",
            "response_html",
            "responded_by",
            "responded_at",
            "coauthors",
            "merged_into",
            "following",
            "votes_left",
            "changed_since_my_vote",
            "can_edit",
            "can_manage",
        ]
        read_only_fields = fields


class SimilarIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    upvotes = serializers.IntegerField(read_only=True)
    similarity = serializers.FloatField(read_only=True, help_text=_("Trigram similarity of the titles, 0 to 1."))


class VoteStateSerializer(serializers.Serializer):
    idea_id = serializers.IntegerField(read_only=True)
    upvotes = serializers.IntegerField(read_only=True)
    downvotes = serializers.IntegerField(read_only=True)
    net_votes = serializers.IntegerField(read_only=True)
    customer_votes = serializers.IntegerField(read_only=True)
    my_vote = serializers.IntegerField(read_only=True, allow_null=True, help_text=_("Your vote now: 1, -1 or null."))
    votes_left = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Votes you may still cast on this board; null without a budget.")
    )
    changed = serializers.BooleanField(read_only=True, help_text=_("False when the request changed nothing."))


class FollowStateSerializer(serializers.Serializer):
    following = serializers.BooleanField(read_only=True)
    follower_count = serializers.IntegerField(read_only=True)


class IdeaCoauthorSerializer(serializers.ModelSerializer):
    user = PersonRefSerializer(read_only=True)
    invited_by = PersonRefSerializer(read_only=True, allow_null=True)
    is_accepted = serializers.BooleanField(read_only=True)

    class Meta:
        model = IdeaCoauthor
        fields = ["user", "invited_by", "invited_at", "accepted_at", "is_accepted"]
        read_only_fields = fields


class CustomerVoteSerializer(serializers.ModelSerializer):
    customer = CustomerSerializer(read_only=True)
    recorded_by = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CustomerVote
        fields = ["customer", "note", "recorded_by", "created_at"]
        read_only_fields = fields


class GuestSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "is_active"]
        read_only_fields = fields


class BoardGuestSerializer(serializers.ModelSerializer):
    user = GuestSerializer(read_only=True)
    invited_by = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = BoardGuest
        fields = ["user", "invited_by", "invited_at"]
        read_only_fields = fields


# --- input ----------------------------------------------------------------------------------------


class BoardListInputSerializer(serializers.Serializer):
    archived = serializers.BooleanField(required=False, default=False, help_text=_("Include archived boards."))


class BoardCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    kind = serializers.ChoiceField(choices=Board.Kind.choices, default=Board.Kind.OPEN)
    question = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    description = _text_field(required=False, default="", help_text=_("Markdown, at most 5,000 characters."))
    opens_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    closes_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text=_("Required for a campaign; after `opens_at`.")
    )
    audience = serializers.ChoiceField(choices=Board.Audience.choices, default=Board.Audience.COMPANY)
    department_ids = serializers.ListField(
        child=_id_field(),
        required=False,
        default=list,
        max_length=500,
        help_text=_("Departments that see a `departments` board (at least one)."),
    )
    voting = serializers.ChoiceField(choices=Board.Voting.choices, default=Board.Voting.UP)
    vote_budget = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("Votes per person on open ideas (1 to 1000).")
    )
    slug = serializers.SlugField(max_length=150, required=False, allow_blank=True, default="")


class BoardUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    question = serializers.CharField(max_length=300, allow_blank=True)
    description = _text_field(help_text=_("Markdown, at most 5,000 characters."))
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    audience = serializers.ChoiceField(choices=Board.Audience.choices)
    department_ids = serializers.ListField(child=_id_field(), max_length=500)
    voting = serializers.ChoiceField(
        choices=Board.Voting.choices, help_text=_("Refused while the board has down-votes when switching to `up`.")
    )
    vote_budget = serializers.IntegerField(allow_null=True, help_text=_("1 to 1000, or null for no limit."))
    is_archived = serializers.BooleanField()


class BoardGuestInviteInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class IdeaListInputSerializer(serializers.Serializer):
    sort = serializers.ChoiceField(
        choices=[(sort, sort) for sort in SORTS],
        required=False,
        default="hot",
        help_text=_(
            "`hot`: votes and freshness; `top`: most up-votes (Wilson lower bound on up/down boards); `new`; "
            "`trending`: recent up-votes; `random`: a per-person order that changes daily."
        ),
    )
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True, default="")
    tag = serializers.SlugField(max_length=40, required=False, allow_blank=True, default="", help_text=_("A tag slug."))
    mine = serializers.BooleanField(required=False, default=False, help_text=_("Only ideas you (co-)authored."))
    voted = serializers.BooleanField(required=False, default=False, help_text=_("Only ideas you voted for."))
    customer = _id_field(
        required=False, allow_null=True, default=None, help_text=_("Only ideas with this customer's voice.")
    )
    customer_voice = serializers.BooleanField(
        required=False, default=False, help_text=_("Only ideas posted or voted for on behalf of a customer.")
    )
    q = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text=_("Words in the title or text.")
    )

    def validate(self, attrs):
        user = self.context.get("user")
        if user is not None and user.is_guest:
            for name in ("customer", "customer_voice"):
                if attrs.get(name):
                    raise serializers.ValidationError({name: [_("Customer filters are not available to guests.")]})
        return attrs


class IdeaSearchInputSerializer(serializers.Serializer):
    board = _id_field(required=False, allow_null=True, default=None, help_text=_("Only on this board."))
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True, default="")
    tag = serializers.SlugField(max_length=40, required=False, allow_blank=True, default="", help_text=_("A tag slug."))
    q = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text=_("Words in the title or text.")
    )


class IdeaSimilarInputSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=300, allow_blank=True, help_text=_("The title being typed; fewer than 4 letters finds nothing.")
    )
    exclude = _id_field(required=False, allow_null=True, default=None, help_text=_("An idea to leave out."))
    limit = serializers.IntegerField(min_value=1, max_value=20, required=False, default=5)


class IdeaPostInputSerializer(serializers.Serializer):
    title = _text_field(help_text=TITLE_HELP)
    body = _text_field(help_text=BODY_HELP)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list, max_length=50, help_text=TAGS_HELP
    )
    customer_id = _id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Post on behalf of this customer account (staff with customer voice only)."),
    )


class IdeaUpdateInputSerializer(serializers.Serializer):
    title = _text_field(help_text=TITLE_HELP)
    body = _text_field(help_text=BODY_HELP)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=50, help_text=_("Replaces the idea's tags.")
    )


class VoteCastInputSerializer(serializers.Serializer):
    value = serializers.ChoiceField(
        choices=[(1, "+1"), (-1, "-1")], help_text=_("1 for, -1 against (on up/down boards only).")
    )


class IdeaStatusChangeInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    response = _text_field(
        required=False,
        help_text=_("The official response shown on the idea (Markdown, at most 5,000 characters)."),
    )


class IdeaMergeInputSerializer(serializers.Serializer):
    original_id = _id_field(help_text=_("The idea this one duplicates; it gets the votes, followers and tags."))


class IdeaCoauthorInviteInputSerializer(serializers.Serializer):
    user_id = _id_field(help_text=_("Someone who can see the idea's board."))


class CustomerVoteAddInputSerializer(serializers.Serializer):
    customer_id = _id_field()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
