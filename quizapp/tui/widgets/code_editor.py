"""The code editor of the workbench and the mock: Textual's ``TextArea`` with what a candidate
expects from an editor for Python.

- Enter keeps the line's indentation, and indents one level more after a line ending in ``:``;
  Backspace in the indentation goes back one level.
- ``ctrl+a`` selects everything (the TextArea's default is Emacs' line start, still on ``home``).
- After a long line the view scrolls back to the left edge as soon as the cursor fits again,
  instead of staying scrolled to the right.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea


def indentation_after(line_before_cursor: str, indent_width: int = 4) -> str:
    """The indentation of a new line that follows ``line_before_cursor``: the same as that line,
    one level deeper after a ``:`` (a block opens), and never deeper than the line's text."""
    stripped = line_before_cursor.lstrip(" \t")
    indent = line_before_cursor[: len(line_before_cursor) - len(stripped)]
    code = stripped.split("#", 1)[0].rstrip()
    if code.endswith(":"):
        indent += " " * indent_width
    return indent


def dedent_width(line_before_cursor: str, indent_width: int = 4) -> int:
    """How many spaces Backspace removes at the end of ``line_before_cursor``: back to the
    previous indentation level when the cursor stands in leading spaces, else one character."""
    if not line_before_cursor or line_before_cursor.strip(" "):
        return 1
    return (len(line_before_cursor) - 1) % indent_width + 1


class CodeEditor(TextArea):
    """A Python code editor (line numbers, highlighting, indentation on Enter, ctrl+a)."""

    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]

    @classmethod
    def for_python(cls, text: str = "", *, read_only: bool = False, **kwargs) -> CodeEditor:
        """An editor set up like Textual's ``TextArea.code_editor`` for Python."""
        return cls.code_editor(text, language="python", read_only=read_only, **kwargs)

    def reload(self, text: str) -> None:
        """Show ``text`` (the file changed on disk), the cursor where it was when it still fits."""
        if self.text == text:
            return
        cursor = self.cursor_location
        self.load_text(text)
        try:
            self.move_cursor(cursor)
        except Exception:  # noqa: BLE001 - a cursor past the new end is fine to drop
            pass

    async def _on_key(self, event: events.Key) -> None:
        if not self.read_only and event.key in ("enter", "backspace") and self._handle(event.key):
            event.stop()
            event.prevent_default()
            self._restart_blink()
            return
        await super()._on_key(event)

    def _handle(self, key: str) -> bool:
        start, end = self.selection
        if start != end:
            return key == "enter" and self._newline(start, end)
        row, column = end
        before = self.document.get_line(row)[:column]
        if key == "enter":
            return self._newline(start, end)
        width = dedent_width(before, self.indent_width)
        if width == 1:
            return False  # an ordinary Backspace
        self._replace_via_keyboard("", (row, column - width), end)
        return True

    def _newline(self, start, end) -> bool:
        row, column = min(start, end)
        before = self.document.get_line(row)[:column]
        self._replace_via_keyboard("\n" + indentation_after(before, self.indent_width), start, end)
        return True

    def _watch_selection(self, previous_selection, selection) -> None:
        super()._watch_selection(previous_selection, selection)
        self._scroll_home_when_it_fits()

    def _scroll_home_when_it_fits(self) -> None:
        """Back to the left edge when the cursor's column is visible from there."""
        if self.scroll_x <= 0:
            return
        row, column = self.cursor_location
        line = self.document.get_line(row)[:column]
        gutter = self.gutter_width if hasattr(self, "gutter_width") else 0
        if len(line.expandtabs(self.indent_width)) + gutter + 2 < self.scrollable_content_region.width:
            self.scroll_to(x=0, animate=False)
