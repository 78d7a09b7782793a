"""The command palette (ctrl+p): jump to any kata, quiz any topic, go to any section.

Searches match both languages: a kata can be found by its id, its Korean or its English title.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from quizapp.texts import tr


class QuizappCommands(Provider):
    """Katas, topics and sections of quizapp."""

    def _entries(self) -> list[tuple[str, str, str, Callable[[], Any]]]:
        """(shown text, extra search text, help, callback) for every command."""
        app: Any = self.app
        lang = app.lang
        entries: list[tuple[str, str, str, Callable[[], Any]]] = []
        for name in ("home", "stats", "settings", "mock"):
            if name in app._modes:
                entries.append((tr("cmd.goto", lang, name=tr(f"home.{name}" if name != "home"
                                                              else "home.title", lang)),
                                name, "", partial(app.open_section, name)))
        if not app.ready:
            return entries
        entries.append((tr("cmd.due", lang), "due review", tr("cmd.due_help", lang),
                        partial(app.start_planned_quiz, "due", None, 0)))
        for deck_lang in (lang, "both"):
            entries.append((tr("cmd.anki", lang, which=tr(f"cmd.anki.{deck_lang}", lang)),
                            "anki apkg export deck", tr("cmd.anki_help", lang),
                            partial(app.export_anki, deck_lang)))
        data = app.data
        for topic, title in data.banks.topics.items():
            name = title.get(lang)
            entries.append((tr("cmd.topic", lang, name=name), f"{topic} {title.ko} {title.en}",
                            tr("cmd.topic_help", lang, name=name),
                            partial(app.start_planned_quiz, "topics", [topic], 10)))
        for info in data.katas:
            if not info.ok:
                continue
            spec = info.spec
            entries.append((tr("cmd.kata", lang, title=info.title(lang)),
                            f"{info.id} {spec.title.ko} {spec.title.en}",
                            tr("cmd.kata_help", lang, id=info.id),
                            partial(app.open_kata, info.id)))
        return entries

    async def discover(self) -> Hits:
        for text, _extra, help_text, callback in self._entries():
            yield DiscoveryHit(text, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, extra, help_text, callback in self._entries():
            score = max(matcher.match(text), matcher.match(f"{text} {extra}") * 0.9)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text,
                          help=help_text or None)
