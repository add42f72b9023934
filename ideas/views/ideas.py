"""Idea pages: posting (with the similar-ideas hint), the idea itself with its discussion, editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError, Forbidden, NotFound
from collab.realtime.log import topic_last_seq
from threads import events as thread_events
from threads import markdown
from threads import selectors as thread_selectors
from threads import services as thread_services
from threads.forms import ReplyForm
from threads.models import Reaction

from .. import events, selectors, services
from ..forms import (
    CoauthorForm,
    CustomerVoteForm,
    IdeaEditForm,
    IdeaForm,
    MergeForm,
    StatusForm,
)
from ..models import Idea
from ..panels import idea_panels
from ._common import form_error, int_or_none, write_rate


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def idea_create(request, slug: str):
    """Post an idea. While the title is typed, similar ideas of the board are shown (idea_similar)."""
    board = selectors.board_get_for_user(slug=slug, user=request.user)
    if not board.is_open:
        context = {"board": board, "closed": True, "now": timezone.now()}
        return render(request, "ideas/idea_form.html", context, status=409 if request.method == "POST" else 200)
    customers = selectors.customer_list() if selectors.can_capture_customer_voice(request.user) else None
    similar_url = reverse("idea_similar", args=[board.slug])
    form = IdeaForm(
        request.POST or None,
        customers=customers,
        similar_url=similar_url,
        initial={"title": request.GET.get("title", "")[:160]},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "preview":
            preview = markdown.render(data["body"]).html
        else:
            customer = data.get("customer")
            try:
                idea = services.idea_post(
                    board_id=board.pk,
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    tags=data["tags"],
                    customer_id=customer.pk if customer else None,
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Your idea is posted."))
                return redirect("idea_detail", idea_id=idea.pk)
    similar = []
    if request.method == "POST" and form.data.get("title"):
        similar = _similar_with_votes(board, request.user, form.data.get("title", ""))
    context = {"board": board, "form": form, "preview": preview, "similar": similar, "closed": False}
    return render(request, "ideas/idea_form.html", context, status=400 if form.errors else 200)


def _similar_with_votes(board, user, title: str, exclude_id: int | None = None) -> list[Idea]:
    found = selectors.idea_similar(board=board, user=user, title=title, exclude_id=exclude_id)
    if not found:
        return []
    rows = selectors.idea_list_for_board(board=board, user=user).filter(pk__in=[s.id for s in found])
    by_id = {idea.pk: idea for idea in rows}
    ordered = []
    for hit in found:
        idea = by_id.get(hit.id)
        if idea is not None:
            idea.similarity = hit.similarity
            ordered.append(idea)
    return ordered


@login_required
@require_GET
def idea_similar(request, slug: str):
    """The similar-ideas hint (an htmx fragment): existing ideas like the title being typed, each
    with a link and a vote button."""
    board = selectors.board_get_for_user(slug=slug, user=request.user)
    title = request.GET.get("title", "")
    ideas = _similar_with_votes(board, request.user, title, exclude_id=int_or_none(request.GET.get("exclude")))
    context = {"board": board, "similar": ideas, "voting_open": board.is_open, "title": title}
    return render(request, "ideas/includes/similar.html", context)


def _thread_context(request, idea: Idea) -> dict:
    """The idea's discussion, as the thread page shows its first page (threads.js works on it)."""
    thread_topic = thread_events.thread_topic(idea.thread_id)
    thread_after = topic_last_seq(thread_topic)  # before the posts
    try:
        thread = thread_selectors.thread_get_for_user(thread_id=idea.thread_id, user=request.user)
    except NotFound:
        return {"thread": None}
    page = thread_selectors.thread_page(thread=thread, user=request.user, number=1)
    reply_to = int_or_none(request.GET.get("reply_to"))
    initial = {"parent_id": reply_to}
    if reply_to and request.GET.get("quote"):
        quoted = next((p for p in page.posts if p.pk == reply_to and not p.is_deleted), None)
        if quoted is not None:
            lines = "\n".join(f"> {line}" if line else ">" for line in quoted.body.splitlines())
            initial["body"] = _("@%(username)s wrote:") % {"username": quoted.author.username} + "\n" + lines + "\n\n"
    thread_services.thread_mark_read(thread=thread, user=request.user)
    return {
        "thread": thread,
        "thread_page": page,
        "page": page,  # the name the threads' post include reads
        "reply_form": ReplyForm(initial=initial),
        "reply_to": reply_to,
        "thread_topic": thread_topic,
        "thread_after": thread_after,
        "emojis": Reaction.Emoji.choices,
    }


def idea_page_context(request, idea: Idea, **forms) -> dict:
    """Everything the idea page shows; the action views render it again with their bound form."""
    user = request.user
    board = idea.board
    can_manage = selectors.can_manage_board(user=user, board=board)
    customer_voice = selectors.can_capture_customer_voice(user)
    vote = selectors.vote_get(idea=idea, user=user)
    changed_since_vote = None
    if vote is not None and vote.seen_version < idea.version:
        changed_since_vote = {
            "vote": vote,
            "revision": selectors.idea_revision_at(idea=idea, version=vote.seen_version),
        }
        if changed_since_vote["revision"] is not None:
            changed_since_vote["revision_html"] = markdown.render(changed_since_vote["revision"].body).html
    coauthors = list(selectors.idea_coauthors(idea=idea))
    my_invitation = next((c for c in coauthors if c.user_id == user.pk and not c.is_accepted), None)
    is_author = idea.author_id == user.pk or any(c.user_id == user.pk and c.is_accepted for c in coauthors)
    context = {
        "idea": idea,
        "board": board,
        "my_vote": vote.value if vote else None,
        "votes_left": selectors.votes_left(board=board, user=user),
        "voting_open": board.is_open,
        "changed_since_vote": changed_since_vote,
        "following": selectors.is_following(idea=idea, user=user),
        "tags": list(idea.tags.order_by("name")),
        "coauthors": coauthors,
        "my_invitation": my_invitation,
        "is_author": is_author,
        "can_edit": is_author or can_manage,
        "can_manage": can_manage,
        "customer_voice": customer_voice,
        "status_history": list(selectors.idea_status_history(idea=idea)),
        "merged_ideas": list(selectors.idea_merged_list(idea=idea)),
        "live_topic": events.idea_topic(idea.pk),
    }
    if customer_voice:
        customers = selectors.customer_list()
        context["customer_votes"] = list(selectors.idea_customer_votes(idea=idea))
        context["customer_vote_form"] = forms.get("customer_vote_form") or CustomerVoteForm(
            initial={"action": "add"}, customers=customers
        )
    if is_author:
        context["coauthor_form"] = forms.get("coauthor_form") or CoauthorForm(initial={"action": "invite"})
    if can_manage and not idea.is_merged:
        context["status_form"] = forms.get("status_form") or StatusForm(initial={"status": idea.status})
        context["merge_form"] = forms.get("merge_form") or merge_form_for(request, idea)
    return context


def merge_form_for(request, idea: Idea, data=None) -> MergeForm:
    """Originals to choose from: the similar ideas first, then the board's other ideas by title."""
    similar = selectors.idea_similar(board=idea.board, user=request.user, title=idea.title, exclude_id=idea.pk)
    others = selectors.idea_merge_candidates(idea=idea, user=request.user)
    return MergeForm(data, similar=similar, others=others)


def render_idea_page(request, idea: Idea, *, status: int = 200, live_after: int | None = None, **forms):
    if live_after is None:
        live_after = topic_last_seq(events.idea_topic(idea.pk))
    context = idea_page_context(request, idea, **forms)
    context.update(_thread_context(request, idea))
    context["live_after"] = live_after
    context["panels"] = idea_panels(idea, request.user)
    return render(request, "ideas/idea_detail.html", context, status=status)


@login_required
def idea_detail(request, idea_id: int):
    """An idea with its votes, status, authors and its discussion (the idea's thread, page 1);
    live on `idea.<id>` and `thread.<id>`. A merged idea leads to its original."""
    topic = events.idea_topic(idea_id)
    live_after = topic_last_seq(topic)  # before the data: what commits in between is replayed
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    if idea.is_merged:
        messages.info(request, _("“%(title)s” was merged into this idea.") % {"title": idea.title})
        return redirect("idea_detail", idea_id=idea.merged_into_id)
    return render_idea_page(request, idea, live_after=live_after)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def idea_edit(request, idea_id: int):
    """Edit an idea's title, description and tags (authors, accepted co-authors, board managers)."""
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    if idea.is_merged:
        return redirect("idea_edit", idea_id=idea.merged_into_id)
    if not selectors.is_idea_editor(user=request.user, idea=idea):
        raise Forbidden(_("Only the idea's authors can edit it."))
    initial = {
        "title": idea.title,
        "body": idea.body,
        "tags": ", ".join(tag.name for tag in idea.tags.order_by("name")),
    }
    form = IdeaEditForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "preview":
            preview = markdown.render(data["body"]).html
        else:
            try:
                services.idea_update(
                    idea_id=idea.pk, editor=request.user, title=data["title"], body=data["body"], tags=data["tags"]
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("The idea is updated."))
                return redirect("idea_detail", idea_id=idea.pk)
    context = {"idea": idea, "board": idea.board, "form": form, "preview": preview}
    return render(request, "ideas/idea_edit.html", context, status=400 if form.errors else 200)
