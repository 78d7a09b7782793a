"""A problem the app cannot work around on its own (a database it cannot open), said plainly."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from quizapp.texts import DEFAULT_LANG, tr
from quizapp.tui.widgets.footer import LocalFooter


class ErrorScreen(Screen[bool]):
    """Shows ``message``; dismisses with True ("go on without saving") or False ("quit")."""

    BINDINGS = [Binding("q", "quit_app", "Quit"), Binding("c", "go_on", "Go on")]

    def __init__(self, message: str, *, allow_continue: bool = True) -> None:
        super().__init__()
        self.message = message
        self.allow_continue = allow_continue

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", DEFAULT_LANG)
        yield Header()
        with Vertical(id="error-box"):
            yield Static(Text(tr("error.title", lang), style="bold red"), id="error-title")
            yield Static(Text(tr("error.db", lang), style="bold"))
            yield Static(self.message, id="error-message")
            yield Static(tr("error.continue", lang), id="error-keys")
        yield LocalFooter()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "go_on":
            return self.allow_continue
        return True

    def action_go_on(self) -> None:
        self.dismiss(True)

    def action_quit_app(self) -> None:
        self.dismiss(False)
