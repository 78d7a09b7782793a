"""Widgets that ask a question: choices picked by number keys or arrows, key points to tick,
code with syntax highlighting, and inline `code` in plain texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.syntax import Syntax
from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

_CODE_SPAN = re.compile(r"`([^`]+)`")
CODE_STYLE = "bold #e5c07b"


def inline_markup(text: str, style: str = "") -> Text:
    """A plain text with its `code` spans styled (the backticks dropped)."""
    out = Text(style=style)
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(text[pos:match.start()])
        out.append(match.group(1), style=CODE_STYLE)
        pos = match.end()
    out.append(text[pos:])
    return out


def python_syntax(code: str) -> Syntax:
    """A snippet of Python with syntax highlighting and line numbers."""
    return Syntax(code.rstrip("\n"), "python", theme="monokai", line_numbers=True,
                  word_wrap=True, background_color="default")


def code_view(code: str, *, id: str | None = None, classes: str = "") -> Static:
    """A Static showing :func:`python_syntax` of ``code``."""
    return Static(python_syntax(code), id=id, classes=f"code {classes}".strip())


class ChoiceList(OptionList):
    """The choices of an mcq, multi or truefalse question.

    Single answer: a number key (or a letter from ``shortcuts``) answers at once; arrows and
    enter (or a click) do too. Several answers (``multi``): number keys, space or a click tick
    a choice, enter submits the ticked ones. Posts :class:`ChoiceList.Answered`.
    """

    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("space", "select", "Tick", show=False),
    ]

    class Answered(Message):
        """The learner answered: ``value`` is an index, or a sorted list of indices (multi)."""

        def __init__(self, choice_list: ChoiceList, value: Any) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.value = value

    def __init__(self, labels: Sequence[str], *, multi: bool = False,
                 shortcuts: dict[str, int] | None = None, ticked: Sequence[int] = (),
                 id: str | None = None, classes: str = "") -> None:
        self.labels = list(labels)
        self.multi = multi
        self.shortcuts = dict(shortcuts or {})
        self.ticked: set[int] = set(ticked)
        self.result: tuple[set[int], set[int]] | None = None  # (right, picked) once answered
        super().__init__(*[Option(self._prompt(i), id=f"choice-{i}") for i in range(len(labels))],
                         id=id, classes=classes)

    def _prompt(self, index: int) -> Text:
        label = self.labels[index]
        number = f"{index + 1}. " if index < 9 else "   "
        box = ""
        if self.multi:
            box = "[x] " if index in self.ticked else "[ ] "
        style = ""
        mark = ""
        if self.result is not None:
            right, picked = self.result
            if index in right:
                style, mark = "bold green", "  ✔"
            elif index in picked:
                style, mark = "bold red", "  ✘"
            else:
                style = "dim"
        text = Text(box + number, style=style)
        text.append_text(inline_markup(label, style))
        if mark:
            text.append(mark, style=style)
        return text

    def set_labels(self, labels: Sequence[str]) -> None:
        """Replace the choices (ticks on indices still present are kept)."""
        self.labels = list(labels)
        self.ticked = {i for i in self.ticked if i < len(self.labels)}
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._prompt(i), id=f"choice-{i}") for i in range(len(labels))])
        if self.labels:
            self.highlighted = min(highlighted or 0, len(self.labels) - 1)

    def _refresh_prompts(self) -> None:
        for i in range(len(self.labels)):
            self.replace_option_prompt_at_index(i, self._prompt(i))

    def on_mount(self) -> None:
        if self.labels and self.highlighted is None:
            self.highlighted = 0

    def on_key(self, event: Key) -> None:
        if self.disabled or self.result is not None:
            return
        char = event.character or ""
        index = None
        if char.isdigit() and char != "0":
            index = int(char) - 1
        elif char.lower() in self.shortcuts:
            index = self.shortcuts[char.lower()]
        if index is None or index >= len(self.labels):
            return
        event.stop()
        event.prevent_default()
        self.highlighted = index
        if self.multi:
            self.toggle(index)
        else:
            self.post_message(self.Answered(self, index))

    def set_ticked(self, indices: Sequence[int]) -> None:
        """Tick exactly ``indices`` (multi), as when a kept answer comes back."""
        self.ticked = {i for i in indices if 0 <= i < len(self.labels)}
        self._refresh_prompts()

    def toggle(self, index: int) -> None:
        """Tick or untick choice ``index`` (multi)."""
        self.ticked ^= {index}
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_select(self) -> None:  # space, or a click
        if self.highlighted is None or self.result is not None:
            return
        if self.multi:
            self.toggle(self.highlighted)
        else:
            self.post_message(self.Answered(self, self.highlighted))

    def action_submit(self) -> None:
        if self.result is not None:
            return
        if self.multi:
            self.post_message(self.Answered(self, sorted(self.ticked)))
        elif self.highlighted is not None:
            self.post_message(self.Answered(self, self.highlighted))

    def show_result(self, right: set[int], picked: set[int]) -> None:
        """Mark the right choices (green) and the wrong picks (red) after answering."""
        self.result = (set(right), set(picked))
        self._refresh_prompts()


class PickList(ChoiceList):
    """A :class:`ChoiceList` whose pick can be changed until the end (the mock interview): enter
    picks, it does not hand the answer in, and the footer says so."""

    BINDINGS = [
        Binding("enter", "submit", "Choose"),
        Binding("space", "select", "Tick", show=False),
    ]


class KeyPointList(ChoiceList):
    """The key points of a short answer to tick, pre-ticked from keywords and shown as
    ``[x]``/``[ ]``. Number keys, space or a click toggle; enter posts
    :class:`KeyPointList.Confirmed` with one bool per point."""

    BINDINGS = [Binding("enter", "confirm", "Confirm")]

    class Confirmed(Message):
        def __init__(self, ticks: list[bool]) -> None:
            super().__init__()
            self.ticks = ticks

    def __init__(self, points: Sequence[str], ticks: Sequence[bool], *, id: str | None = None):
        self.count = len(points)
        super().__init__(points, multi=True, ticked=[i for i, t in enumerate(ticks) if t], id=id)

    @property
    def ticks(self) -> list[bool]:
        return [i in self.ticked for i in range(self.count)]

    def action_submit(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(self.ticks))
