"""The code editor as a candidate types in it: indentation on Enter, ctrl+a, the view after a long line."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from quizapp.tui.widgets.code_editor import CodeEditor, dedent_width, indentation_after


class EditorApp(App):
    def compose(self) -> ComposeResult:
        yield CodeEditor.for_python("", id="ed")


def test_indentation_follows_the_line_above_and_opens_after_a_colon():
    assert indentation_after("    x = 1") == "    "
    assert indentation_after("def f(x):") == "    "
    assert indentation_after("    if x:  # comment") == " " * 8
    assert indentation_after("s = 'a:'") == ""
    assert dedent_width("        ") == 4 and dedent_width("      ") == 2 and dedent_width("  x") == 1


def _run(steps):
    async def run():
        app = EditorApp()
        async with app.run_test(size=(60, 12)) as pilot:
            editor = app.query_one(CodeEditor)
            editor.focus()
            await steps(pilot, editor)

    asyncio.run(run())


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


def test_typing_a_function_keeps_its_body_indented():
    async def steps(pilot, editor):
        await _type(pilot, "def f(x):")
        await pilot.press("enter")
        await _type(pilot, "y = x")
        await pilot.press("enter")
        await _type(pilot, "return y")
        await pilot.press("enter", "backspace")
        await _type(pilot, "z")
        assert editor.text == "def f(x):\n    y = x\n    return y\nz"

    _run(steps)


def test_ctrl_a_selects_everything():
    async def steps(pilot, editor):
        editor.text = "a = 1\nb = 2\n"
        await pilot.press("ctrl+a")
        assert editor.selected_text == "a = 1\nb = 2\n"
        await pilot.press("x")
        assert editor.text == "x"

    _run(steps)


def test_the_view_returns_to_the_left_edge_after_a_long_line():
    async def steps(pilot, editor):
        await _type(pilot, "short = 1")
        await pilot.press("enter")
        await _type(pilot, "x = '" + "a" * 90 + "'")
        await pilot.pause()
        assert editor.scroll_x > 0        # the end of the long line is in view
        await pilot.press("up", "end")    # back on the short line: all of it is shown
        await pilot.pause()
        assert editor.cursor_location == (0, 9) and editor.scroll_x == 0

    _run(steps)
