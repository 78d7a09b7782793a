"""Take it along: the question banks as an Anki deck (``.apkg``) to study on a phone.

::

    from quizapp.anki import write_apkg
    from quizapp.banks import load_banks

    summary = write_apkg(load_banks(), "pytorch-interview.apkg", lang="both")
    summary.notes, summary.by_type          # 445, {"mcq": 75, "multi": 48, ...}

One note per question, in one deck, with one note type per kind of question:

- *choice* (``mcq`` and ``multi``): the prompt, the code if any and the choices numbered 1., 2., ...;
  the back names the right number(s) and text(s).
- *true/false*: the statement; the back says true or false.
- *short answer*: the prompt; the back has the model answer and the key points.
- *cloze*: a real Anki Cloze note type; the bank's blank (three or more underscores, ``____``)
  becomes ``{{c1::answer}}`` with the first accepted answer, the others listed on the back.
- *output*: the prompt and the code; the back has the printed output.

Every back also has the explanation and the source (with the question's id). Code is kept as
code: HTML-escaped inside ``<pre><code>``, whitespace as written, monospace, scrolling sideways
on a narrow screen; inline ``backticks`` in a text become ``<code>``. ``lang`` is ``ko``,
``en`` or ``both`` (Korean with the English beneath it, in grey).

Re-exporting updates instead of duplicating. Anki matches an imported note to the one in the
collection by its ``guid``, and note types and decks by their ids: here the guid is
:func:`note_guid` of the question's id, and the deck and note type ids are hashes of fixed names
(:data:`DECK_ID`, :data:`MODEL_IDS`). So importing a newer export, or one in another language,
updates the same notes (Anki keeps their review history) instead of adding copies. A question
whose id changes arrives as a new note. The note types' fields are part of that contract: a
change to them must come with a new ``/v2`` name in :data:`MODEL_IDS`, since Anki does not
update notes across a different set of fields.

Tags: ``quizapp``, ``quizapp::topic::<topic>`` for each topic, ``quizapp::type::<type>`` and
``quizapp::difficulty::<1..3>``. This module returns values and never prints.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import itertools
import os
import re
import secrets
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import genanki

from quizapp.banks import QUESTION_TYPES, Question, SourceIndex, Text
from quizapp.texts import tr

__all__ = [
    "DECK_ID",
    "DECK_NAME",
    "LANGS",
    "MODEL_IDS",
    "ExportSummary",
    "build_deck",
    "note_guid",
    "question_note",
    "stable_id",
    "write_apkg",
]

LANGS: tuple[str, ...] = ("ko", "en", "both")
DECK_NAME = "PyTorch 면접 · PyTorch interview (quizapp)"

#: A cloze question's blank in the bank: three or more underscores (two would match ``__init__``).
BLANK = re.compile(r"_{3,}")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def stable_id(name: str) -> int:
    """An Anki id derived from a fixed name: the same on every export and every machine, in
    the range genanki recommends (2**30 .. 2**31 - 1)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def note_guid(question_id: str) -> str:
    """The Anki guid of a question's note: a function of the question's id only."""
    return genanki.guid_for("quizapp", question_id)


DECK_ID = stable_id("quizapp/deck/pytorch-interview")
#: Note type -> Anki model id. Bump the ``/v1`` when a note type's fields change.
MODEL_IDS: dict[str, int] = {kind: stable_id(f"quizapp/note-type/{kind}/v1")
                             for kind in ("choice", "truefalse", "short", "cloze", "output")}
#: Question type -> note type.
NOTE_TYPE_OF: dict[str, str] = {"mcq": "choice", "multi": "choice", "truefalse": "truefalse",
                                "short": "short", "cloze": "cloze", "output": "output"}



# --------------------------------------------------------------------------------------------
# HTML of the fields

def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def _label(key: str, lang: str) -> str:
    ko, en = tr(f"anki.{key}", "ko"), tr(f"anki.{key}", "en")
    return {"ko": ko, "en": en}.get(lang, f"{ko} · {en}")


def _inline(text: str) -> str:
    """Plain bank text as HTML: escaped, `code` spans as <code>, line breaks kept."""
    escaped = html.escape(text.strip(), quote=False)
    escaped = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", escaped)
    return escaped.replace("\n", "<br>")


def _bilingual(text: Text, lang: str, render=_inline) -> str:
    """A text in the chosen language; with ``both``, Korean and the English beneath it (once,
    when the two are the same, as code-like choices often are)."""
    if lang == "both" and text.ko.strip() != text.en.strip():
        return f'{render(text.ko)}<div class="en" lang="en">{render(text.en)}</div>'
    return render(text.ko if lang == "both" else text.get(lang))


def _code_block(code: str | None, css_class: str = "code") -> str:
    """Code as code: escaped, whitespace preserved. Empty for no code."""
    if code is None or not code.strip():
        return ""
    body = html.escape(code.rstrip("\n"), quote=False)
    return f'<pre class="{css_class}"><code>{body}</code></pre>'


def _section(key: str, lang: str, body: str) -> str:
    return f'<div class="section {key}"><div class="label">{_label(key, lang)}</div>{body}</div>'


def _choice_line(number: int, text: Text, lang: str, *, correct: bool = False) -> str:
    css = "choice correct" if correct else "choice"
    return f'<div class="{css}"><span class="num">{number}.</span> {_bilingual(text, lang)}</div>'


def _source_description(text: Text, lang: str) -> str:
    """A source's description in the deck's language; ``both`` gives ``ko / en`` on one line
    (the source line stays one line), or the text once when the two are the same."""
    if lang != "both":
        return text.get(lang)
    return text.ko if text.ko.strip() == text.en.strip() else f"{text.ko} / {text.en}"


def _source(question: Question, lang: str, sources: SourceIndex | None) -> str:
    ref = html.escape(question.source, quote=False)
    described = sources.description(question.source) if sources is not None else None
    about = (f" — {html.escape(_source_description(described, lang), quote=False)}"
             if described else "")
    return (f'<div class="source"><span class="label">{_label("source", lang)}</span> '
            f'{ref}{about} · <span class="qid">{html.escape(question.id, quote=False)}</span>'
            f"</div>")


def _cloze_text(prompt: str, answer: str) -> str:
    """A prompt whose blank becomes ``{{c1::answer}}``. Braces of the text itself are written
    as entities so that Anki reads only our cloze; a prompt without exactly one blank gets the
    cloze on a line of its own after it."""
    def braces(s: str) -> str:
        return s.replace("{", "&#123;").replace("}", "&#125;")

    # "::" inside a cloze starts Anki's hint: keep the answer's colons apart.
    hidden = braces(_inline(answer)).replace("::", ":&#58;")
    cloze = "{{c1::" + hidden + "}}"
    text = braces(_inline(prompt))
    if len(BLANK.findall(text)) == 1:
        return BLANK.sub(lambda _: cloze, text)
    return f"{text}<br>{cloze}"


# --------------------------------------------------------------------------------------------
# Note types

_CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans KR", "Apple SD Gothic Neo",
  "Malgun Gothic", sans-serif; font-size: 18px; line-height: 1.45; text-align: left;
  color: #1f2328; background: #ffffff; padding: 0 4px; overflow-wrap: anywhere; }
.nightMode .card, .card.nightMode { color: #e6edf3; background: #161b22; }
pre, code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "D2Coding",
  "Noto Sans Mono CJK KR", monospace; }
pre { font-size: 14px; line-height: 1.35; white-space: pre; overflow-x: auto;
  -webkit-overflow-scrolling: touch; background: #f6f8fa; border-radius: 6px;
  padding: 8px 10px; tab-size: 4; overflow-wrap: normal; }
code { font-size: .9em; background: rgba(127, 127, 127, .15); border-radius: 3px; padding: 0 .2em; }
pre code { background: none; padding: 0; font-size: inherit; }
.nightMode pre { background: #0d1117; }
.en { color: #57606a; font-size: .92em; margin-top: .15em; }
.nightMode .en, .nightMode .label, .nightMode .source, .nightMode .hint { color: #8b949e; }
.hint { color: #57606a; font-size: .85em; margin: .6em 0 .3em; }
.choice { margin: .45em 0; padding-left: 1.7em; text-indent: -1.7em; }
.choice .en { text-indent: 0; }
.num { display: inline-block; min-width: 1.7em; text-indent: 0; font-weight: 600; }
.correct { font-weight: 600; }
.section { margin-top: .9em; }
.label { font-size: .8em; font-weight: 600; color: #57606a; margin-bottom: .2em; }
.source { font-size: .75em; color: #6e7781; margin-top: 1.2em; }
.source .label { display: inline; }
.key-points { margin: .2em 0; padding-left: 1.3em; }
.cloze { font-weight: 600; color: #0969da; }
.nightMode .cloze { color: #58a6ff; }
"""

_BACK = "{{FrontSide}}<hr id=\"answer\">"


def _model(kind: str, name: str, fields: list[str], front: str, back: str,
           model_type: int = genanki.Model.FRONT_BACK) -> genanki.Model:
    return genanki.Model(
        MODEL_IDS[kind], name, fields=[{"name": f} for f in fields],
        templates=[{"name": "Card 1", "qfmt": front, "afmt": back}],
        css=_CSS, model_type=model_type)


def _models() -> dict[str, genanki.Model]:
    """The five note types (built per export: genanki fills in per-export details on them)."""
    tail = "{{Explanation}}{{Source}}"
    return {
        "choice": _model(
            "choice", "quizapp · choice",
            ["Prompt", "Code", "Hint", "Choices", "Answer", "Explanation", "Source"],
            '<div class="prompt">{{Prompt}}</div>{{Code}}<div class="hint">{{Hint}}</div>'
            "{{Choices}}",
            _BACK + "{{Answer}}" + tail),
        "truefalse": _model(
            "truefalse", "quizapp · true/false",
            ["Statement", "Code", "Hint", "Answer", "Explanation", "Source"],
            '<div class="prompt">{{Statement}}</div>{{Code}}<div class="hint">{{Hint}}</div>',
            _BACK + "{{Answer}}" + tail),
        "short": _model(
            "short", "quizapp · short answer",
            ["Prompt", "Code", "ModelAnswer", "KeyPoints", "Explanation", "Source"],
            '<div class="prompt">{{Prompt}}</div>{{Code}}',
            _BACK + "{{ModelAnswer}}{{KeyPoints}}" + tail),
        "cloze": _model(
            "cloze", "quizapp · cloze",
            ["Text", "Code", "Alternatives", "Explanation", "Source"],
            '<div class="prompt">{{cloze:Text}}</div>{{Code}}',
            '<div class="prompt">{{cloze:Text}}</div>{{Code}}<hr id="answer">'
            "{{Alternatives}}" + tail,
            model_type=genanki.Model.CLOZE),
        "output": _model(
            "output", "quizapp · output",
            ["Prompt", "Code", "Output", "Explanation", "Source"],
            '<div class="prompt">{{Prompt}}</div>{{Code}}',
            _BACK + "{{Output}}" + tail),
    }


# --------------------------------------------------------------------------------------------
# Notes

def _choice_fields(q: Question, lang: str) -> list[str]:
    choices = q.choices or []
    right = [q.answer] if q.type == "mcq" else list(q.answer)
    front = "".join(_choice_line(i + 1, c, lang) for i, c in enumerate(choices))
    answer = "".join(_choice_line(i + 1, choices[i], lang, correct=True) for i in right)
    hint = _label("pick_one" if q.type == "mcq" else "pick_all", lang)
    return [_bilingual(q.prompt, lang), _code_block(q.code), hint, front,
            _section("answer", lang, answer)]


def _truefalse_fields(q: Question, lang: str) -> list[str]:
    verdict = _label("true" if q.answer else "false", lang)
    return [_bilingual(q.prompt, lang), _code_block(q.code), _label("true_or_false", lang),
            _section("answer", lang, f'<div class="correct">{verdict}</div>')]


def _short_fields(q: Question, lang: str) -> list[str]:
    points = "".join(f"<li>{_bilingual(kp, lang)}</li>" for kp in q.key_points)
    return [_bilingual(q.prompt, lang), _code_block(q.code),
            _section("model_answer", lang, _bilingual(q.answer, lang)),
            _section("key_points", lang, f'<ul class="key-points">{points}</ul>')]


def _accepted(answers: list[str], lang: str) -> list[str]:
    """A cloze's accepted answers as shown in ``lang``: an English deck leaves out the Korean
    ones (``일곱`` beside ``seven``) unless there are only Korean ones."""
    if lang == "en":
        latin = [a for a in answers if not _HANGUL.search(a)]
        return latin or answers
    return answers


def _cloze_fields(q: Question, lang: str) -> list[str]:
    first, *others = _accepted(q.answer, lang)
    if lang == "both":
        text = (f"{_cloze_text(q.prompt.ko, first)}"
                f'<div class="en" lang="en">{_cloze_text(q.prompt.en, first)}</div>')
    else:
        text = _cloze_text(q.prompt.get(lang), first)
    also = ", ".join(f"<code>{html.escape(a, quote=False)}</code>" for a in others)
    return [text, _code_block(q.code), _section("also", lang, also) if others else ""]


def _output_fields(q: Question, lang: str) -> list[str]:
    return [_bilingual(q.prompt, lang), _code_block(q.code),
            _section("output", lang, _code_block(q.answer, "output"))]


_FIELDS = {"choice": _choice_fields, "truefalse": _truefalse_fields, "short": _short_fields,
           "cloze": _cloze_fields, "output": _output_fields}


def _tags(q: Question) -> list[str]:
    topics = dict.fromkeys(q.topics)  # keeps order, drops repeats
    return (["quizapp"] + [f"quizapp::topic::{t}" for t in topics]
            + [f"quizapp::type::{q.type}", f"quizapp::difficulty::{q.difficulty}"])


def question_note(question: Question, lang: str = "ko", *, models: dict[str, Any] | None = None,
                  sources: SourceIndex | None = None, position: int = 0) -> genanki.Note:
    """The Anki note of one question (see the module docstring for what each side shows).
    ``position`` orders new cards (Anki shows new cards in this order unless set to random)."""
    _check_lang(lang)
    kind = NOTE_TYPE_OF[question.type]
    models = models or _models()
    fields = _FIELDS[kind](question, lang) + [
        _section("explanation", lang, _bilingual(question.explanation, lang)),
        _source(question, lang, sources)]
    return genanki.Note(model=models[kind], fields=fields, tags=_tags(question),
                        guid=note_guid(question.id), due=position)


# --------------------------------------------------------------------------------------------
# The deck

def _questions_of(banks: Any) -> list[Question]:
    """The questions of a BankSet, or of any iterable of questions."""
    questions = list(getattr(banks, "questions", banks))
    for q in questions:
        if not isinstance(q, Question):
            raise TypeError(f"expected questions, got {type(q).__name__}")
    return questions


def _select(questions: list[Question], topics: Iterable[str] | None) -> list[Question]:
    if topics is None:
        chosen = questions
    else:
        wanted = set(topics)
        known = {t for q in questions for t in q.topics}
        unknown = sorted(wanted - known)
        if unknown:
            raise ValueError(f"unknown topic {', '.join(unknown)} (topics: "
                             f"{', '.join(sorted(known))})")
        chosen = [q for q in questions if wanted & set(q.topics)]
    if not chosen:
        raise ValueError("no questions to export")
    seen: dict[str, Question] = {}
    for q in chosen:
        if q.id in seen:
            raise ValueError(f"question id {q.id!r} appears twice ({seen[q.id].file}:"
                             f"{seen[q.id].line} and {q.file}:{q.line}): Anki would merge them")
        seen[q.id] = q
    return chosen


def _deck_description(lang: str) -> str:
    ko, en = tr("anki.deck_description", "ko"), tr("anki.deck_description", "en")
    return {"ko": ko, "en": en}.get(lang, f"{ko}<br>{en}")


def build_deck(banks: Any, lang: str = "ko", *, topics: Iterable[str] | None = None,
               sources: SourceIndex | None = None) -> genanki.Package:
    """The Anki package of ``banks`` (a :class:`~quizapp.banks.BankSet` or a list of questions)
    in ``lang`` (``ko``, ``en`` or ``both``): one deck, one note per question, in bank order.

    ``topics`` keeps the questions with one of those topics. ``sources`` (from
    :func:`quizapp.banks.load_sources`) adds each source's description next to its reference.
    Raises ``ValueError`` for an unknown language or topic, or when no question is left.
    """
    _check_lang(lang)
    questions = _select(_questions_of(banks), topics)
    models = _models()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description=_deck_description(lang))
    for position, q in enumerate(questions):
        deck.add_note(question_note(q, lang, models=models, sources=sources, position=position))
    for model in models.values():
        deck.add_model(model)
    return genanki.Package(deck)


@dataclass(frozen=True)
class ExportSummary:
    """What :func:`write_apkg` wrote: the file, its language, its size, and the notes (in
    all and per question type, in :data:`~quizapp.banks.QUESTION_TYPES` order)."""

    path: Path
    lang: str
    notes: int
    by_type: dict[str, int] = field(default_factory=dict)
    bytes: int = 0


def _write_package(package: genanki.Package, out, timestamp: float) -> None:
    """The .apkg bytes: a zip holding the SQLite collection and an empty media list. (genanki's
    own ``write_to_file`` leaves its temporary database behind; this one cleans up.)"""
    with tempfile.TemporaryDirectory(prefix="quizapp-anki-") as scratch:
        db_path = os.path.join(scratch, "collection.anki2")
        conn = sqlite3.connect(db_path)
        try:
            # note and card ids count up from the export time, as Anki's own exporter does
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as apkg:
            apkg.write(db_path, "collection.anki2")
            apkg.writestr("media", "{}")


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_apkg(banks: Any, path: str | os.PathLike, lang: str = "ko", *,
               topics: Iterable[str] | None = None, sources: SourceIndex | None = None,
               timestamp: float | None = None) -> ExportSummary:
    """Write the deck of :func:`build_deck` to ``path`` (an ``.apkg`` file) and say what it holds.

    Atomic: the file is written beside ``path`` under a temporary name, synced, then renamed
    over ``path``, so a killed process leaves either the old file or the new one, never half of
    one. ``timestamp`` (seconds since the epoch, default now) is the notes' modification time:
    Anki updates a note on import when the incoming one is newer, so keep the default outside
    tests. Raises ``FileNotFoundError`` when the folder does not exist, ``OSError`` when it
    cannot be written, and ``ValueError`` as :func:`build_deck` does.
    """
    path = Path(path)
    _check_lang(lang)
    questions = _select(_questions_of(banks), topics)
    package = build_deck(questions, lang, sources=sources)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot write {path}: no such folder {folder}")
    if path.is_dir():
        raise IsADirectoryError(f"cannot write {path}: it is a folder")
    when = time.time() if timestamp is None else float(timestamp)
    temp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    # O_EXCL: never write through someone else's file; mode 0o666 lets the umask decide
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            _write_package(package, out, when)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)
    counts = Counter(q.type for q in questions)
    return ExportSummary(path=path, lang=lang, notes=len(questions),
                         by_type={t: counts[t] for t in QUESTION_TYPES if counts[t]},
                         bytes=path.stat().st_size)
