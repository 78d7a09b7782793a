"""Help (? or F1): the keys of the screen underneath, in the app's language, and a few tips."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from quizapp.texts import DEFAULT_LANG, tr, tr_key


#: Keys every Textual app has; the help lists them once, in its own words.
_GENERIC = {"app.focus_next", "app.focus_previous", "screen.copy_text", "command_palette",
            "quit", "help_quit"}


def key_rows(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(this screen's keys, keys that work everywhere) as (key, description) pairs."""
    app = screen.app
    lang = getattr(app, "lang", DEFAULT_LANG)
    here: list[tuple[str, str]] = []
    everywhere: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        if not binding.description or not enabled or binding.action in _GENERIC:
            continue
        if not binding.show and not isinstance(node, (Screen, App)):
            continue  # a widget's own keys (arrows, page up ...) need no explaining
        row = (app.get_key_display(binding), tr_key(binding.description, lang))
        if row in seen:
            continue
        seen.add(row)
        (everywhere if node is app else here).append(row)
    return _merge(here), _merge(everywhere)


def _merge(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One row per description, its keys joined: ``("? / f1", "Help")``."""
    keys: dict[str, list[str]] = {}
    for key, description in rows:
        keys.setdefault(description, []).append(key)
    return [(" / ".join(k), description) for description, k in keys.items()]


class HelpScreen(ModalScreen):
    """What each key does on the screen below, plus the app-wide keys."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", DEFAULT_LANG)
        here, everywhere = key_rows(self.under)
        everywhere.append(("ctrl+p", tr_key("Palette", lang)))
        everywhere.append(("ctrl+q", tr_key("Quit", lang)))
        everywhere.append(("tab / shift+tab", tr_key("Focus next", lang)))
        body = Table.grid(padding=(0, 2))
        body.add_column(style="bold cyan", no_wrap=True)
        body.add_column()
        body.add_row(Text(tr("help.keys_here", lang), style="bold underline"), "")
        for key, description in here:
            body.add_row(key, description)
        body.add_row("", "")
        body.add_row(Text(tr("help.keys_app", lang), style="bold underline"), "")
        for key, description in everywhere:
            body.add_row(key, description)
        with VerticalScroll(id="help-box"):
            yield Static(Text(tr("help.title", lang), style="bold"), id="help-title")
            yield Static(body, id="help-keys")
            yield Static(tr("help.tips", lang), id="help-tips")
            yield Static(Text(tr("help.close", lang), style="dim"), id="help-close")
