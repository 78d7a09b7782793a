"""Quiz screens: choosing what to practise, then asking one question at a time with immediate
feedback. The state lives in :class:`quizapp.quiz_session.QuizSession`; this module only shows it
and records every answer in the progress store (which schedules the next review)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Static

from quizapp.quiz_session import QuizSession, due_questions, question_gist
from quizapp.scheduling import topic_mastery
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.answers import (
    BOX_TYPES, SUBMIT_KEY, answer_widget, is_choice, read_answer, submit_hint,
)
from quizapp.tui.widgets.bars import pct
from quizapp.tui.widgets.footer import LocalFooter
from quizapp.tui.widgets.question import ChoiceList, KeyPointList, inline_markup, python_syntax

DEFAULT_COUNT = 10


class QuizSetupScreen(AppScreen):
    """Choose due reviews, topics, or a number of questions."""

    TITLE_KEY = "setup.title"
    BINDINGS = [
        Binding("d", "due", "Due only"),
        Binding("s", "start", "Start"),
        Binding("plus,equals_sign", "more", "More", show=False),
        Binding("minus", "fewer", "Fewer", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.due_count = 0
        self.topic_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup"):
            yield Button(self.t("setup.due", n=0), id="setup-due", variant="primary")
            yield Static(self.t("setup.topics"), classes="section-title")
            yield ChoiceList([], multi=True, id="setup-topics")
            with Horizontal(id="setup-count-row"):
                yield Label(self.t("setup.count"), id="setup-count-label")
                yield Input(str(DEFAULT_COUNT), id="setup-count", type="integer", max_length=3)
                yield Button(self.t("setup.start"), id="setup-start", variant="success")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#setup-topics").focus()

    def refresh_content(self) -> None:
        app = self.qapp
        if not app.ready:
            return
        now = app.now()
        cards = app.store.cards()
        questions = app.data.banks.questions
        self.due_count = len(due_questions(questions, cards, now))
        self.query_one("#setup-due", Button).label = self.t("setup.due", n=self.due_count)
        self.query_one("#setup-due", Button).disabled = not self.due_count
        mastery = topic_mastery(questions, cards, now, scheduler=app.store.scheduler)
        topics = self.query_one("#setup-topics", ChoiceList)
        chosen = set(self.selected_topics())
        self.topic_ids = [t for t in app.data.banks.topics if t in mastery]
        labels = [self.t("setup.topic_row", name=app.data.topic_name(t, self.lang),
                         n=mastery[t].questions, due=mastery[t].due,
                         recall=pct(mastery[t].recall_now)) for t in self.topic_ids]
        topics.ticked = {i for i, t in enumerate(self.topic_ids) if t in chosen}
        topics.set_labels(labels)

    def selected_topics(self) -> list[str]:
        """The ticked topics (none ticked: every topic)."""
        ticked = self.query_one("#setup-topics", ChoiceList).ticked
        return [t for i, t in enumerate(self.topic_ids) if i in ticked]

    def _count(self) -> int | None:
        try:
            value = int(self.query_one("#setup-count", Input).value)
        except ValueError:
            return None
        return value if value > 0 else None

    def _set_count(self, value: int) -> None:
        self.query_one("#setup-count", Input).value = str(max(1, min(value, 999)))

    def action_more(self) -> None:
        self._set_count((self._count() or DEFAULT_COUNT) + 5)

    def action_fewer(self) -> None:
        self._set_count((self._count() or DEFAULT_COUNT) - 5)

    def action_due(self) -> None:
        self.qapp.start_planned_quiz("due", self.selected_topics(), 0)

    def action_start(self) -> None:
        count = self._count()
        if count is None:
            self.notify(self.t("setup.bad_count"), severity="warning")
            return
        topics = self.selected_topics()
        self.qapp.start_planned_quiz("topics" if topics else "count", topics, count)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "setup-due":
            self.action_due()
        elif event.button.id == "setup-start":
            self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_choice_list_answered(self, event: ChoiceList.Answered) -> None:
        event.stop()                               # enter in the list of topics starts
        self.action_start()


def _answer_id(question: Any) -> str:
    """The id of a question's answer widget on the quiz screen (styles and tests use them)."""
    if is_choice(question.type):
        return "answer-choices"
    return "answer-box" if question.type in BOX_TYPES else "answer-text"


def _when(due: datetime | None, now: datetime, lang: str) -> str:
    """A review date as "in 3 days (2025-01-04)"."""
    if due is None:
        return "-"
    seconds = (due - now).total_seconds()
    local = due.astimezone()
    if seconds < 3600:
        minutes = max(1, int(seconds // 60))
        rel = f"{minutes}분 후" if lang == "ko" else f"in {minutes} min"
    elif seconds < 86400:
        hours = int(seconds // 3600)
        rel = f"{hours}시간 후" if lang == "ko" else f"in {hours} h"
    else:
        days = int(round(seconds / 86400))
        rel = f"{days}일 후" if lang == "ko" else f"in {days} day{'s' if days != 1 else ''}"
    return f"{rel} ({local:%Y-%m-%d})"


class QuizScreen(AppScreen):
    """One question at a time: the prompt (with highlighted code), an answer widget for its
    type, then the verdict, the explanation and the source. Every answer is recorded."""

    TITLE_KEY = "quiz.title"
    BINDINGS = [
        Binding(SUBMIT_KEY, "submit", "Submit"),
        Binding("n", "next", "Next"),
        Binding("i", "overrule", "I was right"),
        Binding("r", "again", "New quiz"),
    ]

    def __init__(self, questions: list[Any]) -> None:
        super().__init__()
        self.session = QuizSession(questions, lang="en")
        self.last_review: Any = None
        self.recalls: dict[str, Any] | None = None  # why questions came back (read once)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-meta")
            yield Static(id="quiz-prompt")
            yield Static(id="quiz-code", classes="code")
            yield Static(id="quiz-how", classes="how")
            yield Vertical(id="quiz-answer")
            yield Vertical(id="quiz-feedback")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.session.lang = self.lang
        self._save_resume()

    # -- showing ------------------------------------------------------------------------------

    def _recalls(self) -> dict[str, Any]:
        """The questions a failed kata check brought back, as the quiz started (answering one
        closes its recall in the store; the reason stays shown for this quiz)."""
        if self.recalls is None:
            from quizapp.store import StoreError

            try:
                self.recalls = self.qapp.store.recalls() if self.qapp.store is not None else {}
            except StoreError:  # a reason not shown must not stop the quiz
                self.recalls = {}
        return self.recalls

    def refresh_content(self) -> None:
        """Show the session's current state (also after a language change)."""
        self.session.lang = self.lang
        if self.session.is_done:
            self._show_summary()
            return
        q = self.session.current
        self._show_progress()
        data = self.qapp.data
        meta = Text(" · ".join([
            " / ".join(data.topic_name(t, self.lang) for t in q.topics),
            self.t(f"quiz.type.{q.type}"), self.t("quiz.difficulty", d=q.difficulty)]),
            style="dim")
        recall = self._recalls().get(q.id)
        if recall is not None:  # a failed kata check brought this question back: say which
            meta.append("\n↻ " + self.t("recall.because", kata=recall.kata_id,
                                          checks=", ".join(recall.checks)), style="bold yellow")
        self.query_one("#quiz-meta", Static).update(meta)
        self.query_one("#quiz-prompt", Static).update(inline_markup(q.prompt.get(self.lang)))
        code = self.query_one("#quiz-code", Static)
        if q.code:
            code.update(python_syntax(q.code))
        code.display = bool(q.code)
        self.query_one("#quiz-how", Static).update(self.t(f"quiz.hint.{q.type}"))
        self.call_after_refresh(self._mount_answer)

    def _show_progress(self) -> None:
        s = self.session.summary()
        self.query_one("#quiz-progress", Static).update(Text(self.t(
            "quiz.progress", pos=self.session.position + 1, total=self.session.total,
            right=s.passed, wrong=s.answered - s.passed), style="bold"))

    async def _mount_answer(self) -> None:
        q = self.session.current
        if q is None:
            return
        answer = self.query_one("#quiz-answer", Vertical)
        feedback = self.query_one("#quiz-feedback", Vertical)
        await answer.remove_children()
        await feedback.remove_children()
        widgets = self._answer_widgets(q)
        await answer.mount_all(widgets)
        if self.session.phase == "self_grade":
            await self._mount_self_grade()
        elif self.session.phase == "feedback":
            await self._mount_feedback()
        else:
            widgets[0].focus()
        self.refresh_bindings()
        self.query_one("#quiz-body").scroll_home(animate=False)

    def _answer_widgets(self, q: Any) -> list[Any]:
        """The answer widget of the question's type (shared with the mock), and what goes with
        it: a Submit button for ticked choices; for a box, the hint naming the submit key."""
        widgets: list[Any] = [answer_widget(q, self.lang, id=_answer_id(q))]
        if q.type == "multi":
            widgets.append(Button(self.t("quiz.submit"), id="answer-submit"))
        elif q.type in BOX_TYPES:
            widgets.append(Static(submit_hint(self.lang), id="answer-hint", classes="how"))
            widgets.append(Button(f"{self.t('quiz.submit')} ({SUBMIT_KEY})", id="answer-submit"))
        return widgets

    async def _mount_self_grade(self) -> None:
        q = self.session.current
        answer = self.query_one("#quiz-answer", Vertical)
        for widget in answer.query("#answer-box, #answer-submit"):
            widget.disabled = True
        model = Text(self.t("quiz.model_answer") + "\n", style="bold")
        model.append_text(inline_markup(q.answer.get(self.lang)))
        points = KeyPointList([kp.get(self.lang) for kp in q.key_points], self.session.ticks,
                              id="answer-points")
        await answer.mount_all([
            Static(model, id="answer-model", classes="panel"),
            Static(Text(self.t("quiz.key_points"), style="bold"), classes="how"),
            points,
            Button(self.t("quiz.confirm") + " (enter)", id="answer-confirm", variant="primary"),
        ])
        points.focus()
        self.refresh_bindings()

    async def _mount_feedback(self) -> None:
        a = self.session.last
        q = a.question
        lang = self.lang
        for widget in self.query_one("#quiz-answer").query("*"):
            widget.disabled = True
        if q.type in ("mcq", "multi", "truefalse"):
            choices = self.query("#answer-choices")
            if choices:
                right = {int(not q.answer)} if q.type == "truefalse" else (
                    set(q.answer) if q.type == "multi" else {q.answer})
                given = a.given
                if q.type == "truefalse":
                    picked = {int(not bool(given))} if isinstance(given, (bool, int)) else set()
                elif q.type == "multi":
                    picked = set(given)
                else:
                    picked = {given}
                choices.first(ChoiceList).show_result(right, picked)
        parts: list[Any] = []
        if a.correct is None:
            rating = self.t(f"rating.{a.rating}")
            verdict = Text("● " + self.t("quiz.self_graded", got=sum(a.ticks), n=len(a.ticks),
                                         rating=rating),
                           style="bold green" if a.passed else "bold yellow")
        elif a.overruled:
            verdict = Text("✔ " + self.t("quiz.overruled"), style="bold green")
        elif a.correct:
            verdict = Text("✔ " + self.t("quiz.right"), style="bold green")
        else:
            verdict = Text("✘ " + self.t("quiz.wrong"), style="bold red")
        parts.append(verdict)
        if self.session.can_overrule():
            parts.append(Text(self.t("quiz.overrule_hint"), style="dim"))
        if not a.verdict.correct and q.type in ("cloze", "output") and a.verdict.given_display:
            parts.append(Text(f"{self.t('quiz.your_answer')}: ", style="bold").append(
                a.verdict.given_display))
        if q.type == "cloze":
            parts.append(Text(f"{self.t('quiz.expected')}: ", style="bold").append(
                a.verdict.expected_display, style="bold"))
            if len(q.answer) > 1:
                parts.append(Text(f"{self.t('quiz.accepted')}: " + " | ".join(q.answer),
                                  style="dim"))
        elif q.type == "output":
            parts.append(Text(f"{self.t('quiz.expected')}:", style="bold"))
            parts.append(Text(a.verdict.expected_display, style="bold"))
        elif q.type in ("mcq", "multi", "truefalse") and not a.verdict.correct:
            parts.append(Text(f"{self.t('quiz.expected')}: ", style="bold").append(
                a.verdict.expected_display.replace("\n", "  ")))
        parts.append(Text(""))
        parts.append(Text(self.t("quiz.explanation"), style="bold"))
        parts.append(inline_markup(q.explanation.get(lang)))
        parts.append(Text(""))
        parts.append(Text(f"{self.t('quiz.source')}: ", style="bold").append(
            self.qapp.data.describe_source(q.source, lang), style="italic"))
        if self.last_review is not None and self.last_review.question_id == q.id:
            parts.append(Text(self.t("quiz.next_due", when=_when(
                self.last_review.due, self.qapp.now(), lang)), style="dim"))
        last = self.session.position + 1 >= self.session.total
        button = Button(self.t("quiz.finish" if last else "quiz.next") + " (n)",
                        id="feedback-next", variant="primary")
        feedback = self.query_one("#quiz-feedback", Vertical)
        await feedback.remove_children()
        await feedback.mount_all([Static(Group(*parts), id="feedback-text",
                                          classes="panel " + ("right" if a.passed else "wrong")),
                                  button])
        button.focus()
        self.refresh_bindings()
        self.call_after_refresh(lambda: self.query_one("#quiz-body").scroll_end(animate=False))

    def _show_summary(self) -> None:
        s = self.session.summary()
        data = self.qapp.data
        for selector in ("#quiz-meta", "#quiz-code", "#quiz-how"):
            self.query_one(selector).display = False
        self.query_one("#quiz-progress", Static).update(Text(self.t("quiz.done"), style="bold"))
        body = Text()
        body.append(self.t("quiz.score", answered=s.answered, passed=s.passed,
                           pct=pct(s.score)) + "\n\n", style="bold")
        if s.topics:
            body.append(self.t("quiz.per_topic") + "\n", style="bold")
            for row in s.topics:
                body.append(f"  {data.topic_name(row.topic, self.lang)}: {row.passed}/{row.answered}\n")
        if s.missed:
            body.append("\n" + self.t("quiz.missed") + "\n", style="bold")
            for qid in s.missed:
                q = data.banks.by_id.get(qid)
                body.append("  • ")
                body.append_text(inline_markup(question_gist(q, self.lang) if q else qid))
                body.append("\n")
        body.append("\n" + self.t("quiz.recorded"), style="dim")
        self.query_one("#quiz-prompt", Static).update(body)
        self.call_after_refresh(self._mount_summary_buttons)

    async def _mount_summary_buttons(self) -> None:
        await self.query_one("#quiz-answer").remove_children()
        await self.query_one("#quiz-feedback").remove_children()
        home = Button(self.t("home.title") + " (esc)", id="summary-home", variant="primary")
        again = Button(self.t("quiz.again") + " (r)", id="summary-again")
        await self.query_one("#quiz-feedback").mount(Horizontal(home, again, id="summary-buttons"))
        home.focus()
        self.refresh_bindings()

    # -- answering ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        phase = self.session.phase
        if action == "submit":
            q = self.session.current
            return (phase == "self_grade" or (phase == "question" and q is not None
                                              and q.type in ("short", "multi", "cloze", "output")))
        if action == "next":
            return phase == "feedback"
        if action == "overrule":
            return self.session.can_overrule()
        if action == "again":
            return phase == "done"
        return True

    def _save_resume(self) -> None:
        ids = self.session.remaining_ids()
        self.qapp.save_resume({"kind": "quiz", "ids": ids, "total": self.session.total}
                              if ids else None)

    def _answered(self) -> None:
        """Record the last answer, then show the feedback."""
        self.last_review = self.qapp.record_review(**self.session.review_kwargs())
        self._save_resume()
        self._show_progress()
        self.call_after_refresh(self._mount_feedback)

    def _submit(self, given: Any) -> None:
        if self.session.phase != "question":
            return
        q = self.session.current
        if q.type in ("cloze", "output", "short") and not str(given).strip():
            self.notify(self.t("quiz.empty_answer"), severity="warning")
            return
        if q.type == "multi" and not given:
            self.notify(self.t("quiz.pick_one"), severity="warning")
            return
        if q.type == "truefalse" and isinstance(given, int):
            given = given == 0
        self.session.submit(given)
        if self.session.phase == "self_grade":
            self.call_after_refresh(self._mount_self_grade)
        else:
            self._answered()

    def on_choice_list_answered(self, event: ChoiceList.Answered) -> None:
        event.stop()
        self._submit(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    def on_key_point_list_confirmed(self, event: KeyPointList.Confirmed) -> None:
        event.stop()
        self._confirm(event.ticks)

    def _confirm(self, ticks: list[bool]) -> None:
        if self.session.phase != "self_grade":
            return
        self.session.set_ticks(ticks)
        self.session.confirm_self_grade()
        self._answered()

    def action_submit(self) -> None:
        phase = self.session.phase
        if phase == "self_grade":
            self._confirm(self.query_one("#answer-points", KeyPointList).ticks)
            return
        if phase != "question":
            return
        q = self.session.current
        widget = self.query_one(f"#{_answer_id(q)}")
        if q.type == "multi":
            widget.action_submit()
        elif not is_choice(q.type):
            self._submit(read_answer(widget))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id
        if bid == "answer-submit":
            self.action_submit()
        elif bid == "answer-confirm":
            self._confirm(self.query_one("#answer-points", KeyPointList).ticks)
        elif bid == "feedback-next":
            self.action_next()
        elif bid == "summary-home":
            self.action_back()
        elif bid == "summary-again":
            self.action_again()

    def action_overrule(self) -> None:
        """"I was right": the learner overrules an automatic wrong (``23`` against ``23.0``); the
        review is recorded again as right and marked as overruled."""
        if not self.session.can_overrule():
            return
        self.session.overrule()
        if self.last_review is not None:
            self.last_review = self.qapp.overrule_review(self.last_review) or self.last_review
        self._show_progress()
        self.call_after_refresh(self._mount_feedback)

    def action_next(self) -> None:
        if self.session.phase != "feedback":
            return
        self.session.advance()
        self.last_review = None
        if self.session.is_done:
            self.qapp.save_resume(None)
        self.refresh_content()

    def action_again(self) -> None:
        if self.session.phase == "done":
            self.app.switch_screen(QuizSetupScreen())

    async def apply_language(self) -> None:
        self.sub_title = self.t(self.TITLE_KEY)
        self.refresh_content()

