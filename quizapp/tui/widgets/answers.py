"""The answer widget of a question, one factory for the quiz and the mock interview.

Each question type gets the same widget wherever it is asked:

- ``mcq``, ``truefalse``: a :class:`~quizapp.tui.widgets.question.ChoiceList` (a number key
  picks; true/false also ``t``/``f``, ``o``/``x``); ``multi``: the same with ticks;
- ``cloze``: a one-line :class:`~textual.widgets.Input` (enter submits in the quiz);
- ``output`` and ``short``: an :class:`AnswerBox`, several lines: enter starts a new line and
  :data:`SUBMIT_KEY` hands the answer in (in the quiz it is checked; in the mock it is kept).

:func:`read_answer` reads what a widget holds back as the value the answer checkers take, and
:func:`show_answer` puts a kept answer back into a fresh widget (the mock's revisits).
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Input, TextArea

from quizapp.texts import tr
from quizapp.tui.widgets.question import ChoiceList, PickList

#: The one key that hands in a typed answer of several lines, in the quiz and in the mock.
#: ctrl+enter does not reach the app in many terminals (tmux among them); ctrl+s does once the
#: app runs (Textual turns the terminal's flow control off).
SUBMIT_KEY = "ctrl+s"
#: Question types answered by picking among choices.
CHOICE_TYPES = ("mcq", "multi", "truefalse")
#: Question types answered in a multi-line :class:`AnswerBox`.
BOX_TYPES = ("output", "short")
#: Letters that answer a true/false question besides 1 and 2 (o/x as on Korean answer sheets).
TRUE_FALSE_KEYS = {"t": 0, "o": 0, "f": 1, "x": 1}


class AnswerBox(TextArea):
    """A typed answer of several lines (a program's output, a short explanation): enter starts
    a new line, tab moves on to the next widget, and the screen's :data:`SUBMIT_KEY` binding
    hands the answer in. Its text is :attr:`value`, as an Input's is."""

    DEFAULT_CSS = """
    AnswerBox {
        height: 8;
    }
    """

    def __init__(self, text: str = "", *, placeholder: str = "", id: str | None = None,
                 classes: str = "") -> None:
        super().__init__(text, id=id, classes=classes, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus", placeholder=placeholder)

    @property
    def value(self) -> str:
        return self.text


def is_choice(question_type: str) -> bool:
    """Whether a type is answered by picking (a :class:`ChoiceList`)."""
    return question_type in CHOICE_TYPES


def choice_labels(question: Any, lang: str) -> list[str]:
    """The labels a choice question shows: its choices, or true and false."""
    if question.type == "truefalse":
        return [tr("quiz.true", lang), tr("quiz.false", lang)]
    return [choice.get(lang) for choice in question.choices]


def answer_widget(question: Any, lang: str, *, id: str, value: Any = None,
                  classes: str = "", final: bool = True) -> Widget:
    """The widget that takes an answer to ``question`` in ``lang``, holding ``value`` (a kept
    answer, as :func:`read_answer` gives it) when there is one. A single pick is highlighted
    once the widget is mounted: call :func:`show_answer` then. ``final=False`` (the mock) makes
    a pick changeable: enter chooses rather than submits."""
    qtype = question.type
    if is_choice(qtype):
        ticked = value if qtype == "multi" and isinstance(value, (list, tuple, set)) else ()
        kind = ChoiceList if final else PickList
        return kind(choice_labels(question, lang), multi=qtype == "multi",
                          shortcuts=TRUE_FALSE_KEYS if qtype == "truefalse" else None,
                          ticked=ticked, id=id, classes=classes)
    placeholder = tr(f"quiz.placeholder.{qtype}", lang)
    text = value if isinstance(value, str) else ""
    if qtype in BOX_TYPES:
        return AnswerBox(text, placeholder=placeholder, id=id, classes=classes)
    if qtype == "cloze":
        return Input(value=text, placeholder=placeholder, id=id, classes=classes)
    raise ValueError(f"no answer widget for a question of type {qtype!r}")


def read_answer(widget: Widget) -> Any:
    """What ``widget`` holds as an answer: the text typed (a box or a line), the ticked choices
    (sorted indices) of a multiple-answer list, or None for a single-choice list (its answer
    comes as :class:`ChoiceList.Answered` when picked)."""
    if isinstance(widget, ChoiceList):
        return sorted(widget.ticked) if widget.multi else None
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    raise TypeError(f"{type(widget).__name__} is not an answer widget")


def show_answer(widget: Widget, value: Any) -> None:
    """Put a kept answer back into a mounted answer widget: the ticks of a multiple answer, the
    highlighted pick of a single one (true/false as a bool), or the text."""
    if value is None:
        return
    if isinstance(widget, ChoiceList):
        if widget.multi:
            widget.set_ticked(value)
        elif isinstance(value, bool):
            widget.highlighted = 0 if value else 1
        elif isinstance(value, int):
            widget.highlighted = value
    elif isinstance(widget, TextArea):
        if widget.text != value:
            widget.load_text(str(value))
    elif isinstance(widget, Input):
        widget.value = str(value)


def submit_hint(lang: str, where: str = "quiz") -> str:
    """The line under an answer box saying which key hands it in (``where``: ``quiz`` or
    ``mock``)."""
    return tr("mock.hint.box" if where == "mock" else "quiz.hint.box", lang, submit=SUBMIT_KEY)
