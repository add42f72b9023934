"""External guests of a board: the managers' list and invitations, and the invitation link that
lets a guest choose a password and land on the board."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.models import User
from collab.exceptions import ApplicationError, Forbidden, NotFound

from .. import selectors, services
from ..forms import GuestInviteForm, GuestRemoveForm
from ._common import form_error, write_rate


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def board_guests(request, slug: str):
    """The guests a board is opened to; invite one by e-mail, or close the board to one."""
    board = selectors.board_get_for_user(slug=slug, user=request.user)
    if not selectors.can_manage_board(user=request.user, board=board):
        raise Forbidden(_("Only the board's owner, managers and moderators can invite guests."))
    form = GuestInviteForm(request.POST if request.POST.get("action") == "invite" else None)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            remove = GuestRemoveForm(request.POST)
            if remove.is_valid():
                services.board_guest_remove(
                    board_id=board.pk, actor=request.user, user_id=remove.cleaned_data["user_id"]
                )
                messages.success(request, _("The guest can no longer open this board."))
            return redirect("board_guests", slug=board.slug)
        if form.is_valid():
            try:
                guest = services.board_guest_invite(board_id=board.pk, actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("An invitation is on its way to %(email)s.") % {"email": guest.email})
                return redirect("board_guests", slug=board.slug)
    context = {"board": board, "guests": selectors.board_guest_list(board=board), "form": form}
    return render(request, "ideas/board_guests.html", context, status=400 if form.errors else 200)


def _guest_from(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def _landing(user: User, slug: str):
    if slug:
        try:
            board = selectors.board_get_for_user(slug=slug, user=user)
        except NotFound:
            pass
        else:
            return redirect("board_detail", slug=board.slug)
    return redirect("board_list")


@never_cache
@ratelimit(key="ip", rate="20/m", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def guest_accept(request, uidb64: str, token: str):
    """The link of the invitation e-mail: choose a password, then the board opens. A wrong, used
    or expired link says so (the token stops working once the password is set)."""
    guest = _guest_from(uidb64)
    slug = request.GET.get("board", "")
    if guest is not None and request.user.is_authenticated and request.user.pk == guest.pk:
        return _landing(guest, slug)  # already in: the link has done its work
    if guest is None or not guest.is_guest or not default_token_generator.check_token(guest, token):
        return render(request, "ideas/guest_accept_invalid.html", status=400)
    form = SetPasswordForm(guest, request.POST or None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, guest, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password is set: sign in with your e-mail address next time."))
        return _landing(guest, slug)
    context = {"form": form, "guest": guest, "board_slug": slug}
    return render(request, "ideas/guest_accept.html", context, status=400 if form.errors else 200)
