"""Board pages: the list of boards, a board's ideas (sorted, filtered, live), opening and changing a board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError, Forbidden
from collab.realtime.log import topic_last_seq

from .. import events, selectors, services
from ..forms import BoardForm, IdeaFilterForm
from ..selectors import SORTS, IdeaFilters
from ._common import PAGE_SIZE, form_error, write_rate


def _can_open_boards(user) -> bool:
    return not user.is_guest and (user.is_manager or user.is_moderator)


@login_required
def board_list(request):
    """Boards and campaigns the person may see (1 query for the boards, with their owners)."""
    show_archived = request.GET.get("archived") == "1"
    boards = list(selectors.board_list_for_user(user=request.user, include_archived=show_archived))
    now = timezone.now()
    for board in boards:
        board.open_now = board.is_open_at(now)
        board.not_yet_open = bool(board.opens_at and board.opens_at > now)
    context = {"boards": boards, "can_create": _can_open_boards(request.user), "show_archived": show_archived}
    return render(request, "ideas/board_list.html", context)


def _filters(form: IdeaFilterForm) -> IdeaFilters:
    if not form.is_valid():
        return IdeaFilters()
    data = form.cleaned_data
    return IdeaFilters(
        status=data.get("status") or "",
        tag=data.get("tag") or "",
        mine=bool(data.get("mine")),
        voted=bool(data.get("voted")),
        customer=data.get("customer") or None,
        customer_voice=bool(data.get("customer_voice")),
        query=(data.get("q") or "").strip(),
    )


def _query_without(request, *names: str) -> str:
    """The current query string without `names` (for sort tabs and pagination links)."""
    pairs = [(key, value) for key, values in request.GET.lists() if key not in names for value in values if value]
    return urlencode(pairs)


@login_required
def board_detail(request, slug: str):
    """A board's ideas: sorted (hot, top, new, trending, random), filtered, paginated, live on
    `board.<id>`. Queries: the board, the topic's position, the page's count, the ideas (+author,
    customer, thread, own vote), their tags, the board's tags, and votes left on budgeted boards."""
    user = request.user
    board = selectors.board_get_for_user(slug=slug, user=user)
    topic = events.board_topic(board.pk)
    live_after = topic_last_seq(topic)  # before the ideas: whatever commits in between is replayed
    customer_voice = selectors.can_capture_customer_voice(user)
    tags = list(selectors.board_tags(board=board))
    customers = list(selectors.customer_list()) if customer_voice else None
    filter_form = IdeaFilterForm(request.GET or None, tags=tags, customers=customers)
    sort = filter_form.value("sort", "hot") if request.GET else "hot"
    if sort not in SORTS:
        sort = "hot"
    filters = _filters(filter_form) if request.GET else IdeaFilters()
    ideas = selectors.idea_list_for_board(board=board, user=user, sort=sort, filters=filters).select_related("thread")
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(
        (
            filters.status,
            filters.tag,
            filters.mine,
            filters.voted,
            filters.customer,
            filters.customer_voice,
            filters.query,
        )
    )
    context = {
        "board": board,
        "page": page,
        "ideas": page.object_list,
        "sort": sort,
        "sorts": [
            ("hot", _("Hot")),
            ("top", _("Top")),
            ("new", _("New")),
            ("trending", _("Trending")),
            ("random", _("Random")),
        ],
        "filter_form": filter_form,
        "filtered": filtered,
        "sort_query": _query_without(request, "sort", "page"),
        "page_query": _query_without(request, "page"),
        "can_manage": selectors.can_manage_board(user=user, board=board),
        "customer_voice": customer_voice,
        "votes_left": selectors.votes_left(board=board, user=user),
        "voting_open": board.is_open,
        "live_topic": topic,
        "live_after": live_after,
    }
    return render(request, "ideas/board_detail.html", context)


def _board_kwargs(form: BoardForm) -> dict:
    data = dict(form.cleaned_data)
    data["department_ids"] = [d.pk for d in data.pop("departments", [])]
    return data


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def board_create(request):
    if not _can_open_boards(request.user):
        raise Forbidden(_("Only managers and moderators can open idea boards."))
    form = BoardForm(
        request.POST or None,
        initial={"kind": "open", "audience": "company", "voting": "up"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(owner=request.user, **_board_kwargs(form))
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The board is open."))
            return redirect("board_detail", slug=board.slug)
    status = 400 if form.errors else 200
    return render(request, "ideas/board_form.html", {"form": form, "board": None}, status=status)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def board_edit(request, slug: str):
    board = selectors.board_get_for_user(slug=slug, user=request.user)
    if not selectors.can_manage_board(user=request.user, board=board):
        raise Forbidden(_("Only the board's owner, managers and moderators can change it."))
    initial = BoardForm.initial_for(board)
    form = BoardForm(request.POST or None, initial=initial, editing=True, kind=board.kind)
    if request.method == "POST" and form.is_valid():
        data = _board_kwargs(form)
        department_ids = data.pop("department_ids")
        # Only what changed: a new voting rule or budget rescores every idea, a new audience
        # re-checks every live follower.
        changes = {name: value for name, value in data.items() if value != initial.get(name)}
        audience_changed = "audience" in changes or set(department_ids) != {d.pk for d in initial["departments"]}
        try:
            services.board_update(
                board_id=board.pk,
                actor=request.user,
                department_ids=department_ids if audience_changed else None,
                **changes,
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The board is updated."))
            return redirect("board_detail", slug=board.slug)
    status = 400 if form.errors else 200
    return render(request, "ideas/board_form.html", {"form": form, "board": board}, status=status)
