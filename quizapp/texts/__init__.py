"""One text catalogue for the TUI, the CLI and the reports, in Korean and English.

``tr(key, lang, **values)`` looks a text up and fills ``{placeholders}``. The tables live in one
module per area (``app`` for the screens, ``cli`` for command output, ``mock`` for the mock
interview, ``learning`` for scheduling and fitting, ``progress`` for the heatmap and the Anki deck,
``keys`` for key bindings) and are merged here once; nothing mutates them at import.
Key descriptions of ``BINDINGS`` are English texts; :func:`tr_key` translates them for the footer
and the help screen (an unknown description is shown as it is).
"""

from __future__ import annotations

from quizapp.texts import app, cli, keys, learning, mock, progress

LANGS = ("ko", "en")
#: The language of the whole program until the learner picks one (``--lang``, or the settings
#: screen, remembered in the database). English, so that a first look needs no Korean font.
DEFAULT_LANG = "en"


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        for key, entry in table.items():
            if key in merged:
                raise ValueError(f"text {key!r} is defined twice")
            merged[key] = entry
    return merged


TEXTS: dict[str, dict[str, str]] = _merge(app.TEXTS, cli.TEXTS, mock.TEXTS, learning.TEXTS, progress.TEXTS)
KEY_TEXTS: dict[str, str] = keys.KEY_TEXTS


def normalise_lang(lang: str | None) -> str:
    """``lang`` when it is one of :data:`LANGS`, else the default language."""
    return lang if lang in LANGS else DEFAULT_LANG


def tr(key: str, lang: str = "en", **values) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in (the key itself when unknown).

    An entry may hold a singular form as ``"en_one"`` (``"1 attempt"`` beside ``"{n} attempts"``):
    it is used when the value ``n`` is 1."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    singular = entry.get(f"{lang}_one") if values.get("n") == 1 else None
    text = singular or entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def tr_key(description: str, lang: str = "en") -> str:
    """A key binding's description in ``lang``."""
    if lang == "ko":
        return KEY_TEXTS.get(description, description)
    return description
