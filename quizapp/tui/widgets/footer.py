"""A Footer that shows key descriptions in the app's language."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from quizapp.texts import DEFAULT_LANG, tr_key


class LocalFooter(Footer):
    """Textual's Footer, with each key's description translated (see :mod:`quizapp.texts`)
    and recomposed when the language changes."""

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)

    def _language_changed(self, _lang: str) -> None:
        if self.is_attached:
            self.call_after_refresh(self.recompose)

    def compose(self):
        lang = getattr(self.app, "lang", DEFAULT_LANG)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = tr_key(widget.description, lang)
            yield widget
