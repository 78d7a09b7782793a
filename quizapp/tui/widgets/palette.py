"""Textual's command palette with its own two texts (the search prompt and "no matches") in the
app's language; everything else is Textual's."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class LocalPalette(CommandPalette):
    """The command palette, saying ``no_matches`` when a search finds nothing."""

    def __init__(self, *, placeholder: str, no_matches: str, **kwargs) -> None:
        super().__init__(placeholder=placeholder, **kwargs)
        self.no_matches_text = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method with the text replaced (it is a literal there).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches_text, style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False  # discover mode: nothing to point out

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
