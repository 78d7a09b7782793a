"""The mock interview section: set up, run against the clock, self-grade, read the report.

Four screens, one after the other on the ``mock`` section's stack:

- :class:`MockScreen` (the section's base): length, topics and seed; shows the plan and the
  past scores. ``quizapp mock`` skips it and starts the plan it was given (see
  :func:`run_mock_app`).
- :class:`MockRunScreen`: the countdown (amber from 5 minutes left, red from 1), a clock per
  item, the list of items to skip to and come back to, and the answer widgets. Nothing says
  right or wrong. Katas are edited in place (a file per kata under the workspace, started from
  the kata's starter). At zero, or on ctrl+f, everything is submitted as it stands.
- :class:`MockSelfGradeScreen`: short answers are ticked against their key points while the
  katas are graded in a worker (in a child process: the app never imports torch).
- :class:`MockReportScreen`: the report (stored with the mock; ``quizapp mock report ID``
  prints it again).

The logic lives in :mod:`quizapp.mock` (plan, clock, scores, report); these screens only drive
it. The clock is injectable (``clock=``, seconds, ``time.monotonic`` by default) so that tests
can make the time run out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button, Header, Input, Markdown, OptionList, SelectionList, Static, TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quizapp.mock import (
    MINUTES, MockRun, Plan, compose_plan, finish_mock, format_clock, kept_answers, mock_trend,
    new_seed, score_mock,
)
from quizapp.tui import i18n
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import LocalFooter
from quizapp.tui.widgets.question import ChoiceList, KeyPointList, code_view, inline_markup
from quizapp.workbench import FileWatch, on_disk_change

__all__ = ["MockRequest", "MockScreen", "MockRunScreen", "MockSelfGradeScreen",
           "MockReportScreen", "KeptMock", "kept_mock", "unfinished_mock", "open_unfinished_mock",
           "make_mock_app", "run_mock_app"]

TICK_S = 0.25
#: Typed answers are stored at most this often (seconds); choices and moves at once.
KEEP_EVERY_S = 1.0

TEXTS: dict[str, dict[str, str]] = {
    "mock.title": {"ko": "모의 면접", "en": "Mock interview"},
    "mock.setup": {"ko": "실전처럼: 제한 시간 안에 개념 문제와 코딩 카타를 풀고, 끝난 뒤에만 채점합니다.",
                   "en": "As in the real thing: concept questions and coding katas against the "
                         "clock, graded only at the end."},
    "mock.length": {"ko": "길이", "en": "Length"},
    "mock.minutes": {"ko": "{m}분", "en": "{m} minutes"},
    "mock.topics": {"ko": "주제 (스페이스로 선택, 선택 없으면 전체)",
                    "en": "Topics (space ticks; none ticked = all)"},
    "mock.seed": {"ko": "시드 (비우면 무작위)", "en": "Seed (empty: random)"},
    "mock.start": {"ko": "시작", "en": "Start"},
    "mock.loading": {"ko": "문제 은행과 카타를 읽는 중…", "en": "Reading the question banks and katas…"},
    "mock.nothing": {"ko": "이 길이와 주제에 맞는 문제가 없습니다.",
                     "en": "Nothing fits this length and these topics."},
    "mock.bad_seed": {"ko": "시드는 정수입니다.", "en": "The seed is a whole number."},
    "mock.past": {"ko": "지난 모의 면접", "en": "Past mock interviews"},
    "mock.no_past": {"ko": "아직 없습니다.", "en": "None yet."},
    "mock.progress": {"ko": "답함 {answered}/{total}", "en": "{answered} of {total} answered"},
    "mock.item_clock": {"ko": "이 문항 {t}", "en": "this item {t}"},
    "mock.left": {"ko": "남은 시간 {t}", "en": "{t} left"},
    "mock.items": {"ko": "문항", "en": "Items"},
    "mock.kind.mcq": {"ko": "객관식", "en": "choice"},
    "mock.kind.multi": {"ko": "복수 선택", "en": "multi"},
    "mock.kind.truefalse": {"ko": "참/거짓", "en": "true/false"},
    "mock.kind.cloze": {"ko": "빈칸", "en": "fill in"},
    "mock.kind.output": {"ko": "출력 예측", "en": "output"},
    "mock.kind.short": {"ko": "서술형", "en": "short"},
    "mock.kind.kata": {"ko": "코딩", "en": "kata"},
    "mock.status.answered": {"ko": "답함", "en": "answered"},
    "mock.status.skipped": {"ko": "건너뜀", "en": "skipped"},
    "mock.status.unseen": {"ko": "", "en": ""},
    "mock.kata": {"ko": "코딩 카타", "en": "coding kata"},
    "mock.est": {"ko": "약 {m}분", "en": "about {m} min"},
    "mock.header": {"ko": "{n}/{total} · {kind} · {topics} · {est}",
                    "en": "{n} of {total} · {kind} · {topics} · {est}"},
    "mock.picked": {"ko": "고른 답: {value}", "en": "Your pick: {value}"},
    "mock.no_pick": {"ko": "아직 고르지 않았습니다.", "en": "Nothing picked yet."},
    "mock.hint.choice": {"ko": "숫자 키나 엔터로 고릅니다 (바꿀 수 있음). 정답 여부는 끝에 나옵니다.",
                         "en": "A number or enter picks (you can change it). Right or wrong "
                               "shows at the end."},
    "mock.hint.multi": {"ko": "숫자 키나 스페이스로 선택합니다. 정답 여부는 끝에 나옵니다.",
                        "en": "Numbers or space tick choices. Right or wrong shows at the end."},
    "mock.hint.text": {"ko": "면접에서처럼 답을 쓰세요. 저절로 저장됩니다.",
                       "en": "Answer as you would in an interview; it is kept as you type."},
    "mock.hint.kata": {"ko": "여기서 또는 다른 편집기에서 코드를 고치세요 (ctrl+s 저장, ctrl+l 파일 불러오기, 끝날 때 자동 저장). 채점은 끝에 합니다: {file}",
                       "en": "Edit the code here or in your own editor (ctrl+s saves, ctrl+l "
                             "loads the file; it is saved at the end too). It is graded at the "
                             "end: {file}"},
    "mock.missing": {"ko": "이 문항은 더 이상 없습니다: {id}", "en": "This item is gone: {id}"},
    "mock.submit_ask": {"ko": "지금 제출할까요? 남은 시간 {t}. (y: 제출, n: 계속)",
                        "en": "Submit now with {t} left? (y: submit, n: go on)"},
    "mock.time_up": {"ko": "시간이 끝났습니다. 그때까지의 답을 제출했습니다.",
                     "en": "Time is up: the answers were submitted as they stood."},
    "mock.self_grade": {"ko": "서술형 자가 채점", "en": "Self-grade your short answers"},
    "mock.self_grade_help": {"ko": "각 답이 다룬 핵심 포인트를 체크하세요 (키워드로 미리 체크됨). 숫자 키/스페이스로 바꾸고, 엔터로 다음, ctrl+s로 확정합니다.",
                             "en": "Tick the key points each answer covered (pre-ticked by "
                                   "keywords). Numbers or space change them, enter moves on, "
                                   "ctrl+s confirms."},
    "mock.no_short": {"ko": "자가 채점할 서술형 답이 없습니다.", "en": "No short answers to self-grade."},
    "mock.grading": {"ko": "카타 채점 중… ({done}/{n})", "en": "Grading the katas… ({done} of {n})"},
    "mock.graded": {"ko": "카타 채점 완료.", "en": "Katas graded."},
    "mock.no_katas": {"ko": "채점할 카타가 없습니다.", "en": "No katas to grade."},
    "mock.waiting": {"ko": "카타 채점이 끝나면 보고서가 나옵니다…",
                     "en": "The report follows once the katas are graded…"},
    "mock.your_answer": {"ko": "내 답", "en": "Your answer"},
    "mock.model_answer": {"ko": "모범 답안", "en": "Model answer"},
    "mock.saved": {"ko": "모의 면접 #{id}로 저장했습니다. 내보내기: quizapp mock report {id} --format md",
                   "en": "Saved as mock interview #{id}. Export: quizapp mock report {id} --format md"},
    "mock.not_saved": {"ko": "저장하지 못했습니다: {error}", "en": "Could not save: {error}"},
    "mock.new": {"ko": "esc: 새 모의 면접", "en": "esc: a new mock interview"},
    "mock.file_failed": {"ko": "카타 파일을 만들 수 없습니다: {error}",
                         "en": "Cannot create the kata file: {error}"},
    "mock.conflict": {"ko": "파일이 디스크에서 바뀌었지만 편집기에 저장하지 않은 내용이 있습니다. 둘 다 그대로 둡니다. ctrl+s는 편집기 내용으로 저장하고, ctrl+l은 디스크의 파일을 불러옵니다. 그대로 제출하면 디스크의 파일을 채점하고 편집기 내용은 옆 파일로 남깁니다.",
                      "en": "The file changed on disk, but the editor has unsaved edits: both are "
                            "kept. ctrl+s saves the editor's text, ctrl+l loads the file. "
                            "Submitted as it stands, the file is graded and the editor's text "
                            "is kept beside it."},
    "mock.conflict_kept": {"ko": "{file}은(는) 디스크와 편집기 양쪽에서 바뀌었습니다. 디스크의 파일을 채점했고, 편집기 내용은 {copy}에 남겼습니다.",
                           "en": "{file} changed both on disk and in the editor: the file was "
                                 "graded, and the editor's text is kept in {copy}."},
    "mock.resumed": {"ko": "모의 면접 #{id}를 이어서 합니다: {answered}/{total}문항 답함, 남은 시간 {t}.",
                     "en": "Mock interview #{id} resumed: {answered} of {total} answered, "
                           "{t} left."},
    "mock.file_unreadable": {"ko": "파일을 읽을 수 없습니다: {file}", "en": "Cannot read {file}"},
    "mock.keep_failed": {"ko": "답을 저장하지 못했습니다 (계속 시도합니다): {error}",
                         "en": "Could not store the answers (still trying): {error}"},
}

#: Key descriptions this section adds (the footer translates them).
KEY_TEXTS = {"Previous": "이전", "Items": "문항", "Finish": "제출",
             "Load file": "파일 불러오기"}
for _key, _ko in KEY_TEXTS.items():
    i18n.KEY_TEXTS.setdefault(_key, _ko)


def mock_text(key: str, lang: str, **values: Any) -> str:
    """A text of this section (or of the app's table) in ``lang``."""
    entry = TEXTS.get(key)
    if entry is None:
        return i18n.tr(key, lang, **values)
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass
class MockRequest:
    """A mock to start as soon as the app is ready (from ``quizapp mock``): the plan, and the
    clock to run it on (seconds; default ``time.monotonic``). ``resume`` is an unfinished
    session (:class:`quizapp.store.MockSession`) to carry on, or with ``close`` to close: its
    answers so far go to self-grading and the report (see :func:`open_unfinished_mock`)."""

    plan: Plan
    clock: Callable[[], float] | None = None
    resume: Any = None
    close: bool = False


class _MockScreenBase(AppScreen):
    """Texts and styles of the mock section."""

    CSS_PATH = "mock.tcss"

    def t(self, key: str, **values: Any) -> str:
        return mock_text(key, self.lang, **values)


# --------------------------------------------------------------------------------------------
# Set-up

class MockScreen(_MockScreenBase):
    """The section's base screen: choose the length, topics and seed, then start."""

    TITLE_KEY = "mock.title"
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
        minutes.highlighted = MINUTES.index(30)
        minutes.focus()

    def on_screen_resume(self) -> None:
        self.refresh_content()

    def refresh_content(self) -> None:
        app = self.qapp
        if not getattr(app, "ready", False):
            self.query_one("#mock-past", Static).update(self.t("mock.loading"))
            return
        request = getattr(app, "mock_request", None)
        if request is not None:
            app.mock_request = None
            self.app.push_screen(screen_for_request(app, request))
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
        for t in trend[-8:]:
            total = t.get("total")
            share = total or 0.0
            lines.append(f"#{t['id']:<4} {str(t.get('started_at'))[:16].replace('T', ' ')}  "
                         f"{t.get('minutes')}'  ")
            lines.append("█" * int(round(share * 20)), style="green")
            lines.append("░" * (20 - int(round(share * 20))), style="dim")
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
        minutes = MINUTES[highlighted if highlighted is not None else MINUTES.index(30)]
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
        self.app.push_screen(MockRunScreen(plan))


def plan_for_app(app: Any, minutes: int, seed: int, topics: list[str] | None) -> Plan:
    """A plan from the app's banks, katas and the store's history."""
    from quizapp.scheduling import topic_mastery

    questions = app.data.banks.questions
    katas = [k for k in app.data.katas if k.ok]
    mastery = topic_mastery(questions, app.store.cards(), app.now(), scheduler=app.store.scheduler)
    return compose_plan(questions, katas, mastery, minutes, seed, topics)


# --------------------------------------------------------------------------------------------
# Running

class MockRunScreen(_MockScreenBase):
    """The interview itself: countdown, items, answers; no feedback until the end."""

    TITLE_KEY = "mock.title"
    BINDINGS = [
        Binding("ctrl+n", "next_item", "Next", priority=True),
        Binding("ctrl+b", "previous_item", "Previous", priority=True),
        Binding("ctrl+o", "focus_items", "Items", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+l", "reload", "Load file", priority=True),
        Binding("ctrl+f", "finish", "Finish", priority=True),
        Binding("y", "submit_now", "Submit", priority=True, show=False),
        Binding("n", "keep_going", "Continue", priority=True, show=False),
    ]

    def __init__(self, plan: Plan, *, clock: Callable[[], float] | None = None,
                 resume: Any = None) -> None:
        super().__init__()
        self.plan = plan
        self.clock = clock or time.monotonic
        self.run = MockRun(plan, now=self.clock)
        self.resume = resume  # an unfinished MockSession to carry on, or None
        self.session_id: int | None = None
        self.started_at = None
        self.kata_files: dict[str, Path] = {}
        #: The editor's text of each kata, and the text last known to be in its file: they
        #: differ while the editor holds edits that are not saved.
        self.kata_code: dict[str, str] = {}
        self.kata_disk: dict[str, str] = {}
        self.kata_watch: dict[str, FileWatch] = {}
        #: Katas whose file changed on disk while the editor held unsaved edits (both kept).
        self.kata_conflicts: set[str] = set()
        #: Where the editor's text went when a conflict was submitted as it stood.
        self.kata_copies: dict[str, Path] = {}
        self.confirming = False
        self.submitted = False
        self._shown: int | None = None
        self._unkept: set[int] = set()   # positions whose answer is not stored yet
        self._kept_at = 0.0
        self._keep_failed = False

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
        self._prepare_katas(kept)
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

    def _prepare_katas(self, kept: dict[int, Any] | None = None) -> None:
        """Each kata's file: a new mock starts it from the starter; a resumed one keeps the file
        as it is (the learner's work), or writes back the code kept with the answer."""
        from quizapp import paths
        from quizapp.katas import start_kata, workspace_file

        kept = kept or {}
        folder = paths.workspace_dir() / "mock" / str(self.session_id or f"t{int(time.time())}")
        for index, item in enumerate(self.plan.items):
            if item.kind != "kata" or item.id in self.kata_files:
                continue
            answer = kept.get(index) if isinstance(kept.get(index), dict) else {}
            try:
                path = workspace_file(item.id, folder)
                if self.resume is not None and path.is_file():
                    text = path.read_text(encoding="utf-8", errors="replace")
                elif self.resume is not None and isinstance(answer.get("code"), str):
                    text = answer["code"]
                    _write_atomic(path, text)
                else:
                    path = start_kata(item.id, folder, force=True)
                    text = path.read_text(encoding="utf-8")
                self.kata_files[item.id] = path
                self.kata_disk[item.id] = text
                self.kata_code[item.id] = text
                unsaved = answer.get("unsaved")
                if isinstance(unsaved, str) and answer.get("code") == text:
                    self.kata_code[item.id] = unsaved  # edits not saved when the app stopped
                self.kata_watch[item.id] = FileWatch(path)
            except Exception as exc:  # noqa: BLE001 - the item stays, graded as an error
                self.kata_code.setdefault(item.id, "")
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
        remaining = self.run.remaining()
        level = self.run.level()
        countdown = self.query_one("#mock-countdown", Static)
        countdown.update(self.t("mock.left", t=format_clock(remaining)))
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
        """What item ``index``'s row holds while the mock runs (None: no answer yet). A kata's
        is its file and the code in it (and the editor's text when it is not saved)."""
        item = self.plan.items[index]
        if item.kind != "kata":
            return self.run.answers.get(index)
        if index not in self.run.answers:
            return None
        path = self.kata_files.get(item.id)
        answer: dict[str, Any] = {"file": str(path or ""), "code": self.kata_disk.get(item.id)}
        if self.kata_code.get(item.id) != self.kata_disk.get(item.id):
            answer["unsaved"] = self.kata_code.get(item.id)
        return answer

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

    # -- items --------------------------------------------------------------------------------

    def _item_label(self, index: int) -> Text:
        item = self.plan.items[index]
        status = self.run.status(index)
        mark = {"answered": "●", "skipped": "○", "unseen": " "}[status]
        kind = self.t(f"mock.kind.{'kata' if item.kind == 'kata' else item.type}")
        text = Text(f"{mark} {index + 1:>2}. ", style="bold" if status == "answered" else "")
        text.append(f"{kind}", style="cyan" if item.kind == "kata" else "")
        text.append(f"  {_num(item.minutes)}'", style="dim")
        return text

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

    def _after_show(self, index: int) -> None:
        """Put a revisited item's answer back into its widget, and focus the widget."""
        found = self.query("#mock-answer")
        if not found or index != self._shown:
            return
        widget = found.first()
        given = self.run.answers.get(index)
        if isinstance(widget, ChoiceList) and given is not None:
            if widget.multi:
                widget.ticked = set(given)
                widget._refresh_prompts()
            elif isinstance(given, bool):
                widget.highlighted = 0 if given else 1
            elif isinstance(given, int):
                widget.highlighted = given
        widget.focus()

    def _item_widgets(self, index: int) -> list:
        item = self.plan.items[index]
        lang = self.lang
        widgets: list = []
        data = self.qapp.data
        topics = ", ".join(data.topic_name(t, lang) if data is not None else t
                           for t in item.topics)
        if item.kind == "kata":
            info = self.qapp.data.kata(item.id) if self.qapp.data is not None else None
            title = info.title(lang) if info is not None and info.ok else item.id
            widgets.append(Static(self.t("mock.header", n=index + 1, total=len(self.plan.items),
                                         kind=self.t("mock.kata"), topics=topics,
                                         est=self.t("mock.est", m=_num(item.minutes))),
                                  classes="mock-item-meta"))
            widgets.append(Static(Text(title, style="bold"), classes="mock-item-title"))
            if info is not None and info.ok:
                widgets.append(Markdown(info.prompt(lang), classes="mock-prompt"))
            path = self.kata_files.get(item.id)
            widgets.append(Static(self.t("mock.hint.kata", file=path or "-"), classes="mock-hint"))
            editor = TextArea.code_editor(self.kata_code.get(item.id, ""), language="python",
                                          id="mock-answer", classes="mock-editor")
            widgets.append(editor)
            return widgets
        question = self.qapp.data.banks.by_id.get(item.id) if self.qapp.data is not None else None
        if question is None:
            return [Static(self.t("mock.missing", id=item.id), classes="mock-hint")]
        widgets.append(Static(self.t("mock.header", n=index + 1, total=len(self.plan.items),
                                     kind=i18n.tr(f"quiz.type.{question.type}", lang),
                                     topics=topics, est=self.t("mock.est", m=_num(item.minutes))),
                              classes="mock-item-meta"))
        widgets.append(Static(inline_markup(question.prompt.get(lang)), classes="mock-prompt"))
        if question.code:
            widgets.append(code_view(question.code, classes="mock-code"))
        given = self.run.answers.get(index)
        qtype = question.type
        if qtype in ("mcq", "truefalse"):
            labels = ([c.get(lang) for c in question.choices] if qtype == "mcq" else
                      [i18n.tr("quiz.true", lang), i18n.tr("quiz.false", lang)])
            shortcuts = {"t": 0, "o": 0, "f": 1, "x": 1} if qtype == "truefalse" else {}
            choices = ChoiceList(labels, shortcuts=shortcuts, id="mock-answer",
                                 classes="mock-choices")
            widgets.append(choices)
            widgets.append(Static(self._picked_text(question, given), id="mock-picked",
                                  classes="mock-hint"))
            widgets.append(Static(self.t("mock.hint.choice"), classes="mock-hint"))
        elif qtype == "multi":
            choices = ChoiceList([c.get(lang) for c in question.choices], multi=True,
                                 id="mock-answer", classes="mock-choices")
            widgets.append(choices)
            widgets.append(Static(self.t("mock.hint.multi"), classes="mock-hint"))
        elif qtype == "cloze":
            widgets.append(Input(value=given or "", id="mock-answer",
                                 placeholder=i18n.tr("quiz.placeholder.cloze", lang)))
            widgets.append(Static(self.t("mock.hint.text"), classes="mock-hint"))
        else:  # output, short
            area = TextArea(given or "", id="mock-answer", classes="mock-text",
                            soft_wrap=True, tab_behavior="focus")
            widgets.append(area)
            widgets.append(Static(self.t("mock.hint.text"), classes="mock-hint"))
        return widgets

    def _picked_text(self, question: Any, given: Any) -> str:
        if given is None:
            return self.t("mock.no_pick")
        if question.type == "truefalse":
            value = i18n.tr("quiz.true" if given else "quiz.false", self.lang)
        else:
            from quizapp.answers import choice_label

            value = f"{choice_label(given)}. {question.choices[given].get(self.lang)}"
        return self.t("mock.picked", value=value)

    def _keep_current(self) -> None:
        """Copy what the open item's widgets hold into the run (and the kata's text)."""
        index = self._shown
        if index is None:
            return
        item = self.plan.items[index]
        found = self.query("#mock-answer")
        if not found:
            return
        widget = found.first()
        if item.kind == "kata":
            if isinstance(widget, TextArea):
                self.kata_code[item.id] = widget.text
                self._save_kata(item.id)
        elif isinstance(widget, ChoiceList) and widget.multi:
            self.run.set_answer(index, sorted(widget.ticked))
        elif isinstance(widget, (Input, TextArea)):
            self.run.set_answer(index, widget.value if isinstance(widget, Input) else widget.text)
        self._refresh_item_label(index)

    # -- the kata files (guarded as in the workbench: a file changed on disk is never
    #    overwritten by a buffer the learner did not edit) ----------------------------------------

    def _kata_index(self, kata_id: str) -> int | None:
        return next((i for i, item in enumerate(self.plan.items)
                     if item.kind == "kata" and item.id == kata_id), None)

    def _shown_kata(self) -> str | None:
        if self._shown is None or self.plan.items[self._shown].kind != "kata":
            return None
        return self.plan.items[self._shown].id

    def _editor(self) -> TextArea | None:
        found = self.query("#mock-answer")
        widget = found.first() if found else None
        return widget if isinstance(widget, TextArea) and self._shown_kata() else None

    def _kata_edited(self, kata_id: str) -> bool:
        """Whether the editor holds edits that are not in the file."""
        return self.kata_code.get(kata_id) != self.kata_disk.get(kata_id)

    def _read_kata(self, kata_id: str) -> str | None:
        path = self.kata_files.get(kata_id)
        try:
            return path.read_text(encoding="utf-8") if path is not None else None
        except (OSError, UnicodeDecodeError):
            return None

    def _poll_disk(self) -> None:
        """While a kata is open, notice when its file changes on disk."""
        kata_id = self._shown_kata()
        watch = self.kata_watch.get(kata_id) if kata_id else None
        if watch is not None and not self.submitted and watch.changed():
            self._check_disk(kata_id)

    def _check_disk(self, kata_id: str, *, quiet: bool = False) -> None:
        """Compare the file with what was last known to be in it: reload an editor without
        unsaved edits; with edits on both sides keep both and say so."""
        text = self._read_kata(kata_id)
        watch = self.kata_watch.get(kata_id)
        if watch is not None:
            watch.mark()
        if text is None or text == self.kata_disk.get(kata_id):
            return
        if on_disk_change(self._kata_edited(kata_id)) == "conflict":
            if kata_id not in self.kata_conflicts:
                self.kata_conflicts.add(kata_id)
                if not quiet:
                    self.notify(self.t("mock.conflict"), severity="warning", timeout=15)
            return
        self._load_kata(kata_id, text)
        if not quiet:
            self.notify(i18n.tr("kata.changed_on_disk", self.lang), timeout=3)

    def _load_kata(self, kata_id: str, text: str) -> None:
        """Take the file's text into the editor (and as the answer)."""
        self.kata_disk[kata_id] = text
        self.kata_code[kata_id] = text
        self.kata_conflicts.discard(kata_id)
        editor = self._editor()
        if editor is not None and self._shown_kata() == kata_id and editor.text != text:
            cursor = editor.cursor_location
            editor.load_text(text)
            try:
                editor.move_cursor(cursor)
            except Exception:  # noqa: BLE001 - a cursor past the new end is fine to drop
                pass
        self._kata_answered(kata_id)

    def _kata_answered(self, kata_id: str) -> None:
        index = self._kata_index(kata_id)
        if index is None:
            return
        self.run.set_answer(index, {"file": str(self.kata_files.get(kata_id, ""))})
        self._unkept.add(index)
        self._refresh_item_label(index)

    def _save_kata(self, kata_id: str, *, keep_editor: bool = False) -> bool:
        """Write the editor's text to the kata's file when it holds edits, after looking at the
        file: a file changed on disk is reloaded (no edits) or left alone (edits on both sides,
        unless ``keep_editor``: the learner chose the editor's text with ctrl+s)."""
        self._check_disk(kata_id)
        if kata_id in self.kata_conflicts and not keep_editor:
            return False
        path = self.kata_files.get(kata_id)
        if path is None or not self._kata_edited(kata_id):
            self.kata_conflicts.discard(kata_id)
            return True
        text = self.kata_code.get(kata_id, "")
        try:
            _write_atomic(path, text)
        except OSError as exc:
            self.notify(i18n.tr("kata.save_failed", self.lang, error=exc), severity="error")
            return False
        self.kata_disk[kata_id] = text
        self.kata_conflicts.discard(kata_id)
        watch = self.kata_watch.get(kata_id)
        if watch is not None:
            watch.mark()
        self._kata_answered(kata_id)
        return True

    def _hand_in_kata(self, kata_id: str) -> str:
        """The code a kata is graded with when the mock is submitted: the editor's edits are
        saved first, unless the file changed on disk meanwhile; then what is on disk counts,
        and edits on both sides leave the editor's text in a file beside it."""
        if self._save_kata(kata_id) or kata_id not in self.kata_conflicts:
            return self.kata_disk.get(kata_id, self.kata_code.get(kata_id, ""))
        path = self.kata_files[kata_id]
        copy = _free_path(path.with_name(f"{path.stem}.editor.py"))
        try:
            _write_atomic(copy, self.kata_code.get(kata_id, ""))
            self.kata_copies[kata_id] = copy
            self.notify(self.t("mock.conflict_kept", file=path, copy=copy), severity="warning",
                        timeout=12)
        except OSError as exc:
            self.notify(i18n.tr("kata.save_failed", self.lang, error=exc), severity="error")
        text = self._read_kata(kata_id)
        if text is not None:
            self.kata_disk[kata_id] = text
        return self.kata_disk.get(kata_id, "")

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
            picked.first().update(self._picked_text(question, value))
        self.tick()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "mock-answer" and self._shown is not None:
            self.run.set_answer(self._shown, event.value)
            self._unkept.add(self._shown)
            self._refresh_item_label(self._shown)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "mock-answer" or self._shown is None:
            return
        item = self.plan.items[self._shown]
        if item.kind == "kata":
            if self.kata_code.get(item.id) == event.text_area.text:
                return  # loaded, not edited
            self.kata_code[item.id] = event.text_area.text
            self.run.set_answer(self._shown, {"file": str(self.kata_files.get(item.id, ""))})
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
        """ctrl+s on a kata: save the editor's text (the learner's choice, also over a file
        that changed on disk while the editor held edits)."""
        kata_id = self._shown_kata()
        if kata_id is None:
            self._keep_answers()
            return
        editor = self._editor()
        if editor is not None:
            self.kata_code[kata_id] = editor.text
        if self._save_kata(kata_id, keep_editor=True):
            self._keep_answers()
            path = self.kata_files.get(kata_id)
            if path is not None:
                self.notify(i18n.tr("kata.saved", self.lang, file=path), timeout=2)

    def action_reload(self) -> None:
        """ctrl+l on a kata: load its file from disk into the editor (edits not saved go)."""
        kata_id = self._shown_kata()
        if kata_id is None:
            return
        text = self._read_kata(kata_id)
        if text is None:
            self.notify(self.t("mock.file_unreadable", file=self.kata_files.get(kata_id)),
                        severity="error")
            return
        self._load_kata(kata_id, text)
        self._keep_answers()
        self.notify(i18n.tr("kata.reloaded", self.lang), timeout=3)

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
            self._after_show(self._shown) if self._shown is not None else None

    def submit(self, *, ran_out: bool) -> None:
        """Hand everything in as it stands and go on to self-grading and the katas' grades."""
        if self.submitted:
            return
        self._keep_current()
        for item in self.plan.items:
            if item.kind == "kata":
                self.kata_code[item.id] = self._hand_in_kata(item.id)
        self._keep_answers(range(len(self.plan.items)))
        self.run.finish()
        self.submitted = True
        for item_index, item in enumerate(self.plan.items):
            if item.kind == "kata":
                self.run.answers[item_index] = {"file": str(self.kata_files.get(item.id, "")),
                                                "code": self.kata_code.get(item.id, "")}
        if ran_out:
            self.notify(self.t("mock.time_up"), severity="warning", timeout=6)
        self.app.switch_screen(MockSelfGradeScreen(self, ran_out=ran_out))


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.saving")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _free_path(path: Path) -> Path:
    """``path``, or ``stem-2.py``, ``stem-3.py``... when it exists."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


# --------------------------------------------------------------------------------------------
# Unfinished mocks (the app was closed or killed during one): resume or close

@dataclass
class KeptMock:
    """An unfinished mock as it was stored, ready to close: what :class:`MockSelfGradeScreen`
    reads from the run screen. Only the katas that were answered are graded; the items not
    answered count as blank."""

    app: Any
    plan: Plan
    run: MockRun
    session_id: int
    started_at: Any
    kata_files: dict[str, Path] = field(default_factory=dict)
    kata_code: dict[str, str] = field(default_factory=dict)
    only_answered_katas: bool = True


def plan_of_session(app: Any, session: Any) -> Plan:
    """A stored session's plan, with topics and types from the app's banks and katas."""
    data = getattr(app, "data", None)
    questions = data.banks.by_id if data is not None else {}
    katas = {k.id: k for k in (data.katas if data is not None else []) if k.ok}
    return Plan.from_json(session.plan or {}, questions, katas)


def kept_mock(app: Any, session: Any, clock: Callable[[], float] | None = None) -> KeptMock:
    """An unfinished session's answers, its clock stopped, for closing it with a report. A
    kata is graded as its file stands (or, when the file is gone, as the code kept with its
    answer)."""
    from quizapp import paths
    from quizapp.katas import workspace_file

    plan = plan_of_session(app, session)
    run = MockRun(plan, now=clock or time.monotonic)
    answers, used = kept_answers(plan, session.items)
    run.restore(answers, used)
    run.finish()
    kept = KeptMock(app, plan, run, session.id, session.started_at)
    folder = paths.workspace_dir() / "mock" / str(session.id)
    for index, item in enumerate(plan.items):
        if item.kind != "kata":
            continue
        path = workspace_file(item.id, folder)
        answer = answers.get(index) if isinstance(answers.get(index), dict) else {}
        try:
            code = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            code = None
        if code is None:
            code = answer.get("code") if isinstance(answer.get("code"), str) else ""
        kept.kata_files[item.id] = path
        kept.kata_code[item.id] = code
        if index in run.answers:
            run.answers[index] = {"file": str(path), "code": code}
    return kept


def _active_sessions(app: Any) -> tuple[set[int], bool]:
    """Ids of the mocks this app is running or grading, and whether one is still under way
    (running, or being self-graded and graded)."""
    ids: set[int] = set()
    running = False
    screens = getattr(app, "_all_screens", None)
    for screen in (screens() if screens is not None else ()):
        if isinstance(screen, MockRunScreen):
            running = running or not screen.submitted
            if screen.session_id is not None:
                ids.add(screen.session_id)
            if screen.resume is not None:
                ids.add(screen.resume.id)
        elif isinstance(screen, MockSelfGradeScreen) and not screen.finished:
            running = True
            if screen.source.session_id is not None:
                ids.add(screen.source.session_id)
    return ids, running


def unfinished_mock(app: Any) -> Any:
    """The newest mock interview that was started and never finished (the app was closed or
    killed during it), or None; never one this app is running now."""
    store = getattr(app, "store", None)
    if store is None:
        return None
    active, running = _active_sessions(app)
    if running:
        return None
    for session in store.unfinished_mock_sessions():
        if session.id not in active and (session.plan or {}).get("items"):
            return session
    return None


def screen_for_request(app: Any, request: MockRequest) -> AppScreen:
    if request.resume is not None and request.close:
        return MockSelfGradeScreen(kept_mock(app, request.resume, request.clock), ran_out=False)
    return MockRunScreen(request.plan, clock=request.clock, resume=request.resume)


def open_unfinished_mock(app: Any, session: Any, *, close: bool = False,
                         clock: Callable[[], float] | None = None) -> None:
    """Resume an unfinished mock (the countdown goes on from the time already used), or close
    it: self-grade its short answers, grade its answered katas, and store its report."""
    app.mock_request = MockRequest(plan_of_session(app, session), clock, resume=session,
                                   close=close)
    app.open_section("mock")

    def deliver() -> None:  # the mock section shows another screen (a report): replace it
        request = getattr(app, "mock_request", None)
        if request is not None and app.current_mode == "mock" and \
                isinstance(app.screen, MockReportScreen):
            app.mock_request = None
            app.switch_screen(screen_for_request(app, request))

    app.call_later(deliver)


# --------------------------------------------------------------------------------------------
# Self-grading and the katas' grades

class MockSelfGradeScreen(_MockScreenBase):
    """Tick the key points of each short answer while the katas are graded; then the report."""

    TITLE_KEY = "mock.title"
    BINDINGS = [Binding("ctrl+s", "confirm", "Confirm", priority=True)]

    def __init__(self, run_screen: MockRunScreen, *, ran_out: bool) -> None:
        super().__init__()
        self.source = run_screen
        self.plan = run_screen.plan
        self.run = run_screen.run
        self.ran_out = ran_out
        self.kata_reports: dict[str, dict] = {}
        self.grading_done = False
        self.confirmed = False
        self.finished = False
        self.report: dict | None = None
        by_id = self.qapp_data_by_id(run_screen)
        self.shorts = [i for i, item in enumerate(self.plan.items)
                       if item.kind == "question" and getattr(by_id.get(item.id), "type", "")
                       == "short" and i in self.run.answers]
        self.katas = [item.id for n, item in enumerate(self.plan.items) if item.kind == "kata"
                      and (n in self.run.answers
                           or not getattr(run_screen, "only_answered_katas", False))]

    @staticmethod
    def qapp_data_by_id(screen: AppScreen) -> dict:
        data = getattr(screen.app, "data", None)
        return data.banks.by_id if data is not None else {}

    def compose(self) -> ComposeResult:
        from quizapp.answers import suggest_key_points

        by_id = self.qapp_data_by_id(self)
        lang = self.lang
        yield Header()
        with VerticalScroll(id="mock-grade"):
            if self.ran_out:
                yield Static(Text(self.t("mock.time_up"), style="bold"), classes="mock-hint")
            yield Static(id="mock-kata-status")
            yield Static(self.t("mock.self_grade"), classes="section-title")
            if not self.shorts:
                yield Static(self.t("mock.no_short"), classes="mock-hint")
            else:
                yield Static(self.t("mock.self_grade_help"), classes="mock-hint")
            for n, index in enumerate(self.shorts):
                question = by_id[self.plan.items[index].id]
                answer = str(self.run.answers[index])
                yield Static(inline_markup(f"{index + 1}. {question.prompt.get(lang)}",
                                           "bold"), classes="mock-prompt")
                yield Static(Text(f"{self.t('mock.your_answer')}: ", style="bold").append(answer),
                             classes="mock-answer-text")
                yield Static(Text(f"{self.t('mock.model_answer')}: ", style="bold").append_text(
                    inline_markup(question.answer.get(lang))), classes="mock-model")
                yield KeyPointList([kp.get(lang) for kp in question.key_points],
                                   suggest_key_points(question, answer), id=f"mock-kp-{n}")
        yield LocalFooter()

    def on_mount(self) -> None:
        self._show_status()
        lists = self.query(KeyPointList)
        if lists:
            lists.first().focus()
        if self.katas:
            self.grade_katas()
        else:
            self.grading_done = True
        if not self.shorts:
            self.confirmed = True
        self._maybe_finish()

    def refresh_content(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#mock-kata-status", Static)
        if not self.katas:
            status.update(self.t("mock.no_katas"))
        elif self.grading_done:
            status.update(Text(self.t("mock.graded"), style="green"))
        else:
            status.update(Text(self.t("mock.grading", done=len(self.kata_reports),
                                      n=len(set(self.katas))), style="yellow"))
        if self.confirmed and not self.grading_done:
            status.update(Text(self.t("mock.waiting"), style="yellow"))

    @work(thread=True, exclusive=True, group="mock-grade", exit_on_error=False)
    def grade_katas(self) -> None:
        """Grade every kata's file as it stood, in a child process each."""
        runner = getattr(self.app, "grade_runner", None)
        for kata_id in dict.fromkeys(self.katas):
            code = self.source.kata_code.get(kata_id, "")
            try:
                if runner is None:
                    raise RuntimeError("no grader available")
                result = runner(kata_id, code)
                report = getattr(result, "report", None)
                if report is None:
                    report = {"version": 3, "status": "error", "tests": [], "kata": kata_id,
                              "message": getattr(result, "message", None) or "not graded",
                              "unavailable": True}
            except Exception as exc:  # noqa: BLE001 - a verdict, never a crash
                report = {"version": 3, "status": "error", "message": str(exc), "tests": [],
                          "kata": kata_id, "unavailable": True}
            self.app.call_from_thread(self._graded, kata_id, report)
        self.app.call_from_thread(self._all_graded)

    def _graded(self, kata_id: str, report: dict) -> None:
        self.kata_reports[kata_id] = report
        self._show_status()

    def _all_graded(self) -> None:
        self.grading_done = True
        self._show_status()
        self._maybe_finish()

    def on_key_point_list_confirmed(self, event: KeyPointList.Confirmed) -> None:
        event.stop()
        lists = list(self.query(KeyPointList))
        current = event.control if hasattr(event, "control") and event.control else None
        position = next((n for n, kp in enumerate(lists) if kp is current or kp.has_focus), None)
        if position is not None and position + 1 < len(lists):
            lists[position + 1].focus()
        else:
            self.action_confirm()

    def action_confirm(self) -> None:
        self.confirmed = True
        self._show_status()
        self._maybe_finish()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return False if action == "back" else True  # nothing to go back to: the answers are in

    def action_back(self) -> None:
        """Nothing to go back to: the answers are in."""

    def self_grades(self) -> dict[int, list[bool]]:
        return {index: kp.ticks for index, kp in zip(self.shorts, self.query(KeyPointList))}

    def _maybe_finish(self) -> None:
        if self.finished or not (self.confirmed and self.grading_done):
            return
        self.finished = True
        app = self.qapp
        by_id = self.qapp_data_by_id(self)
        outcome = score_mock(self.plan, by_id, self.run.answers, self_grades=self.self_grades(),
                             kata_reports=self.kata_reports, time_used=self.run.time_used(),
                             lang=self.lang)
        katas = {k.id: k for k in (app.data.katas if app.data is not None else []) if k.ok}
        started = self.source.started_at
        if started is not None:  # when the run stopped, on the run's own clock
            from datetime import timedelta

            finished = started + timedelta(seconds=self.run.elapsed())
        else:
            finished = app.now()
        report = None
        try:
            sid = self.source.session_id
            if sid is None:
                sid = app.store.start_mock_session(self.plan.minutes, self.plan.seed,
                                                   self.plan.to_json(), started_at=started)
            report = finish_mock(app.store, sid, self.plan, outcome, questions=by_id, katas=katas,
                                 started_at=started, finished_at=finished,
                                 time_ran_out=self.ran_out, lang=self.lang,
                                 kata_files=self.source.kata_files)
        except Exception as exc:  # noqa: BLE001 - show the report even when it was not saved
            self.notify(self.t("mock.not_saved", error=exc), severity="error", timeout=10)
            from quizapp.mock import build_report

            report = build_report(plan=self.plan, outcome=outcome, questions=by_id, katas=katas,
                                  started_at=started, finished_at=finished,
                                  time_ran_out=self.ran_out, lang=self.lang)
        self.report = report
        self.app.switch_screen(MockReportScreen(report))


# --------------------------------------------------------------------------------------------
# The report

class MockReportScreen(_MockScreenBase):
    """The report of a finished mock (as ``quizapp mock report`` prints it)."""

    TITLE_KEY = "mock.title"

    def __init__(self, report: dict) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        from quizapp.mock import render_markdown

        yield Header()
        with VerticalScroll(id="mock-report"):
            if self.report.get("id") is not None:
                yield Static(Text(self.t("mock.saved", id=self.report["id"]), style="green"),
                             id="mock-saved")
            yield Static(self.t("mock.new"), classes="mock-hint")
            yield Markdown(render_markdown(self.report), id="mock-report-md")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#mock-report", VerticalScroll).focus()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.qapp.open_section("home")


# --------------------------------------------------------------------------------------------
# Starting the app on a plan

def make_mock_app(plan: Plan, *, db_path: Any = None, lang: str | None = None,
                  clock: Callable[[], float] | None = None, **kwargs: Any):
    """The app, opening the mock section on ``plan`` once it is ready (``quizapp mock``)."""
    from quizapp.tui import app as app_module
    from quizapp.tui.app import QuizApp

    base = Path(app_module.__file__).parent
    paths = QuizApp.CSS_PATH if isinstance(QuizApp.CSS_PATH, list) else [QuizApp.CSS_PATH]

    class MockApp(QuizApp):
        # Textual reads CSS_PATH relative to the module defining the class: keep the app's.
        CSS_PATH = [str(base / p) for p in paths if p]

        def __init__(self) -> None:
            super().__init__(db_path=db_path, lang=lang, **kwargs)
            self.mock_request: MockRequest | None = MockRequest(plan, clock)

        def on_mount(self) -> None:
            # QuizApp's own on_mount runs after this one (Textual calls every class's
            # handler): go to the mock section once it has opened the store.
            self.call_later(self._open_mock)

        def _open_mock(self) -> None:
            if self.store is not None and self.store_error is None:
                self.open_section("mock")

    return MockApp()


def run_mock_app(args: Any, plan: Plan) -> int:
    """Handler body of ``quizapp mock`` without ``--plan``: run the app on ``plan``."""
    from quizapp.paths import default_db_path

    app = make_mock_app(plan, db_path=default_db_path(getattr(args, "db", None)),
                        lang=getattr(args, "lang", None))
    app.run()
    return int(app.return_code or 0)
