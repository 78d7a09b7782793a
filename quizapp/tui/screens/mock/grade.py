"""After the mock: short answers are ticked against their key points while the katas are
graded in a worker (in a child process: the app never imports torch); then the report is stored
and shown."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from quizapp.mock import build_report, finish_mock, score_mock
from quizapp.tui.screens.mock.base import MockScreenBase
from quizapp.tui.screens.mock.report import MockReportScreen
from quizapp.tui.widgets.footer import LocalFooter
from quizapp.tui.widgets.question import KeyPointList, inline_markup


class MockSelfGradeScreen(MockScreenBase):
    """Tick the key points of each short answer while the katas are graded; then the report.

    ``run_screen`` is what was handed in: the :class:`~quizapp.tui.screens.mock.run.MockRunScreen`
    (or a :class:`~quizapp.tui.screens.mock.opening.KeptMock` when an unfinished mock is
    closed), read for its plan, run, session and kata files and code.
    """

    BINDINGS = [Binding("ctrl+s", "confirm", "Confirm", priority=True)]

    def __init__(self, run_screen: Any, *, ran_out: bool) -> None:
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
    def qapp_data_by_id(screen: Any) -> dict:
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
                    raise RuntimeError(self.t("mock.no_grader"))
                result = runner(kata_id, code, lang=self.lang)
                report = getattr(result, "report", None)
                if report is None:
                    report = {"version": 3, "status": "error", "tests": [], "kata": kata_id,
                              "message": getattr(result, "message", None)
                              or self.t("mock.not_graded"),
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
        return action != "back"  # nothing to go back to: the answers are in

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
        topic_names = app.data.banks.topics if app.data is not None else {}
        started = self.source.started_at
        if started is not None:  # when the run stopped, on the run's own clock
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
                                 kata_files=self.source.kata_files, topic_names=topic_names)
        except Exception as exc:  # noqa: BLE001 - show the report even when it was not saved
            self.notify(self.t("mock.not_saved", error=exc), severity="error", timeout=10)
            report = build_report(plan=self.plan, outcome=outcome, questions=by_id, katas=katas,
                                  started_at=started, finished_at=finished,
                                  time_ran_out=self.ran_out, lang=self.lang,
                                  topic_names=topic_names)
        self.report = report
        self.app.switch_screen(MockReportScreen(report))
