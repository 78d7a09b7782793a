"""The app around the flows: start-up without torch, broken banks and corrupt databases shown as
messages, help, the command palette, language and theme remembered, stats."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap

from tui_support import running_app, seed_progress, settle, text_of

from quizapp.store import Store



async def palette_jump(pilot, text: str) -> None:
    """Open the command palette, type ``text`` and take the first match, as a person would."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    for ch in text:
        await pilot.press(ch)
    await pilot.pause(0.5)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)

def test_importing_and_opening_the_app_does_not_import_torch(tui_env):
    """The app's process never imports torch, not even after reading banks and katas and
    opening a kata (grading happens in a child process)."""
    script = textwrap.dedent("""
        import asyncio, json, sys
        from quizapp.tui.app import QuizApp
        loaded = {"after_import": "torch" in sys.modules}

        async def main():
            app = QuizApp()
            async with app.run_test(size=(100, 30)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                loaded["home_ready"] = app.ready
                app.open_kata("double")
                await pilot.pause()
                loaded["kata"] = type(app.screen).__name__
            loaded["after_run"] = "torch" in sys.modules

        asyncio.run(main())
        print(json.dumps(loaded))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"after_import": False, "home_ready": True, "kata": "KataScreen",
                      "after_run": False}


def test_cli_without_command_runs_the_tui_handler():
    from quizapp.cli import build_parser

    args = build_parser().parse_args(["--db", "x.db", "--lang", "ko"])
    assert args.handler == "quizapp.commands.tui:run" and args.lang == "ko"


def test_a_broken_bank_file_is_a_message_on_home_and_the_rest_still_works(tui_env):
    (tui_env.questions / "broken.yaml").write_text(
        "topic: broken\ntitle: {ko: 깨짐, en: Broken}\nquestions:\n  - id: [oops\n",
        encoding="utf-8")

    async def run():
        async with running_app() as pilot:
            app = pilot.app
            problems = app.screen.query_one("#home-problems")
            assert problems.display
            text = text_of(problems)
            assert "1 problem(s) in the question banks" in text
            assert "  broken.yaml:5: YAML syntax error" in text
            assert len(app.data.banks.questions) == 8       # the good banks load

    asyncio.run(run())


def test_a_corrupt_database_is_explained_and_the_app_can_go_on_without_saving(tui_env):
    tui_env.db.parent.mkdir(parents=True, exist_ok=True)
    tui_env.db.write_bytes(b"this is not an SQLite database" * 200)

    async def run(key):
        async with running_app() as pilot:
            app = pilot.app
            assert type(app.screen).__name__ == "ErrorScreen"
            message = text_of(app.screen.query_one("#error-message"))
            assert str(tui_env.db) in message and "not a readable quizapp progress" in message
            await pilot.press(key)
            await settle(pilot)
            if key == "c":
                assert type(app.screen).__name__ == "HomeScreen"
                assert app.temporary_store
                assert "temporary database" in text_of(app.screen.query_one("#home-notice"))
        return app.return_code

    assert asyncio.run(run("c")) in (0, None)
    assert asyncio.run(run("q")) == 1
    assert tui_env.db.read_bytes().startswith(b"this is not")      # left untouched


def test_help_lists_the_keys_of_the_screen_below(tui_env):
    async def run():
        async with running_app() as pilot:
            app = pilot.app
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            keys = text_of(app.screen.query_one("#help-keys"))
            for expected in ("Keys on this screen", "Quiz", "Katas", "Stats", "Settings",
                             "Everywhere", "Help", "ctrl+p"):
                assert expected in keys
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"

    asyncio.run(run())


def test_the_command_palette_jumps_to_a_kata_and_to_a_topic(tui_env):
    async def run():
        async with running_app() as pilot:
            app = pilot.app
            await palette_jump(pilot, "double")
            assert type(app.screen).__name__ == "KataScreen"
            assert app.screen.info.id == "double"
            await pilot.press("escape")   # leaves the editor
            await pilot.press("escape")   # back home
            await settle(pilot)
            await palette_jump(pilot, "autograd")
            assert type(app.screen).__name__ == "QuizScreen"
            assert {q.topic for q in app.screen.session.questions} == {"autograd"}

    asyncio.run(run())


def test_language_and_theme_are_switched_in_settings_and_remembered(tui_env):
    async def run():
        async with running_app() as pilot:
            app = pilot.app
            assert app.lang == "en"
            await pilot.press("comma")
            await settle(pilot)
            assert type(app.screen).__name__ == "SettingsScreen"
            await pilot.press("l")                       # toggle the language
            await settle(pilot)
            assert app.lang == "ko"
            app.theme = "nord"
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            assert "복습할 문제" in text_of(app.screen.query_one("#home-today"))
            assert app.screen.sub_title == "홈"

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        assert store.get_setting("language") == "ko" and store.get_setting("theme") == "nord"

    async def again():
        async with running_app() as pilot:
            app = pilot.app
            return app.lang, app.theme

    assert asyncio.run(again()) == ("ko", "nord")


def test_stats_show_mastery_activity_katas_and_mocks(tui_env):
    seed_progress(tui_env.db)

    async def run():
        async with running_app() as pilot:
            app = pilot.app
            await pilot.press("s")
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == "StatsScreen"
            assert "8 answers" in text_of(screen.query_one("#stats-overview"))
            mastery = text_of(screen.query_one("#stats-mastery"))
            assert "Working with tensors" in mastery and "Autograd" in mastery and "█" in mastery
            assert sum(screen.query_one("#stats-spark").data) == 8
            assert "8 answers on 6 of the last 30 days" in text_of(
                screen.query_one("#stats-activity"))
            katas = text_of(screen.query_one("#stats-katas"))
            assert "Double (double)" in katas and "passed" in katas
            assert "72%" in text_of(screen.query_one("#stats-mocks"))

    asyncio.run(run())
