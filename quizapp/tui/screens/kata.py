"""Kata screens: the catalogue, and the workbench where a kata is read, written, graded and
re-graded whenever its file changes on disk (watch mode, as rustlings does).

The state that is not the editor's text lives in :class:`quizapp.workbench.Workbench`; grading
runs in a thread worker that waits on a child process (:func:`quizapp.workbench.run_grade`), so
the app never imports torch and the UI never freezes.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Header, Markdown, Static, TextArea
from textual.worker import get_current_worker

from quizapp import katas as catalogue
from quizapp.store import StoreError
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.code_editor import CodeEditor
from quizapp.tui.widgets.footer import LocalFooter
from quizapp.tui.widgets.question import inline_markup
from quizapp.workbench import (FileWatch, GradeResult, Workbench, figure_lines, on_disk_change,
                               worth_recording)

STATUS_STYLE = {"pass": "bold green", "fail": "bold red", "error": "bold yellow",
                "unavailable": "bold magenta"}
CHECK_MARK = {"pass": ("✔", "green"), "fail": ("✘", "red"), "error": ("!", "yellow")}


def _minutes(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class KataListScreen(AppScreen):
    """The kata catalogue with each kata's status; enter opens one."""

    TITLE_KEY = "katas.title"
    BINDINGS = [Binding("o", "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="kata-list"):
            yield DataTable(id="kata-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="kata-list-note")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#kata-table").focus()

    def on_screen_resume(self) -> None:
        self.refresh_content()

    def refresh_content(self) -> None:
        app = self.qapp
        table = self.query_one("#kata-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        if not table.columns:
            for key in ("status", "id", "title", "level", "minutes", "topics"):
                table.add_column(self.t(f"katas.col.{key}"), key=key)
        if not app.ready:
            return
        try:
            status = app.store.kata_status([k.id for k in app.data.katas if k.ok])
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            status = {}
        styles = {"passed": "green", "failing": "yellow", "never": "dim", "broken": "red"}
        for info in app.data.katas:
            state = "broken" if not info.ok else (
                status[info.id].status if info.id in status else "never")
            label = Text(self.t(f"katas.status.{state}"), style=styles[state])
            if not info.ok:
                table.add_row(label, info.id, Text(catalogue.short_error(info)[:60], style="red"),
                              "", "", "", key=info.id)
                continue
            table.add_row(label, info.id, info.title(self.lang), "*" * (info.difficulty or 0),
                          _minutes(info.minutes), ", ".join(info.topics), key=info.id)
        if not app.data.katas:
            self.query_one("#kata-list-note", Static).update(
                self.t("katas.none", folder="katas/"))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _open_row(self, key: str | None) -> None:
        if key:
            self.qapp.open_kata(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open_row(event.row_key.value)

    def action_open(self) -> None:
        table = self.query_one("#kata-table", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
            self._open_row(key)


class SolutionScreen(ModalScreen):
    """The reference solution, read-only (offered after a pass)."""

    BINDINGS = [Binding("escape,f3,q", "dismiss", "Close")]

    def __init__(self, title: str, code: str) -> None:
        super().__init__()
        self.title_text = title
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(id="solution-box"):
            yield Static(Text(self.title_text, style="bold"), id="solution-title")
            yield TextArea.code_editor(self.code, language="python", read_only=True,
                                       id="solution-code")
            yield LocalFooter()


class KataScreen(AppScreen):
    """The workbench: prompt, editor on the user's own file, grading, hints, solution, watch."""

    TITLE_KEY = "katas.title"
    BINDINGS = [
        Binding("ctrl+r,f5", "grade", "Grade", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("f2", "hint", "Hint"),
        Binding("f3", "solution", "Solution"),
        Binding("f4,ctrl+o", "open_editor", "$EDITOR"),
        Binding("ctrl+t", "toggle_watch", "Watch"),
        Binding("ctrl+l", "reload", "Reload", show=False),
    ]

    def __init__(self, info: Any) -> None:
        super().__init__()
        self.info = info
        self.path: Path = catalogue.workspace_file(info.id)
        self.bench = Workbench(info.id)
        self.opened_at = time.monotonic()  # the learner's time on the kata rates a pass
        self.watching = True
        self.recorded_last: GradeResult | None = None  # the last attempt this screen recorded
        self._grade_explicit = self._pending_explicit = False
        self.grading = False
        self.regrade_pending = False
        self.saved_text = ""
        self.file_error: str | None = None
        self.filewatch: FileWatch | None = None
        self._conflict_reported = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="kata-main"):
            with VerticalScroll(id="kata-left"):
                yield Markdown(id="kata-prompt")
                yield Static(id="kata-hints", classes="panel")
                yield Static(self.t("kata.results"), classes="section-title")
                yield Static(id="kata-results", classes="panel")
            with Vertical(id="kata-right"):
                yield CodeEditor.for_python("", id="kata-editor")
                yield Static(id="kata-filebar")
        yield LocalFooter()

    def on_mount(self) -> None:
        self._prepare_file()
        self._warm_grader("start")  # the slot loads torch while the learner reads the prompt
        self.filewatch = FileWatch(self.path)
        self.set_interval(self.qapp.watch_interval, self._poll_disk)
        self.qapp.save_resume({"kind": "kata", "id": self.info.id})
        try:
            status = self.qapp.store.kata_status([self.info.id]).get(self.info.id)
            self.bench.passed_before = status is not None and status.status == "passed"
        except StoreError:
            pass
        self.query_one("#kata-editor", TextArea).focus()

    def _prepare_file(self) -> None:
        """Create the user's file from the starter when it does not exist; load it."""
        editor = self.query_one("#kata-editor", TextArea)
        try:
            if not self.path.exists():
                catalogue.start_kata(self.info.id)
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, catalogue.UnknownKata, catalogue.BrokenKata) as exc:
            self.file_error = str(exc)
            self.notify(self.t("kata.file_missing", error=exc), severity="error", timeout=10)
            text = ""
        editor.load_text(text)
        self.saved_text = text

    def refresh_content(self) -> None:
        info = self.info
        lang = self.lang
        self.sub_title = f"{info.title(lang)} ({info.id})"
        meta = self.t("kata.meta", d=info.difficulty, m=_minutes(info.minutes),
                      topics=", ".join(info.topics))
        source = (self.qapp.data.describe_source(info.source, lang) if self.qapp.data
                  else info.source)
        body = (f"# {info.title(lang)}\n\n*{meta}*  \n*{self.t('quiz.source')}: {source}*\n\n"
                f"{info.prompt(lang).strip()}\n")
        self.query_one("#kata-prompt", Markdown).update(body)
        self.bench.hints = info.hints(lang)
        self._show_hints()
        self._show_results()
        self._show_filebar()

    async def apply_language(self) -> None:
        text = self.query_one("#kata-editor", TextArea).text
        await super().apply_language()
        editor = self.query_one("#kata-editor", TextArea)
        editor.load_text(text)
        self._show_filebar()

    # -- panels -------------------------------------------------------------------------------

    def _show_hints(self) -> None:
        bench = self.bench
        text = Text(self.t("kata.hints", shown=bench.hints_shown, n=len(bench.hints)) + "\n",
                    style="bold")
        if not bench.hints_shown:
            text.append(self.t("kata.hint_none"), style="dim")
        for i, hint in enumerate(bench.visible_hints, 1):
            text.append(f"{i}. ")
            text.append_text(inline_markup(hint))
            text.append("\n")
        self.query_one("#kata-hints", Static).update(text)

    def _show_results(self) -> None:
        widget = self.query_one("#kata-results", Static)
        if self.grading:
            widget.update(Text(self.t("kata.grading"), style="italic"))
            return
        result = self.bench.last
        if result is None:
            widget.update(Text(self.t("kata.not_graded"), style="dim"))
            return
        widget.update(self.render_result(result))

    def render_result(self, result: GradeResult) -> Group:
        """The results panel: the verdict, then each check with its message and figures."""
        parts: list[Any] = []
        head = Text(f" {self.t('kata.status.' + result.status)} ",
                    style=STATUS_STYLE.get(result.status, "bold") + " reverse")
        if result.status != "unavailable":
            passed, total = result.counts
            key = "kata.summary" if total else "kata.summary_no_checks"
            head.append("  " + self.t(key, passed=passed, n=total, secs=result.duration_s or 0.0,
                                      device=result.device or "?"))
        parts.append(head)
        if result.message:
            parts.append(Text(result.message, style=STATUS_STYLE.get(result.status, "")))
        checks = Table.grid(padding=(0, 1))
        checks.add_column(no_wrap=True)
        checks.add_column(ratio=1)
        for check in result.checks:
            mark, color = CHECK_MARK.get(check.status, ("?", "white"))
            body: list[Any] = [Text(check.name, style="" if check.passed else "bold")]
            if not check.passed and check.message:
                body.append(Text(check.message))
            if not check.passed and check.output:
                out = check.output.strip()[-800:]
                body.append(Text(f"{self.t('kata.check_output')}: {out}", style="dim"))
            figures = figure_lines(check)
            if figures:
                body.append(Text(" · ".join(figures), style="dim"))
            checks.add_row(Text(mark, style=f"bold {color}"), Group(*body))
        if result.checks:
            parts.append(checks)
        if result.status == "error" and result.output:
            parts.append(Text(self.t("kata.submission_output"), style="bold"))
            parts.append(Text(result.output.strip()[-1500:], style="dim"))
        if result.passed:
            parts.append(Text(self.t("kata.passed_note"), style="bold green"))
        return Group(*parts)

    def _show_filebar(self) -> None:
        editor = self.query_one("#kata-editor", TextArea)
        dirty = editor.text != self.saved_text
        bar = Text()
        bar.append(f"{self.t('kata.file')}: ", style="bold")
        bar.append(f"workspace/{self.path.name}")
        bar.append("  ·  ")
        bar.append(self.t("kata.modified" if dirty else "kata.unmodified"),
                   style="yellow" if dirty else "green")
        bar.append("  ·  ")
        bar.append(self.t("kata.watch_on" if self.watching else "kata.watch_off"),
                   style="bold cyan" if self.watching else "dim")
        self.query_one("#kata-filebar", Static).update(bar)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "kata-editor":
            self._show_filebar()

    # -- file ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the editor's text to the user's file (atomically)."""
        text = self.query_one("#kata-editor", TextArea).text
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_name(f".{self.path.name}.saving")
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, self.path)
        except OSError as exc:
            self.notify(self.t("kata.save_failed", error=exc), severity="error", timeout=8)
            return False
        self.saved_text = text
        self._conflict_reported = False
        if self.filewatch is not None:
            self.filewatch.mark()
        self._show_filebar()
        return True

    def _reload(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.notify(self.t("kata.file_missing", error=exc), severity="error")
            return None
        self.query_one("#kata-editor", CodeEditor).reload(text)
        self.saved_text = text
        self._conflict_reported = False
        self._show_filebar()
        return text

    def _poll_disk(self) -> None:
        """Watch mode: reload the file when it changed on disk, and grade it again."""
        if self.filewatch is None or not self.filewatch.changed():
            return
        self.disk_changed()

    def disk_changed(self) -> None:
        editor = self.query_one("#kata-editor", TextArea)
        if on_disk_change(editor.text != self.saved_text) == "conflict":
            if not self._conflict_reported:
                self._conflict_reported = True
                self.notify(self.t("kata.conflict"), severity="warning", timeout=12)
            return
        if self._reload() is None:
            return
        if self.watching:
            self.notify(self.t("kata.changed_on_disk"), timeout=3)
            self.start_grade(save=False, explicit=False)

    # -- grading ------------------------------------------------------------------------------

    def _warm_grader(self, action: str) -> None:
        method = getattr(self.qapp.grade_runner, action, None)
        if callable(method):
            try:
                method()
            except OSError as exc:
                self.notify(f"the grader could not start: {exc}", severity="error")

    def on_unmount(self) -> None:
        self._warm_grader("stop")

    def start_grade(self, save: bool = True, explicit: bool = True) -> None:
        """Grade the file (saving the editor first with ``save``). ``explicit`` grades (the
        learner asked) are always recorded; watch-mode ones only as :func:`worth_recording` says."""
        if self.file_error:
            self.notify(self.file_error, severity="error")
            return
        if save and not self.save():
            return
        if self.grading:
            self.regrade_pending = True
            self._pending_explicit = self._pending_explicit or explicit
            self.notify(self.t("kata.busy"), timeout=3)
            return
        self.grading = True
        self._grade_explicit = explicit
        self._show_results()
        self.refresh_bindings()
        self._grade(self.saved_text)

    @work(thread=True, group="grade", exit_on_error=False)
    def _grade(self, code: str) -> None:
        worker = get_current_worker()
        try:
            result = self.qapp.grade_runner(self.info.id, code, lang=self.lang,
                                            cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # noqa: BLE001 - a broken grader is shown, never raised
            result = GradeResult(self.info.id, "unavailable", f"the grader failed: {exc}")
        if not worker.is_cancelled:
            self.app.call_from_thread(self._graded, code, result)

    def _graded(self, code: str, result: GradeResult) -> None:
        self.grading = False
        previous = self.recorded_last
        self.bench.graded(result)
        if worth_recording(result, explicit=self._grade_explicit,
                           previous=previous):
            self.qapp.record_kata_attempt(self.info.id, code, result,
                                          hints_used=self.bench.hints_shown,
                                          time_taken_s=time.monotonic() - self.opened_at)
            self.recorded_last = result
        self._show_results()
        self.refresh_bindings()
        if result.passed:
            self.notify(self.t("kata.passed_note"), timeout=6)
        elif result.status == "unavailable":
            self.notify(result.message or "?", severity="error", timeout=8)
        self.query_one("#kata-left").scroll_end(animate=False)
        if self.regrade_pending:
            self.regrade_pending = False
            explicit, self._pending_explicit = self._pending_explicit, False
            self.start_grade(save=False, explicit=explicit)

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The solution stays enabled before a pass: F3 then says when it opens.
        if action == "hint":
            return True if self.bench.hints_left else None
        return True

    def action_grade(self) -> None:
        self.start_grade(save=True)

    def action_save(self) -> None:
        if self.save():
            self.notify(self.t("kata.saved", file=f"workspace/{self.path.name}"), timeout=2)
            if self.watching:
                self.start_grade(save=False)

    def action_reload(self) -> None:
        if self._reload() is not None:
            self.notify(self.t("kata.reloaded"), timeout=3)

    def action_hint(self) -> None:
        if self.bench.reveal_hint() is None:
            self.notify(self.t("kata.hints_done"), timeout=3)
        self._show_hints()
        self.refresh_bindings()

    def action_solution(self) -> None:
        if not self.bench.solution_available:
            self.notify(self.t("kata.solution_locked"), severity="warning")
            return
        try:
            code = self.info.reference.read_text(encoding="utf-8")
        except OSError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.clear_notifications()  # the pass toast would lie over the solution
        self.app.push_screen(SolutionScreen(
            f"{self.t('kata.solution')}: {self.info.title(self.lang)}", code))

    def action_toggle_watch(self) -> None:
        self.watching = not self.watching
        self.notify(self.t("kata.watch_toggled_on" if self.watching else "kata.watch_toggled_off"),
                    timeout=3)
        self._show_filebar()

    def action_open_editor(self) -> None:
        """Open the file in ``$VISUAL``/``$EDITOR`` (the app is suspended meanwhile)."""
        if not self.save():
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(command), str(self.path)], check=False)
        except SuspendNotSupported:
            self.notify(self.t("kata.no_suspend"), severity="warning")
            return
        except (OSError, ValueError) as exc:
            self.notify(self.t("kata.editor_failed", error=exc), severity="error")
            return
        if self.filewatch is not None and self.filewatch.changed():
            self.disk_changed()

    def action_back(self) -> None:
        editor = self.query_one("#kata-editor", TextArea)
        if editor.text != self.saved_text:
            self.save()
        super().action_back()
