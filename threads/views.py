"""Pages for discussions: spaces, threads, the reply tree, editing, history, search."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError, Forbidden, NotFound
from collab.realtime.log import topic_last_seq
from collab.search import search_sections

from . import events, markdown, search, selectors, services
from .forms import PostEditForm, ReactionForm, ReplyForm, SearchForm, SpaceCreateForm, ThreadStartForm, WatchForm
from .models import Reaction


def write_rate(group, request) -> str:
    return settings.PAGE_WRITE_RATE


def _form_error(form, exc: ApplicationError) -> None:
    if isinstance(exc, Forbidden | NotFound):
        raise exc  # a 403/404 page, not a form error
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def space_list(request):
    spaces = selectors.space_list_for_user(user=request.user)
    return render(
        request,
        "threads/space_list.html",
        {"spaces": spaces, "can_create": request.user.is_manager or request.user.is_moderator},
    )


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def space_create(request):
    form = SpaceCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            space = services.space_create(creator=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            return redirect("space_detail", slug=space.slug)
    return render(request, "threads/space_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def space_detail(request, slug: str):
    space = selectors.space_get_for_user(slug=slug, user=request.user)
    topic = events.space_topic(space.pk)
    live_after = topic_last_seq(topic)
    page = Paginator(selectors.thread_list_for_space(space=space, user=request.user), 30).get_page(
        request.GET.get("page")
    )
    context = {"space": space, "page": page, "live_topic": topic, "live_after": live_after}
    if request.GET.get("fragment") == "threads":
        return render(request, "threads/includes/thread_rows.html", context)
    return render(request, "threads/space_detail.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    space = selectors.space_get_for_user(slug=slug, user=request.user)
    form = ThreadStartForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "preview":
            preview = markdown.render(form.cleaned_data["body"]).html
        else:
            try:
                thread = services.thread_start(space_id=space.pk, author=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                _form_error(form, exc)
            else:
                return redirect("thread_detail", thread_id=thread.pk)
    status = 400 if form.errors else 200
    return render(
        request, "threads/thread_form.html", {"space": space, "form": form, "preview": preview}, status=status
    )


@login_required
def thread_detail(request, thread_id: int):
    topic = events.thread_topic(thread_id)
    live_after = topic_last_seq(topic)  # before the data: what commits in between is replayed
    thread = selectors.thread_get_for_user(thread_id=thread_id, user=request.user)
    page = selectors.thread_page(thread=thread, user=request.user, number=_page_number(request))
    if request.GET.get("fragment") == "header":
        return render(request, "threads/includes/thread_header.html", {"thread": thread, "page": page})
    reply_to = _int(request.GET.get("reply_to"))
    initial = {"parent_id": reply_to}
    if reply_to and request.GET.get("quote"):
        quoted = next((p for p in page.posts if p.pk == reply_to and not p.is_deleted), None)
        if quoted is not None:
            initial["body"] = _quote(quoted)
    services.thread_mark_read(thread=thread, user=request.user)
    context = {
        "thread": thread,
        "page": page,
        "reply_form": ReplyForm(initial=initial),
        "reply_to": reply_to,
        "live_topic": topic,
        "live_after": live_after,
        "emojis": Reaction.Emoji.choices,
        "backlinks": selectors.backlinks_for(kind="thread", target_id=thread.pk, user=request.user),
    }
    return render(request, "threads/thread_detail.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def reply_create(request, thread_id: int):
    form = ReplyForm(request.POST)
    thread = selectors.thread_get_for_user(thread_id=thread_id, user=request.user)
    if form.is_valid():
        try:
            post = services.reply_post(
                thread_id=thread.pk,
                author=request.user,
                body=form.cleaned_data["body"],
                parent_id=form.cleaned_data["parent_id"],
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            if request.headers.get("HX-Request"):
                return HttpResponse(status=204, headers={"HX-Trigger": "reply-posted"})
            return redirect("post_permalink", thread_id=thread.pk, post_id=post.pk)
    page = selectors.thread_page(thread=thread, user=request.user, number=1)
    context = {
        "thread": thread,
        "page": page,
        "reply_form": form,
        "reply_to": None,  # the form, with its errors, goes back to the bottom of the page
        "emojis": Reaction.Emoji.choices,
        "backlinks": [],
    }
    return render(request, "threads/thread_detail.html", context, status=400)


@login_required
def post_permalink(request, thread_id: int, post_id: int):
    """Link to one reply: the page of the thread that holds it, scrolled to it."""
    post = selectors.post_get_for_user(post_id=post_id, user=request.user)
    if post.thread_id != thread_id:
        return redirect("post_permalink", thread_id=post.thread_id, post_id=post.pk)
    number = selectors.post_page_number(post=post)
    url = reverse("thread_detail", args=[post.thread_id])
    return redirect(f"{url}?page={number}#post-{post.pk}" if number > 1 else f"{url}#post-{post.pk}")


@login_required
def post_fragment(request, post_id: int):
    """One post as the thread page shows it (live updates fetch this)."""
    post = selectors.post_get_for_user(post_id=post_id, user=request.user)
    post.reaction_counts = selectors.reaction_counts_for_post(post=post, user=request.user)
    context = {"post": post, "thread": post.thread, "emojis": Reaction.Emoji.choices}
    return render(request, "threads/includes/post.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    post = selectors.post_get_for_user(post_id=post_id, user=request.user)
    if not selectors.can_edit_post(user=request.user, post=post):
        raise Forbidden()
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "preview":
            preview = markdown.render(form.cleaned_data["body"]).html
        else:
            try:
                services.post_edit(post_id=post.pk, editor=request.user, body=form.cleaned_data["body"])
            except ApplicationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Your post is updated."))
                return redirect("post_permalink", thread_id=post.thread_id, post_id=post.pk)
    status = 400 if form.errors else 200
    return render(request, "threads/post_edit.html", {"post": post, "form": form, "preview": preview}, status=status)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def post_delete(request, post_id: int):
    post = services.post_delete(post_id=post_id, actor=request.user)
    messages.success(request, _("The post is deleted."))
    return redirect("post_permalink", thread_id=post.thread_id, post_id=post.pk)


@login_required
@require_POST
def post_restore(request, post_id: int):
    post = services.post_restore(post_id=post_id, actor=request.user)
    messages.success(request, _("The post is restored."))
    return redirect("post_permalink", thread_id=post.thread_id, post_id=post.pk)


@login_required
def post_history(request, post_id: int):
    post = selectors.post_get_for_user(post_id=post_id, user=request.user)
    return render(request, "threads/post_history.html", {"post": post, "revisions": selectors.post_history(post=post)})


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def post_react(request, post_id: int):
    form = ReactionForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Unknown reaction."), status=400)
    services.reaction_toggle(post_id=post_id, user=request.user, emoji=form.cleaned_data["emoji"])
    if request.headers.get("HX-Request"):
        return post_fragment(request, post_id)
    post = selectors.post_get_for_user(post_id=post_id, user=request.user)
    return redirect("post_permalink", thread_id=post.thread_id, post_id=post.pk)


@login_required
@require_POST
def thread_watch(request, thread_id: int):
    form = WatchForm(request.POST)
    if form.is_valid():
        services.thread_watch(thread_id=thread_id, user=request.user, level=form.cleaned_data["level"] or None)
        messages.success(request, _("Your watch setting is saved."))
    return redirect("thread_detail", thread_id=thread_id)


@login_required
@require_POST
def thread_moderate(request, thread_id: int, action: str):
    on = request.POST.get("on", "1") == "1"
    if action == "pin":
        services.thread_pin(thread_id=thread_id, actor=request.user, pinned=on)
    elif action == "lock":
        services.thread_lock(thread_id=thread_id, actor=request.user, locked=on)
    elif action == "accept":
        services.answer_accept(thread_id=thread_id, post_id=_int(request.POST.get("post_id")), actor=request.user)
    return redirect("thread_detail", thread_id=thread_id)


@login_required
@require_POST
def markdown_preview(request):
    body = request.POST.get("body", "")[: markdown.MAX_LENGTH]
    return HttpResponse(markdown.render(body).html or f'<p class="empty">{_("Nothing to preview.")}</p>')


@login_required
def search_page(request):
    spaces = selectors.space_list_for_user(user=request.user)
    form = SearchForm(request.GET or None, spaces=spaces)
    hits, sections = [], []
    if form.is_valid() and form.cleaned_data["q"]:
        if not form.cleaned_data["space"] and not form.cleaned_data["author"]:
            sections = search_sections(request.user, form.cleaned_data["q"])  # ideas, ...
        space = form.cleaned_data["space"]
        hits = search.post_search_for_user(
            user=request.user,
            query=form.cleaned_data["q"],
            space_id=space.pk if space else None,
            author=form.cleaned_data["author"],
        )
    return render(request, "threads/search.html", {"form": form, "hits": hits, "sections": sections})


def _quote(post) -> str:
    lines = "\n".join(f"> {line}" if line else ">" for line in post.body.splitlines())
    return _("@%(username)s wrote:") % {"username": post.author.username} + "\n" + lines + "\n\n"


def _page_number(request) -> int:
    return max(1, _int(request.GET.get("page")) or 1)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
