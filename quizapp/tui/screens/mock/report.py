"""The report of a finished mock, as ``quizapp mock report`` prints it (stored with the mock)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown, Static

from quizapp.mock import render_markdown
from quizapp.tui.screens.mock.base import MockScreenBase
from quizapp.tui.widgets.footer import LocalFooter


class MockReportScreen(MockScreenBase):
    """The report of a finished mock; escape goes back to the set-up for a new one."""

    def __init__(self, report: dict) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
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
