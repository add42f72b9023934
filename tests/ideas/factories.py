"""Boards and ideas made through the services, so spaces, threads, counters and events are real."""

import itertools

from ideas import services
from ideas.models import Board, CustomerAccount

_n = itertools.count(1)


def make_board(*, owner, title: str | None = None, **kwargs) -> Board:
    return services.board_create(owner=owner, title=title or f"Board {next(_n)}", **kwargs)


def make_idea(*, board: Board, author, title: str | None = None, body: str = "Let us do this.", **kwargs):
    title = title or f"Idea number {next(_n)}"
    return services.idea_post(board_id=board.pk, author=author, title=title, body=body, **kwargs)


def make_customer(name: str | None = None) -> CustomerAccount:
    name = name or f"Customer {next(_n)}"
    return CustomerAccount.objects.create(name=name, slug=name.lower().replace(" ", "-"))
