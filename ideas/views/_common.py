"""Helpers shared by the idea board pages (the generic ones live in collab.pages)."""

from collab.pages import form_error, int_or_none, is_htmx, redirect_back, write_rate

PAGE_SIZE = 20

__all__ = ["PAGE_SIZE", "form_error", "int_or_none", "is_htmx", "redirect_back", "write_rate"]
