"""The interview itself: the countdown (amber from 5 minutes left, red from 1), a clock per item,
the list of items to skip to and come back to, and the answer widgets. Nothing says right or
wrong. Katas are edited in place (a file per kata under the workspace, started from the kata's
starter). Every answer is stored as it is given, so that a mock the app drops can be resumed or
closed. At zero, or on ctrl+f, everything is submitted as it stands.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from quizapp.mock import MockRun, Plan, format_clock, kept_answers
from quizapp.tui.screens.mock.base import MockScreenBase
from quizapp.tui.screens.mock.grade import MockSelfGradeScreen
from quizapp.tui.screens.mock.items import (
    ANSWER_ID, item_label, kata_widgets, picked_text, question_widgets,
)
from quizapp.tui.screens.mock.kata_editing import KataEditing
from quizapp.tui.screens.mock.katafiles import KataFiles
from quizapp.tui.widgets.answers import SUBMIT_KEY, read_answer, show_answer
from quizapp.tui.widgets.footer import LocalFooter
from quizapp.tui.widgets.question import ChoiceList

#: How often the clocks are redrawn (seconds).
TICK_S = 0.25
#: Typed answers are stored at most this often (seconds); choices and moves at once.
KEEP_EVERY_S = 1.0


#: Terminals narrower than this get the compact item list (see mock.tcss).
NARROW_BELOW = 100


class MockRunScreen(KataEditing, MockScreenBase):
    """The interview itself: countdown, items, answers; no feedback until the end.

    ``clock`` is seconds (``time.monotonic`` by default; tests drive it); ``resume`` an
    unfinished :class:`quizapp.store.MockSession` to carry on, its countdown going on from the
    time already used.
    """

    BINDINGS = [
        Binding("ctrl+n", "next_item", "Next", priority=True),
        Binding("ctrl+b", "previous_item", "Previous", priority=True),
        Binding("ctrl+o", "focus_items", "Items", priority=True),
        # one key hands in what is open: a question's answer, or a kata's file (saved)
        Binding(SUBMIT_KEY, "submit_answer", "Submit", priority=True),
        Binding(SUBMIT_KEY, "save", "Save", priority=True),
        Binding("ctrl+l", "reload", "Load file", priority=True),
        Binding("ctrl+f", "finish", "Finish", priority=True),
        Binding("y", "submit_now", "Submit all", priority=True, show=False),
        Binding("n", "keep_going", "Continue", priority=True, show=False),
    ]

    def __init__(self, plan: Plan, *, clock: Callable[[], float] | None = None,
                 resume: Any = None) -> None:
        super().__init__()
        self.plan = plan
        self.clock = clock or time.monotonic
        self.run = MockRun(plan, now=self.clock)
        self.resume = resume
        self.session_id: int | None = None
        self.started_at = None
        self.katas = KataFiles()
        self.confirming = False
        self.submitted = False
        self._shown: int | None = None
        self._unkept: set[int] = set()   # positions whose answer is not stored yet
        self._kept_at = 0.0
        self._keep_failed = False

    # What the self-grading screen and the tests read of the katas.
    @property
    def kata_files(self) -> dict[str, Path]:
        return self.katas.files

    @property
    def kata_code(self) -> dict[str, str]:
        return self.katas.code

    @property
    def kata_conflicts(self) -> set[str]:
        return self.katas.conflicts

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="mock-bar"):
            yield Static(id="mock-countdown")
            yield Static(id="mock-item-clock")
            yield Static(id="mock-progress")
        with Horizontal(id="mock-body"):
            with Vertical(id="mock-side"):
                yield Static(self.t("mock.items"), classes="section-title")
                yield OptionList(id="mock-items")
            yield VerticalScroll(id="mock-item")
        yield Static(id="mock-confirm")
        yield LocalFooter()

    async def on_mount(self) -> None:
        app = self.qapp
        kept: dict[int, Any] = {}
        if self.resume is not None:
            self.session_id = self.resume.id
            self.started_at = self.resume.started_at
            kept, used = kept_answers(self.plan, self.resume.items)
            self.run.restore(kept, used)
        else:
            self.started_at = app.now()
            try:
                self.session_id = app.store.start_mock_session(
                    self.plan.minutes, self.plan.seed, self.plan.to_json(),
                    started_at=self.started_at)
            except Exception as exc:  # noqa: BLE001 - the mock still runs; saved at the end
                self.notify(self.t("mock.not_saved", error=exc), severity="error", timeout=8)
        self._open_katas(kept)
        self.query_one("#mock-confirm", Static).display = False
        self._fill_items()
        await self.show_item(self.run.current if self.plan.items else None)
        self.tick()
        self.set_interval(TICK_S, self.tick)
        self.set_interval(getattr(app, "watch_interval", 0.5), self._poll_disk)
        if self.resume is not None:
            self.notify(self.t("mock.resumed", id=self.session_id, answered=len(self.run.answers),
                               total=len(self.plan.items),
                               t=format_clock(self.run.remaining())), timeout=6)

    def _open_katas(self, kept: dict[int, Any]) -> None:
        """Each kata's file (see :meth:`KataFiles.open`); a kata whose file cannot be made
        stays in the plan and is graded as an error."""
        from quizapp import paths

        folder = paths.workspace_dir() / "mock" / str(self.session_id or f"t{int(time.time())}")
        for index, item in enumerate(self.plan.items):
            if item.kind != "kata" or item.id in self.katas.files:
                continue
            try:
                self.katas.open(item.id, folder, resume=self.resume is not None,
                                kept=kept.get(index))
            except Exception as exc:  # noqa: BLE001 - the item stays, graded as an error
                self.katas.code.setdefault(item.id, "")
                self.notify(self.t("mock.file_failed", error=exc), severity="error", timeout=8)

    async def apply_language(self) -> None:
        self.sub_title = self.t(self.TITLE_KEY)
        self._fill_items()
        self._keep_current()
        shown, self._shown = self._shown, None
        await self.show_item(shown)
        self.tick()

    def refresh_content(self) -> None:
        """Nothing to reload: the run keeps its own state."""

    # -- the clock ----------------------------------------------------------------------------

    def tick(self) -> None:
        """Refresh the clocks; submit everything when the time is up."""
        if self.submitted:
            return
        level = self.run.level()
        countdown = self.query_one("#mock-countdown", Static)
        countdown.update(self.t("mock.left", t=format_clock(self.run.remaining())))
        for name in ("normal", "warning", "danger"):
            countdown.set_class(level == name, f"-{name}")
        self.query_one("#mock-item-clock", Static).update(
            self.t("mock.item_clock", t=format_clock(self.run.item_time(), up=True)))
        self.query_one("#mock-progress", Static).update(
            self.t("mock.progress", answered=len(self.run.answers), total=len(self.plan.items)))
        if self.run.expired():
            self.submit(ran_out=True)
        elif self._unkept and time.monotonic() - self._kept_at >= KEEP_EVERY_S:
            self._keep_answers()

    # -- storing answers as they are given ------------------------------------------------------

    def _answer_to_keep(self, index: int) -> Any:
        """What item ``index``'s row holds while the mock runs (None: no answer yet)."""
        item = self.plan.items[index]
        if item.kind != "kata":
            return self.run.answers.get(index)
        return self.katas.kept_answer(item.id) if index in self.run.answers else None

    def _keep_answers(self, positions: Any = None) -> None:
        """Store the answers of ``positions`` (default: those changed since the last time), one
        short transaction each, so that a mock the app drops can be resumed or closed."""
        positions = sorted(self._unkept if positions is None else set(positions))
        self._kept_at = time.monotonic()
        store = getattr(self.qapp, "store", None)
        if self.session_id is None or store is None or not positions:
            self._unkept.difference_update(positions)
            return
        for index in positions:
            item = self.plan.items[index]
            try:
                store.save_mock_answer(self.session_id, index, item.kind, item.id,
                                       answer=self._answer_to_keep(index),
                                       time_used_s=round(self.run.item_time(index), 3),
                                       when=self.qapp.now())
            except Exception as exc:  # noqa: BLE001 - the mock goes on; retried on next change
                if not self._keep_failed:
                    self._keep_failed = True
                    self.notify(self.t("mock.keep_failed", error=exc), severity="error",
                                timeout=8)
                return
            self._unkept.discard(index)
        self._keep_failed = False

    def on_resize(self, event) -> None:
        self._fit_width(event.size.width)

    def on_show(self) -> None:
        self._fit_width(self.app.size.width)

    def _fit_width(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "-narrow")

    # -- items --------------------------------------------------------------------------------

    def _item_label(self, index: int) -> Text:
        return item_label(self.plan.items[index], index, self.run.status(index), self.lang)

    def _fill_items(self) -> None:
        items = self.query_one("#mock-items", OptionList)
        highlighted = items.highlighted
        items.clear_options()
        for i in range(len(self.plan.items)):
            items.add_option(Option(self._item_label(i), id=f"item-{i}"))
        if items.option_count:
            items.highlighted = highlighted if highlighted is not None else 0

    def _refresh_item_label(self, index: int) -> None:
        items = self.query_one("#mock-items", OptionList)
        if 0 <= index < items.option_count:
            items.replace_option_prompt_at_index(index, self._item_label(index))

    async def show_item(self, index: int | None) -> None:
        """Open item ``index``: keep what the open one holds, then show the new one."""
        if index is None or self.submitted:
            return
        self._keep_current()
        previous = self._shown
        self.run.goto(index)
        self._shown = index
        if previous is not None:
            self._refresh_item_label(previous)
            if previous != index:  # its time is banked now: keep it with the answer
                self._unkept.add(previous)
                self._keep_answers()
        self._refresh_item_label(index)
        self.query_one("#mock-items", OptionList).highlighted = index
        container = self.query_one("#mock-item", VerticalScroll)
        await container.remove_children()
        await container.mount_all(self._item_widgets(index))
        container.scroll_home(animate=False)
        self._after_show(index)
        self.refresh_bindings()  # the submit key reads "Save" on a kata

    def _item_widgets(self, index: int) -> list:
        item = self.plan.items[index]
        data = self.qapp.data
        topics = ", ".join(data.topic_name(t, self.lang) if data is not None else t
                           for t in item.topics)
        total = len(self.plan.items)
        if item.kind == "kata":
            return kata_widgets(item, index, total, lang=self.lang, topics=topics,
                                info=data.kata(item.id) if data is not None else None,
                                path=self.katas.files.get(item.id),
                                code=self.katas.code.get(item.id, ""))
        question = data.banks.by_id.get(item.id) if data is not None else None
        return question_widgets(item, index, total, question=question, topics=topics,
                                given=self.run.answers.get(index), lang=self.lang)

    def _answer_widget(self) -> Any:
        found = self.query(f"#{ANSWER_ID}")
        return found.first() if found else None

    def _after_show(self, index: int) -> None:
        """Put a revisited item's answer back into its widget, and focus the widget."""
        widget = self._answer_widget()
        if widget is None or index != self._shown:
            return
        if isinstance(widget, ChoiceList):
            show_answer(widget, self.run.answers.get(index))
        widget.focus()

    def _keep_current(self) -> None:
        """Copy what the open item's widget holds into the run (and the kata's text)."""
        index = self._shown
        widget = self._answer_widget() if index is not None else None
        if widget is None:
            return
        item = self.plan.items[index]
        if item.kind == "kata":
            if isinstance(widget, TextArea):
                self.katas.code[item.id] = widget.text
                self._save_kata(item.id)
        else:
            value = read_answer(widget)
            if value is not None:  # a single pick is kept when it is made
                self.run.set_answer(index, value)
        self._refresh_item_label(index)

    # -- answering (no feedback) ----------------------------------------------------------------

    def on_choice_list_answered(self, event: ChoiceList.Answered) -> None:
        event.stop()
        index = self._shown
        if index is None:
            return
        question = self.qapp.data.banks.by_id.get(self.plan.items[index].id)
        value = event.value
        if question is not None and question.type == "truefalse":
            value = value == 0
        self.run.set_answer(index, value)
        self._refresh_item_label(index)
        self._keep_answers({index, *self._unkept})
        picked = self.query("#mock-picked")
        if picked and question is not None:
            picked.first().update(picked_text(question, value, self.lang))
        self.tick()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == ANSWER_ID and self._shown is not None:
            self.run.set_answer(self._shown, event.value)
            self._unkept.add(self._shown)
            self._refresh_item_label(self._shown)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != ANSWER_ID or self._shown is None:
            return
        item = self.plan.items[self._shown]
        if item.kind == "kata":
            if self.katas.code.get(item.id) == event.text_area.text:
                return  # loaded, not edited
            self.katas.code[item.id] = event.text_area.text
            self.run.set_answer(self._shown, {"file": str(self.katas.files.get(item.id, ""))})
        else:
            self.run.set_answer(self._shown, event.text_area.text)
        self._unkept.add(self._shown)
        self._refresh_item_label(self._shown)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "mock-items":
            return
        event.stop()
        await self.show_item(event.option_index)

    # -- actions ------------------------------------------------------------------------------

    async def action_next_item(self) -> None:
        await self.show_item(self.run.next_index(1))

    async def action_previous_item(self) -> None:
        await self.show_item(self.run.next_index(-1))

    def action_focus_items(self) -> None:
        self.query_one("#mock-items", OptionList).focus()

    def action_back(self) -> None:
        if self.confirming:
            self.action_keep_going()
        else:
            self.action_focus_items()

    def action_save(self) -> None:
        """The submit key on a kata: save the editor's text."""
        self.save_shown_kata()

    def action_submit_answer(self) -> None:
        """The submit key on a question: hand the answer in (stored at once; right or wrong
        shows at the end)."""
        index = self._shown
        if index is None:
            return
        self._keep_current()
        self._unkept.add(index)
        self._keep_answers()
        if index in self.run.answers:
            self.notify(self.t("mock.answer_kept"), timeout=2)

    def action_finish(self) -> None:
        """Ask before submitting early (y submits, n or esc goes on)."""
        if self.submitted:
            return
        self.confirming = True
        confirm = self.query_one("#mock-confirm", Static)
        confirm.update(Text(self.t("mock.submit_ask", t=format_clock(self.run.remaining())),
                            style="bold"))
        confirm.display = True
        self.refresh_bindings()
        self.query_one("#mock-items", OptionList).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("submit_now", "keep_going"):
            return self.confirming  # otherwise y and n are typed into the answer
        if action in ("submit_answer", "save"):  # the submit key: "Save" on a kata
            return (self._shown_kata() is not None) == (action == "save")
        return True

    def action_submit_now(self) -> None:
        if self.confirming:
            self.confirming = False
            self.submit(ran_out=False)

    def action_keep_going(self) -> None:
        if self.confirming:
            self.confirming = False
            self.query_one("#mock-confirm", Static).display = False
            self.refresh_bindings()
            if self._shown is not None:
                self._after_show(self._shown)

    def submit(self, *, ran_out: bool) -> None:
        """Hand everything in as it stands and go on to self-grading and the katas' grades."""
        if self.submitted:
            return
        self._keep_current()
        for item in self.plan.items:
            if item.kind == "kata":
                self.katas.code[item.id] = self._hand_in_kata(item.id)
        self._keep_answers(range(len(self.plan.items)))
        self.run.finish()
        self.submitted = True
        for index, item in enumerate(self.plan.items):
            if item.kind == "kata":
                self.run.answers[index] = {"file": str(self.katas.files.get(item.id, "")),
                                           "code": self.katas.code.get(item.id, "")}
        if ran_out:
            self.notify(self.t("mock.time_up"), severity="warning", timeout=6)
        self.app.switch_screen(MockSelfGradeScreen(self, ran_out=ran_out))

