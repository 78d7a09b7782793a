"""The kata workbench, driven as a person would: open a kata, type into the editor, grade, read
the results; watch mode grades again when the file changes on disk.

The grades here are real (the fast ``double`` kata, in a child process), except where a test is
about the workbench's own behaviour and says so.
"""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap

from tui_support import running_app, settle, text_of, type_text, wait_until

from quizapp.store import Store
from quizapp.workbench import CheckResult, GradeResult

CORRECT = "def double(x):\n    return x * 2\n"
WRONG = "def double(x):\n    return x * 3\n"


async def open_double(pilot):
    """Home -> kata list -> the ``double`` workbench."""
    await pilot.press("k")
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "KataListScreen"
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert type(screen).__name__ == "KataScreen" and screen.info.id == "double"
    return screen


async def replace_editor_text(pilot, screen, text: str) -> None:
    """Select everything in the editor (ctrl+a) and type ``text`` over it, line by line (the
    editor indents a new line itself; that indentation is dropped so each line is typed as it
    is written)."""
    editor = screen.query_one("#kata-editor")
    editor.focus()
    await pilot.press("ctrl+a", "delete")
    for i, line in enumerate(text.splitlines()):
        if i:
            await pilot.press("enter")
            if editor.cursor_location[1]:
                await pilot.press("shift+home", "delete")   # drop the auto-indent
        await type_text(pilot, line)
    assert editor.text.rstrip("\n") == text.rstrip("\n")


def fake_runner(status: str, calls: list):
    """A grade runner that answers at once (for tests of the workbench, not of grading)."""

    def run(kata_id, code, cancelled=None, **_):
        calls.append(code)
        check = CheckResult("outputs match the reference (double)", status,
                            None if status == "pass" else "3 of 12 elements differ",
                            kind="outputs", figures={"max_abs_diff": 0.5})
        report = {"version": 3, "status": status, "message": None, "tests": []}
        return GradeResult(kata_id, status, None, (check,), "cpu", 0.1, None, report)

    return run


def test_correct_solution_typed_in_the_editor_passes_and_is_recorded(tui_env):
    async def run():
        async with running_app() as pilot:
            app = pilot.app
            screen = await open_double(pilot)
            mine = tui_env.workspace / "double.py"
            starter = (tui_env.katas / "double" / "starter.py").read_text()
            assert mine.read_text() == starter            # created from the starter
            assert screen.query_one("#kata-editor").text == starter
            assert "twice x" in screen.query_one("#kata-prompt").source
            await pilot.press("f3")                       # no solution before a pass
            assert not any(type(s).__name__ == "SolutionScreen" for s in app.screen_stack)
            await replace_editor_text(pilot, screen, CORRECT)
            await pilot.press("ctrl+r")
            assert screen.grading
            assert "Grading" in text_of(screen.query_one("#kata-results"))
            await wait_until(pilot, lambda: not screen.grading)
            await pilot.pause()
            assert mine.read_text().rstrip() == CORRECT.rstrip()      # saved before grading
            result = screen.bench.last
            assert result.status == "pass", result
            shown = text_of(screen.query_one("#kata-results"))
            assert "PASS" in shown and "2 of 2 checks passed" in shown
            assert "✔ outputs match the reference (double)" in shown
            assert "max_abs_diff: 0" in shown                          # the figures
            await pilot.press("f3")                        # the reference, after a pass
            await pilot.pause()
            assert type(app.screen).__name__ == "SolutionScreen"
            assert "return x * 2" in app.screen.query_one("#solution-code").text
            await pilot.press("escape")

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        attempts = store.kata_attempts("double")
    assert [a.status for a in attempts] == ["pass"]
    assert attempts[0].source == "tui" and attempts[0].code.rstrip() == CORRECT.rstrip()
    assert attempts[0].report["status"] == "pass" and attempts[0].report["version"] == 3


def test_wrong_solution_shows_the_failing_check(tui_env):
    async def run():
        async with running_app() as pilot:
            app = pilot.app
            screen = await open_double(pilot)
            await replace_editor_text(pilot, screen, WRONG)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: screen.bench.grades == 1 and not screen.grading)
            await pilot.pause()
            shown = text_of(screen.query_one("#kata-results"))
            assert screen.bench.last.status == "fail"
            assert "FAIL" in shown and "✘ outputs match the reference (double)" in shown
            assert "differ" in shown                      # what mismatched, and by how much
            assert "max_abs_diff: 2" in shown             # x * 3 - x * 2 on inputs up to ~2
            await pilot.press("f3")                       # still no solution
            assert type(app.screen).__name__ == "KataScreen"

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        attempts = store.kata_attempts("double")
    assert [a.status for a in attempts] == ["fail"] and "x * 3" in attempts[0].code


def test_watch_mode_regrades_when_the_file_changes_on_disk(tui_env):
    """Another editor saves the file: the workbench reloads it and grades it again (the grade
    runner here answers at once; real grades are in the tests above)."""
    calls: list = []

    async def run():
        runner = fake_runner("pass", calls)
        async with running_app(watch_interval=0.1, grade_runner=runner) as pilot:
            screen = await open_double(pilot)
            mine = tui_env.workspace / "double.py"
            for n, text in enumerate([WRONG, CORRECT], 1):
                mine.write_text(text, encoding="utf-8")
                os.utime(mine, ns=(mine.stat().st_atime_ns, mine.stat().st_mtime_ns + n * 10**9))
                await wait_until(pilot, lambda n=n: screen.bench.grades == n
                                 and not screen.grading, timeout=30)
                await pilot.pause()
                assert screen.query_one("#kata-editor").text == text
            assert calls == [WRONG, CORRECT]
            await pilot.press("ctrl+t")                   # watch off: changes are only loaded
            mine.write_text(CORRECT + "# more\n", encoding="utf-8")
            os.utime(mine, ns=(mine.stat().st_atime_ns, mine.stat().st_mtime_ns + 3 * 10**9))
            await wait_until(pilot, lambda: "# more" in screen.query_one("#kata-editor").text,
                             timeout=30)
            assert len(calls) == 2

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        # two watch-mode grades with the same verdict: one attempt (the verdict did not move)
        assert [a.status for a in store.kata_attempts("double")] == ["pass"]


def test_hints_come_one_at_a_time(tui_env):
    async def run():
        async with running_app(grade_runner=fake_runner("pass", [])) as pilot:
            screen = await open_double(pilot)
            hints = screen.query_one("#kata-hints")
            assert "Hints (0 of 1)" in text_of(hints)
            await pilot.press("f2")
            assert "Hints (1 of 1)" in text_of(hints) and "Multiply by 2." in text_of(hints)
            assert screen.bench.hints_left == 0

    asyncio.run(run())


def test_unsaved_edits_are_not_overwritten_by_a_change_on_disk(tui_env):
    calls: list = []

    async def run():
        runner = fake_runner("fail", calls)
        async with running_app(watch_interval=0.1, grade_runner=runner) as pilot:
            screen = await open_double(pilot)
            editor = screen.query_one("#kata-editor")
            editor.focus()
            await pilot.press("end")
            await type_text(pilot, "# mine")
            mine = tui_env.workspace / "double.py"
            mine.write_text(CORRECT, encoding="utf-8")
            os.utime(mine, ns=(mine.stat().st_atime_ns, mine.stat().st_mtime_ns + 10**9))
            await pilot.pause(0.5)
            assert "# mine" in editor.text                # kept, and the learner is told
            assert not calls
            await pilot.press("ctrl+l")                   # take the file from disk
            assert editor.text == CORRECT

    asyncio.run(run())


def test_open_in_external_editor_then_regrade(tui_env, tmp_path, monkeypatch):
    """$EDITOR runs while the app is suspended; what it wrote is reloaded and graded."""
    script = tmp_path / "fake_editor.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        open(sys.argv[1], "w").write({CORRECT!r})
    """))
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    calls: list = []

    async def run():
        import contextlib

        async with running_app(grade_runner=fake_runner("pass", calls)) as pilot:
            app = pilot.app
            screen = await open_double(pilot)
            await pilot.press("f4")                      # headless: cannot suspend
            await pilot.pause()
            assert not calls
            app.suspend = contextlib.nullcontext         # as if a terminal were there
            await pilot.press("f4")
            await settle(pilot)
            await wait_until(pilot, lambda: calls and not screen.grading, timeout=30)
            assert screen.query_one("#kata-editor").text == CORRECT
            assert calls == [CORRECT]

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        assert [a.status for a in store.kata_attempts("double")] == ["pass"]
