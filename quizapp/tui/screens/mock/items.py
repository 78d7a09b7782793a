"""How the run screen shows an item: its line in the list of items, and its widgets (the prompt,
the code, the answer widget with a hint under it; a kata's prompt and editor). Nothing here says
right or wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.widgets import Markdown, Static

from quizapp.mock import PlanItem
from quizapp.texts import tr
from quizapp.tui.screens.mock.base import minutes_text
from quizapp.tui.widgets.answers import BOX_TYPES, answer_widget, submit_hint
from quizapp.tui.widgets.code_editor import CodeEditor
from quizapp.tui.widgets.question import code_view, inline_markup

#: The id of the open item's answer widget (a choice list, an input, a box or the kata editor).
ANSWER_ID = "mock-answer"
#: The marks of an item's status in the list.
STATUS_MARKS = {"answered": "●", "skipped": "○", "unseen": " "}
#: Classes of the answer widgets (styles in mock.tcss).
ANSWER_CLASSES = {"mcq": "mock-choices", "truefalse": "mock-choices", "multi": "mock-choices",
                  "output": "mock-text", "short": "mock-text", "cloze": ""}


def item_label(item: PlanItem, index: int, status: str, lang: str) -> Text:
    """An item's line in the list: its status mark, number, kind and minutes."""
    kind = tr(f"mock.kind.{'kata' if item.kind == 'kata' else item.type}", lang)
    text = Text(f"{STATUS_MARKS[status]} {index + 1:>2}. ",
                style="bold" if status == "answered" else "")
    text.append(kind, style="cyan" if item.kind == "kata" else "")
    text.append(f"  {minutes_text(item.minutes)}'", style="dim")
    return text


def _meta(index: int, total: int, kind: str, topics: str, item: PlanItem, lang: str) -> Static:
    return Static(tr("mock.header", lang, n=index + 1, total=total, kind=kind, topics=topics,
                     est=tr("mock.est", lang, m=minutes_text(item.minutes))),
                  classes="mock-item-meta")


def kata_widgets(item: PlanItem, index: int, total: int, *, info: Any, topics: str,
                 path: Path | None, code: str, lang: str) -> list:
    """A kata: its title and prompt, where its file is, and an editor on the file's text."""
    title = info.title(lang) if info is not None and info.ok else item.id
    widgets: list = [_meta(index, total, tr("mock.kata", lang), topics, item, lang),
                     Static(Text(title, style="bold"), classes="mock-item-title")]
    if info is not None and info.ok:
        widgets.append(Markdown(info.prompt(lang), classes="mock-prompt"))
    widgets.append(Static(tr("mock.hint.kata", lang, file=path or "-"), classes="mock-hint"))
    widgets.append(CodeEditor.for_python(code, id=ANSWER_ID, classes="mock-editor"))
    return widgets


def question_widgets(item: PlanItem, index: int, total: int, *, question: Any, topics: str,
                     given: Any, lang: str) -> list:
    """A question: its prompt and code, the answer widget of its type (holding ``given``) and
    the hint under it."""
    if question is None:
        return [Static(tr("mock.missing", lang, id=item.id), classes="mock-hint")]
    qtype = question.type
    widgets: list = [_meta(index, total, tr(f"quiz.type.{qtype}", lang), topics, item, lang),
                     Static(inline_markup(question.prompt.get(lang)), classes="mock-prompt")]
    if question.code:
        widgets.append(code_view(question.code, classes="mock-code"))
    widgets.append(answer_widget(question, lang, id=ANSWER_ID, value=given,
                                 classes=ANSWER_CLASSES.get(qtype, ""), final=False))
    if qtype in ("mcq", "truefalse"):
        widgets.append(Static(picked_text(question, given, lang), id="mock-picked",
                              classes="mock-hint"))
        widgets.append(Static(tr("mock.hint.choice", lang), classes="mock-hint"))
    elif qtype == "multi":
        widgets.append(Static(tr("mock.hint.multi", lang), classes="mock-hint"))
    elif qtype in BOX_TYPES:
        widgets.append(Static(submit_hint(lang, "mock"), id="mock-box-hint", classes="mock-hint"))
    else:
        widgets.append(Static(tr("mock.hint.text", lang), classes="mock-hint"))
    return widgets


def picked_text(question: Any, given: Any, lang: str) -> str:
    """What a single-choice answer holds so far ("Your pick: B. ...")."""
    if given is None:
        return tr("mock.no_pick", lang)
    if question.type == "truefalse":
        value = tr("quiz.true" if given else "quiz.false", lang)
    else:
        from quizapp.answers import choice_label

        value = f"{choice_label(given)}. {question.choices[given].get(lang)}"
    return tr("mock.picked", lang, value=value)
