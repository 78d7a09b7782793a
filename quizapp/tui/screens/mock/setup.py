"""The mock section's base screen: choose the length, topics and seed, see past scores, start."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quizapp.mock import MINUTES, Plan, compose_plan, mock_trend, new_seed
from quizapp.tui.screens.mock.base import MockScreenBase
from quizapp.tui.screens.mock.run import MockRunScreen
from quizapp.tui.widgets.footer import LocalFooter

#: The length chosen when the screen opens.
DEFAULT_MINUTES = 30
#: Past mock interviews listed under the set-up.
PAST_SHOWN = 8


class MockScreen(MockScreenBase):
    """The section's base screen: choose the length, topics and seed, then start."""

    BINDINGS = [Binding("ctrl+s", "start", "Start")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="mock-setup"):
            yield Static(self.t("mock.setup"), id="mock-intro")
            with Horizontal(id="mock-setup-columns"):
                with Vertical(id="mock-setup-left"):
                    yield Static(self.t("mock.length"), classes="section-title")
                    yield OptionList(*[Option(self.t("mock.minutes", m=m), id=str(m))
                                       for m in MINUTES], id="mock-minutes")
                    yield Static(self.t("mock.seed"), classes="section-title")
                    yield Input(placeholder=self.t("mock.seed"), id="mock-seed",
                                restrict=r"[0-9]*")
                    yield Button(self.t("mock.start"), id="mock-start", variant="primary")
                with Vertical(id="mock-setup-right"):
                    yield Static(self.t("mock.topics"), classes="section-title")
                    yield SelectionList[str](id="mock-topics")
            yield Static(self.t("mock.past"), classes="section-title")
            yield Static(id="mock-past")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", lambda _v: self.refresh_content(), init=False)
        minutes = self.query_one("#mock-minutes", OptionList)
        minutes.highlighted = MINUTES.index(DEFAULT_MINUTES)
        minutes.focus()

    def on_screen_resume(self) -> None:
        self.refresh_content()

    def refresh_content(self) -> None:
        app = self.qapp
        if not app.ready:
            self.query_one("#mock-past", Static).update(self.t("mock.loading"))
            return
        topics = self.query_one("#mock-topics", SelectionList)
        if not topics.option_count:
            for topic in app.data.banks.topics:
                topics.add_option(Selection(app.data.topic_name(topic, self.lang), topic))
        self._fill_past()

    def _fill_past(self) -> None:
        try:
            trend = mock_trend(self.qapp.store.mock_sessions(20))
        except Exception as exc:  # noqa: BLE001 - shown, not raised
            self.query_one("#mock-past", Static).update(str(exc))
            return
        if not trend:
            self.query_one("#mock-past", Static).update(self.t("mock.no_past"))
            return
        lines = Text()
        for t in trend[-PAST_SHOWN:]:
            total = t.get("total")
            filled = round((total or 0.0) * 20)
            lines.append(f"#{t['id']:<4} {str(t.get('started_at'))[:16].replace('T', ' ')}  "
                         f"{t.get('minutes')}'  ")
            lines.append("█" * filled, style="green")
            lines.append("░" * (20 - filled), style="dim")
            lines.append(f" {'-' if total is None else f'{total * 100:.0f}%'}\n")
        self.query_one("#mock-past", Static).update(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    def action_back(self) -> None:
        self.qapp.open_section("home")

    def action_start(self) -> None:
        app = self.qapp
        if not app.require_ready():
            return
        highlighted = self.query_one("#mock-minutes", OptionList).highlighted
        minutes = MINUTES[highlighted if highlighted is not None else
                          MINUTES.index(DEFAULT_MINUTES)]
        seed_text = self.query_one("#mock-seed", Input).value.strip()
        try:
            seed = int(seed_text) if seed_text else new_seed()
        except ValueError:
            self.notify(self.t("mock.bad_seed"), severity="warning")
            return
        topics = list(self.query_one("#mock-topics", SelectionList).selected) or None
        plan = plan_for_app(app, minutes, seed, topics)
        if not plan.items:
            self.notify(self.t("mock.nothing"), severity="warning")
            return
        self.app.push_screen(MockRunScreen(plan, clock=app.clock))


def plan_for_app(app: Any, minutes: int, seed: int, topics: list[str] | None) -> Plan:
    """A plan from the app's banks, katas and the store's history."""
    from quizapp.scheduling import topic_mastery

    questions = app.data.banks.questions
    katas = [k for k in app.data.katas if k.ok]
    mastery = topic_mastery(questions, app.store.cards(), app.now(), scheduler=app.store.scheduler)
    return compose_plan(questions, katas, mastery, minutes, seed, topics)
