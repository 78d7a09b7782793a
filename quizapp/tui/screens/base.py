"""What every screen of the app shares: the header and footer, texts in the app's language,
and escape to go back."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from quizapp.texts import DEFAULT_LANG, tr


class AppScreen(Screen):
    """A screen of quizapp. ``TITLE_KEY`` names its title in :mod:`quizapp.texts` (shown in
    the header after "quizapp"). Subclasses re-render their texts in :meth:`apply_language`."""

    TITLE_KEY = ""
    BINDINGS = [Binding("escape", "back", "Back")]

    @property
    def qapp(self) -> Any:
        """The :class:`quizapp.tui.app.QuizApp`."""
        return self.app

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", DEFAULT_LANG)

    def t(self, key: str, **values: Any) -> str:
        return tr(key, self.lang, **values)

    def on_mount(self) -> None:
        # Handlers run from the subclass up: a subclass's on_mount has run by now.
        if self.TITLE_KEY:
            self.sub_title = self.t(self.TITLE_KEY)
        self.refresh_content()

    def refresh_content(self) -> None:
        """Fill the screen's widgets from the app's data (after mounting, on a language change
        and whenever a subclass wants)."""

    async def apply_language(self) -> None:
        """The language changed: compose again in the new one, then refill."""
        if self.TITLE_KEY:
            self.sub_title = self.t(self.TITLE_KEY)
        await self.recompose()
        self.refresh_content()

    def action_back(self) -> None:
        """Leave this screen: pop it, or go home from a section's base screen."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        elif self.app.current_mode != "home":
            self.qapp.open_section("home")
