"""The command palette speaks the app's language: its prompt and its "no matches" line."""

from __future__ import annotations

import asyncio

from textual.command import CommandInput, CommandList
from tui_support import running_app


def _palette_texts(lang: str, query: str) -> tuple[str, str]:
    async def run():
        async with running_app(lang=lang) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            palette = pilot.app.screen
            placeholder = palette.query_one(CommandInput).placeholder
            for ch in query:
                await pilot.press(ch)
            await pilot.pause(1.0)  # the "no matches" line comes after a short countdown
            options = palette.query_one(CommandList)
            shown = " ".join(str(options.get_option_at_index(i).prompt.renderable)
                             for i in range(options.option_count))
            return placeholder, shown

    return asyncio.run(run())


def test_the_palette_in_korean(tui_env):
    placeholder, shown = _palette_texts("ko", "zzzqqq")
    assert placeholder == "명령 찾기…"
    assert "맞는 명령이 없습니다" in shown


def test_the_palette_in_english(tui_env):
    placeholder, shown = _palette_texts("en", "zzzqqq")
    assert placeholder == "Search for commands…"
    assert "No matches found" in shown


def test_the_palette_exports_an_anki_deck_into_the_workspace(tui_env):
    import zipfile

    async def run():
        async with running_app(lang="en") as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            for ch in "anki":
                await pilot.press(ch)
            await pilot.pause(1.0)
            await pilot.press("down", "enter")
            for _ in range(100):
                if any("Anki deck written" in n.message for n in pilot.app._notifications):
                    break
                await pilot.pause(0.1)
            return [n.message for n in pilot.app._notifications]

    messages = asyncio.run(run())
    assert any("Anki deck written" in m for m in messages), messages
    (deck,) = tui_env.workspace.glob("quizapp-*.apkg")
    assert zipfile.is_zipfile(deck) and deck.stem in ("quizapp-en", "quizapp-both")
