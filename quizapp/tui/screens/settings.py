"""Settings: the language (also ``--lang``) and the theme, both remembered in the progress
database; where the files are."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from quizapp.paths import workspace_dir
from quizapp.texts import LANGS, tr
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import LocalFooter


class SettingsScreen(AppScreen):
    TITLE_KEY = "settings.title"
    BINDINGS = [Binding("l", "toggle_lang", "Language")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings"):
            yield Static(self.t("settings.language"), classes="section-title")
            with RadioSet(id="settings-lang"):
                for lang in LANGS:
                    yield RadioButton(tr(f"lang.{lang}", self.lang), value=lang == self.lang,
                                      id=f"lang-{lang}")
            yield Static(self.t("settings.theme"), classes="section-title")
            yield OptionList(id="settings-theme")
            yield Static(self.t("settings.files"), classes="section-title")
            yield Static(id="settings-files")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#settings-lang").focus()

    def refresh_content(self) -> None:
        themes = self.query_one("#settings-theme", OptionList)
        themes.clear_options()
        names = sorted(self.app.available_themes)
        for name in names:
            themes.add_option(Option(("● " if name == self.app.theme else "  ") + name, id=name))
        if self.app.theme in names:
            themes.highlighted = names.index(self.app.theme)
        files = Text()
        files.append(f"{self.t('settings.db')}: ", style="bold")
        files.append(str(self.qapp.db_path) + ("  (temporary)" if self.qapp.temporary_store
                                               else "") + "\n")
        files.append(f"{self.t('settings.workspace')}: ", style="bold")
        files.append(str(workspace_dir()))
        self.query_one("#settings-files", Static).update(files)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        lang = (event.pressed.id or "").removeprefix("lang-")
        if lang in LANGS and lang != self.app.lang:
            self.app.lang = lang

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.theme = event.option.id
        self.refresh_content()

    def action_toggle_lang(self) -> None:
        self.app.lang = "en" if self.app.lang == "ko" else "ko"
