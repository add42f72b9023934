"""Input (`<Noun><Verb>InputSerializer`) and output (`<Model>Serializer`) shapes of the discussions API.

Input serializers check types only; the rules (lengths after trimming, who may do what) are the
services'. Post text is not length-checked here: the service counts it after trimming and turning
CRLF into LF, which a raw `max_length` would get wrong for text from a browser.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import PersonRefSerializer
from threads import search
from threads.markdown import MAX_LENGTH
from threads.models import Post, PostRevision, Reaction, Space, Thread, ThreadSubscription
from threads.services import MAX_TITLE_LENGTH

ID_MAX = 2**63 - 1

BODY_HELP = format_lazy(
    _("Markdown, at most {max} characters once trimmed. Mention people with @username."), max=MAX_LENGTH
)


def _body_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=BODY_HELP, **kwargs)


def _id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


# `level` is also the name of the (integer) skill-level enum of the accounts API: an enum component
# here would collide with it. The choice set is described inline instead.
@extend_schema_field(
    {
        "oneOf": [{"type": "string", "enum": ThreadSubscription.Level.values}],
        "nullable": True,
        "description": "`watching`: hear about every reply; `muted`: never; null: the default "
        "(watch the threads you wrote in).",
    }
)
class WatchLevelField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ThreadSubscription.Level.choices, allow_null=True, **kwargs)


class PostTextField(serializers.CharField):
    """The text of a post or of one of its revisions: empty once the post is deleted."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        if getattr(instance, "is_deleted", False) or self.context.get("post_is_deleted"):
            return ""
        return super().get_attribute(instance)


# --- errors (what collab.api.exceptions.api_exception_handler answers) -------------------------------


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Stable, e.g. `invalid`, `not_found`, `forbidden`, `thread_locked`."))
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Messages by input field, when the error is about some fields."),
    )


# --- output ---------------------------------------------------------------------------------------


class SpaceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Space
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class SpaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Space
        fields = ["id", "name", "slug", "description", "visibility", "is_archived", "created_at"]
        read_only_fields = fields


class SpaceListItemSerializer(SpaceSerializer):
    thread_count = serializers.IntegerField(read_only=True)

    class Meta(SpaceSerializer.Meta):
        fields = [*SpaceSerializer.Meta.fields, "thread_count"]
        read_only_fields = fields


class ReactionCountSerializer(serializers.Serializer):
    emoji = serializers.CharField(read_only=True, help_text=_("The reaction's code, e.g. `+1`, `heart`."))
    label = serializers.CharField(read_only=True, help_text=_("The emoji itself, e.g. 👍."))
    count = serializers.IntegerField(read_only=True)
    mine = serializers.BooleanField(read_only=True, help_text=_("Whether you gave this reaction."))


class PostSerializer(serializers.ModelSerializer):
    thread_id = serializers.IntegerField(read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    author = PersonRefSerializer(read_only=True)
    body = PostTextField(help_text=_("Markdown; empty when the post is deleted."))
    body_html = PostTextField(help_text=_("Sanitized HTML of `body`; empty when the post is deleted."))
    reactions = ReactionCountSerializer(source="reaction_counts", many=True, read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "thread_id",
            "parent_id",
            "depth",
            "path",
            "author",
            "body",
            "body_html",
            "version",
            "created_at",
            "edited_at",
            "is_deleted",
            "reactions",
        ]
        read_only_fields = fields


class PostSummarySerializer(serializers.ModelSerializer):
    thread_id = serializers.IntegerField(read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "thread_id", "parent_id", "depth", "author", "created_at", "edited_at"]
        read_only_fields = fields


class PostRevisionSerializer(serializers.ModelSerializer):
    body = PostTextField(help_text=_("Markdown of this version; empty when the post is deleted."))
    body_html = PostTextField()
    editor = PersonRefSerializer(read_only=True, allow_null=True, help_text=_("Who replaced this version."))

    class Meta:
        model = PostRevision
        fields = ["version", "body", "body_html", "created_at", "replaced_at", "editor"]
        read_only_fields = fields


class ThreadRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Thread
        fields = ["id", "title"]
        read_only_fields = fields


class ThreadSerializer(serializers.ModelSerializer):
    space = SpaceRefSerializer(read_only=True)
    author = PersonRefSerializer(read_only=True)
    accepted_post_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Thread
        fields = [
            "id",
            "space",
            "title",
            "author",
            "created_at",
            "last_activity_at",
            "reply_count",
            "is_pinned",
            "is_locked",
            "is_hidden",
            "accepted_post_id",
        ]
        read_only_fields = fields


class ThreadListItemSerializer(ThreadSerializer):
    is_unread = serializers.BooleanField(read_only=True, help_text=_("Activity since you last read it."))

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "is_unread"]
        read_only_fields = fields


class ThreadDetailSerializer(ThreadSerializer):
    opening_post = PostSerializer(read_only=True)

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "opening_post"]
        read_only_fields = fields


class ThreadPageSerializer(serializers.Serializer):
    """One page of a thread (`selectors.ThreadPage`)."""

    page = serializers.IntegerField(source="number", read_only=True)
    page_count = serializers.IntegerField(read_only=True)
    top_level_count = serializers.IntegerField(read_only=True, help_text=_("Direct replies to the opening post."))
    has_next = serializers.BooleanField(read_only=True)
    has_previous = serializers.BooleanField(read_only=True)
    watch_level = WatchLevelField(read_only=True)
    posts = PostSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "Depth-first: each top-level reply is followed by its whole sub-tree. Page 1 starts with the opening post."
        ),
    )


class ThreadWatchSerializer(serializers.Serializer):
    level = WatchLevelField(read_only=True)


class ReactionStateSerializer(serializers.Serializer):
    emoji = serializers.CharField(read_only=True)
    active = serializers.BooleanField(read_only=True, help_text=_("Whether your reaction is on now."))


class SearchHitSerializer(serializers.Serializer):
    post = PostSummarySerializer(read_only=True)
    thread = ThreadRefSerializer(source="post.thread", read_only=True)
    space = SpaceRefSerializer(source="post.thread.space", read_only=True)
    snippet_html = serializers.CharField(
        source="snippet", read_only=True, help_text=_("Escaped text around the matches, which are in <mark>.")
    )


# --- input ----------------------------------------------------------------------------------------


class SpaceCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    visibility = serializers.ChoiceField(choices=Space.Visibility.choices, default=Space.Visibility.PUBLIC)
    department_ids = serializers.ListField(
        child=_id_field(),
        required=False,
        default=list,
        max_length=500,
        help_text=_("Departments that see a `department` space (at least one)."),
    )
    member_ids = serializers.ListField(
        child=_id_field(),
        required=False,
        default=list,
        max_length=500,
        help_text=_("People in a `private` space (you are always one)."),
    )
    slug = serializers.SlugField(max_length=120, required=False, allow_blank=True, default="")


class ThreadStartInputSerializer(serializers.Serializer):
    title = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text=format_lazy(_("At most {max} characters."), max=MAX_TITLE_LENGTH),
    )
    body = _body_field()


class ThreadPageInputSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False, default=1)


class ReplyPostInputSerializer(serializers.Serializer):
    body = _body_field()
    parent_id = _id_field(
        required=False, allow_null=True, default=None, help_text=_("The post replied to; the opening post if omitted.")
    )


class PostEditInputSerializer(serializers.Serializer):
    body = _body_field()


class ReactionToggleInputSerializer(serializers.Serializer):
    emoji = serializers.ChoiceField(choices=Reaction.Emoji.choices)


class ThreadWatchInputSerializer(serializers.Serializer):
    level = WatchLevelField()


class ThreadPinInputSerializer(serializers.Serializer):
    pinned = serializers.BooleanField(default=True)


class ThreadLockInputSerializer(serializers.Serializer):
    locked = serializers.BooleanField(default=True)


class AnswerAcceptInputSerializer(serializers.Serializer):
    post_id = _id_field(allow_null=True, help_text=_("A reply of this thread, or null to take the answer back."))


class PostSearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Words to look for."))
    space = _id_field(required=False, allow_null=True, default=None, help_text=_("Only in this space."))
    author = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=150, help_text=_("Only posts by this username.")
    )
    limit = serializers.IntegerField(min_value=1, max_value=search.MAX_RESULTS, required=False, default=20)
