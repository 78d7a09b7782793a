"""The Anki export: an .apkg that Anki can import, and that a re-export updates.

Each test opens the written file as Anki does: a zip holding a SQLite collection whose ``notes``
table has one row per note and whose ``col`` row holds the note types and decks as JSON.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import warnings
import zipfile
from pathlib import Path

import genanki
import pytest

from quizapp import anki
from quizapp.anki import DECK_ID, MODEL_IDS, build_deck, note_guid, write_apkg
from quizapp.banks import load_banks

FIXTURE = Path(__file__).parent / "fixtures" / "anki" / "questions"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def real_banks():
    banks = load_banks(cache=False)
    assert not banks.errors
    return banks


@pytest.fixture(scope="module")
def edge_banks():
    banks = load_banks(FIXTURE, cache=False)
    assert not banks.errors and len(banks.questions) == 8
    return banks


def read_apkg(path: Path, scratch: Path) -> dict:
    """Notes (by guid), note types (by id) and decks of an .apkg file."""
    with zipfile.ZipFile(path) as apkg:
        names = apkg.namelist()
        assert "collection.anki2" in names and "media" in names
        scratch.mkdir(parents=True, exist_ok=True)
        db = scratch / "collection.anki2"
        db.write_bytes(apkg.read("collection.anki2"))
    conn = sqlite3.connect(db)
    try:
        notes = {}
        for guid, mid, tags, flds in conn.execute("SELECT guid, mid, tags, flds FROM notes"):
            assert guid not in notes
            notes[guid] = {"mid": mid, "tags": tags.split(), "fields": flds.split("\x1f")}
        models_json, decks_json = conn.execute("SELECT models, decks FROM col").fetchone()
        cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    finally:
        conn.close()
    models = {int(k): v for k, v in json.loads(models_json).items()}
    return {"notes": notes, "models": models, "decks": json.loads(decks_json), "cards": cards}


def field(deck: dict, question_id: str, name: str) -> str:
    note = deck["notes"][note_guid(question_id)]
    names = [f["name"] for f in deck["models"][note["mid"]]["flds"]]
    return note["fields"][names.index(name)]


def all_text(deck: dict, question_id: str) -> str:
    return "\n".join(deck["notes"][note_guid(question_id)]["fields"])


# -- the real banks ---------------------------------------------------------------------------

def test_real_banks_give_one_note_and_card_per_question(real_banks, tmp_path, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki warns about unescaped HTML: there must be none
        summary = write_apkg(real_banks, tmp_path / "deck.apkg", "ko")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    questions = real_banks.questions
    assert summary.notes == len(questions) == len(deck["notes"]) == deck["cards"]
    assert sum(summary.by_type.values()) == len(questions)
    assert summary.by_type == {t: sum(q.type == t for q in questions)
                               for t in ("mcq", "multi", "truefalse", "short", "cloze", "output")}
    assert set(deck["notes"]) == {note_guid(q.id) for q in questions}
    assert summary.bytes == (tmp_path / "deck.apkg").stat().st_size
    assert capsys.readouterr() == ("", "")  # a domain module never prints


def test_real_banks_use_five_note_types_and_a_real_cloze(real_banks, tmp_path):
    write_apkg(real_banks, tmp_path / "deck.apkg", "en")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    assert set(deck["models"]) == set(MODEL_IDS.values())
    cloze = deck["models"][MODEL_IDS["cloze"]]
    assert cloze["type"] == genanki.Model.CLOZE
    assert "{{cloze:Text}}" in cloze["tmpls"][0]["qfmt"]
    for q in real_banks.questions:
        text = all_text(deck, q.id)
        if q.type == "cloze":
            assert deck["notes"][note_guid(q.id)]["mid"] == MODEL_IDS["cloze"]
            assert "{{c1::" + html.escape(q.answer[0], quote=False) + "}}" in field(deck, q.id,
                                                                                  "Text")
        if q.code:
            assert "<pre class=\"code\"><code>" + html.escape(q.code.rstrip("\n"),
                                                             quote=False) in text
    assert str(DECK_ID) in deck["decks"]


def test_real_banks_in_korean_english_and_both(real_banks, tmp_path):
    q = next(q for q in real_banks.questions if q.type == "mcq")
    for lang in ("ko", "en", "both"):
        write_apkg(real_banks, tmp_path / f"{lang}.apkg", lang)
        deck = read_apkg(tmp_path / f"{lang}.apkg", tmp_path / lang)
        prompt = field(deck, q.id, "Prompt")
        ko, en = anki._inline(q.prompt.ko), anki._inline(q.prompt.en)
        assert (ko in prompt, en in prompt) == {"ko": (True, False), "en": (False, True),
                                                "both": (True, True)}[lang]
        korean_notes = sum(bool(HANGUL.search(all_text(deck, x.id))) for x in real_banks.questions)
        assert korean_notes == (0 if lang == "en" else len(real_banks.questions))


# -- stable ids: a re-export updates --------------------------------------------------------

def test_ids_are_fixed_functions_of_names_and_question_ids():
    # Pinned: changing any of these makes Anki import a re-export as a second copy.
    assert note_guid("tensors-fixture-mcq") == genanki.guid_for("quizapp", "tensors-fixture-mcq")
    assert note_guid("tensors-fixture-mcq") == "soD{2J8(ba"
    assert DECK_ID == 1857558624
    assert MODEL_IDS == {"choice": 1837981192, "truefalse": 2035223576, "short": 1380575207,
                         "cloze": 2107474601, "output": 1617622368}
    assert all((1 << 30) <= i < (1 << 31) for i in [DECK_ID, *MODEL_IDS.values()])


def test_two_exports_keep_guids_note_types_and_deck(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "a.apkg", "ko", timestamp=1_700_000_000)
    write_apkg(edge_banks, tmp_path / "b.apkg", "en", timestamp=1_800_000_000)
    a = read_apkg(tmp_path / "a.apkg", tmp_path / "a")
    b = read_apkg(tmp_path / "b.apkg", tmp_path / "b")
    assert set(a["notes"]) == set(b["notes"]) == {note_guid(q.id) for q in edge_banks.questions}
    assert {g: n["mid"] for g, n in a["notes"].items()} == {g: n["mid"] for g, n in b["notes"].items()}
    assert set(a["models"]) == set(b["models"]) and a["decks"].keys() == b["decks"].keys()
    names = {m["name"] for m in a["models"].values()}
    assert names == {m["name"] for m in b["models"].values()}


def test_a_re_export_is_newer_so_anki_updates_the_notes(edge_banks, tmp_path):
    """Anki's importer updates a note whose incoming modification time is newer."""
    for name, stamp in (("a", 1_700_000_000), ("b", 1_800_000_000)):
        write_apkg(edge_banks, tmp_path / f"{name}.apkg", "ko", timestamp=stamp)
        with zipfile.ZipFile(tmp_path / f"{name}.apkg") as apkg:
            (tmp_path / f"{name}.anki2").write_bytes(apkg.read("collection.anki2"))
        conn = sqlite3.connect(tmp_path / f"{name}.anki2")
        assert {m for (m,) in conn.execute("SELECT mod FROM notes")} == {stamp}
        conn.close()


def test_a_changed_question_keeps_its_guid(edge_banks, tmp_path):
    q = edge_banks.by_id["edge-truefalse"]
    edited = q.model_copy(update={"answer": False})
    before = build_deck([q], "en").decks[0].notes[0]
    after = build_deck([edited], "en").decks[0].notes[0]
    assert before.guid == after.guid == note_guid(q.id)
    assert before.fields != after.fields


# -- what each note type shows ----------------------------------------------------------------

def test_code_and_output_are_kept_as_escaped_preformatted_code(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "deck.apkg", "en")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    q = edge_banks.by_id["edge-output-html"]
    code = field(deck, q.id, "Code")
    match = re.fullmatch(r'<pre class="code"><code>(.*)</code></pre>', code, re.DOTALL)
    assert match and "&lt;" in code and "&amp;" in code and "<b" not in match.group(1)
    assert html.unescape(match.group(1)) == q.code.rstrip("\n")  # tabs, blanks, indents as written
    output = field(deck, q.id, "Output")
    assert '<pre class="output"><code>' + html.escape(q.answer.rstrip("\n"), quote=False) in output
    assert "  &lt;done&gt;" in output
    model = deck["models"][MODEL_IDS["output"]]["tmpls"][0]
    assert "{{Code}}" in model["qfmt"] and "{{Output}}" not in model["qfmt"]
    assert "{{Output}}" in model["afmt"]
    assert "<code>x &lt; y</code>" in field(deck, q.id, "Prompt")


def test_choices_are_numbered_and_the_back_names_number_and_text(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "deck.apkg", "en")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    choices = field(deck, "edge-mcq-code", "Choices")
    assert re.findall(r'<span class="num">(\d)\.</span>', choices) == ["1", "2", "3"]
    assert "4 &amp; more" in choices
    answer = field(deck, "edge-mcq-code", "Answer")
    assert '<span class="num">2.</span> 2 (<code>m.sum() == 2</code>)' in answer
    assert "num\">1." not in answer and "num\">3." not in answer
    assert field(deck, "edge-mcq-code", "Hint") == "Pick one."
    multi = field(deck, "edge-multi", "Answer")
    assert re.findall(r'<span class="num">(\d)\.</span> ([^<]+)', multi) == [
        ("1", "x.view(-1)"), ("3", "x[0]")]
    assert field(deck, "edge-multi", "Hint") == "Pick all that apply."
    template = deck["models"][MODEL_IDS["choice"]]["tmpls"][0]
    assert "{{Choices}}" in template["qfmt"] and "{{Answer}}" not in template["qfmt"]


def test_cloze_blank_becomes_c1_and_anki_syntax_in_the_text_is_neutralised(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "deck.apkg", "ko")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    braces = field(deck, "edge-cloze-braces", "Text")
    assert braces.count("{{c1::") == 1 and "model.{{c1::load_state_dict}}(sd)" in braces
    assert "&#123;'weight': w&#125;" in braces and "<code>__init__</code>" in braces
    assert "<code>model.load_state_dict</code>" in field(deck, "edge-cloze-braces", "Alternatives")
    colons = field(deck, "edge-cloze-colons", "Text")
    assert "{{c1::torch:&#58;Tensor}}" in colons  # a bare "::" would start Anki's hint
    assert html.unescape("torch:&#58;Tensor") == "torch::Tensor"
    no_blank = field(deck, "edge-cloze-no-blank", "Text")
    assert no_blank.endswith("<br>{{c1::zero_grad}}")
    assert field(deck, "edge-cloze-no-blank", "Alternatives") == ""


def test_an_english_deck_leaves_out_korean_alternatives(edge_banks):
    q = edge_banks.by_id["edge-cloze-colons"].model_copy(update={"answer": ["7", "seven", "일곱"]})
    english = anki.question_note(q, "en").fields
    korean = anki.question_note(q, "ko").fields
    assert "{{c1::7}}" in english[0] and "일곱" not in "".join(english)
    assert "<code>seven</code>, <code>일곱</code>" in korean[2]
    only_korean = q.model_copy(update={"answer": ["일곱"]})
    assert "{{c1::일곱}}" in anki.question_note(only_korean, "en").fields[0]


def test_both_languages_put_english_beneath_korean(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "deck.apkg", "both")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    prompt = field(deck, "edge-short", "Prompt")
    assert prompt == ('model.eval()이 바꾸는 것을 설명하세요.<div class="en" lang="en">'
                      "Explain what model.eval() changes.</div>")
    cloze = field(deck, "edge-cloze-colons", "Text")
    assert cloze.count("{{c1::torch:&#58;Tensor}}") == 2  # one card hides both blanks
    assert "정답 · Answer" in field(deck, "edge-truefalse", "Answer")
    # a text that reads the same in both languages is shown once
    assert '<span class="num">1.</span> x.view(-1)</div>' in field(deck, "edge-multi", "Choices")
    assert "참 · True" in field(deck, "edge-truefalse", "Answer")


def test_short_answers_show_the_model_answer_and_key_points_on_the_back(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "deck.apkg", "ko")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    points = field(deck, "edge-short", "KeyPoints")
    assert "핵심 포인트" in points
    assert re.findall(r"<li>(.*?)</li>", points) == ["드롭아웃이 꺼진다", "배치 정규화가 누적 통계를 쓴다"]
    assert "드롭아웃을 끄고" in field(deck, "edge-short", "ModelAnswer")
    template = deck["models"][MODEL_IDS["short"]]["tmpls"][0]
    assert "{{KeyPoints}}" in template["afmt"] and "{{KeyPoints}}" not in template["qfmt"]
    assert "English" not in all_text(deck, "edge-short")
    assert not any(re.search(r"\b(the|is|of)\b", all_text(deck, q)) for q in
                   ("edge-short", "edge-truefalse", "edge-multi"))


def test_every_back_has_explanation_source_and_tags(edge_banks, tmp_path):
    write_apkg(edge_banks, tmp_path / "deck.apkg", "en")
    deck = read_apkg(tmp_path / "deck.apkg", tmp_path / "open")
    for q in edge_banks.questions:
        explanation = field(deck, q.id, "Explanation")
        assert "Explanation" in explanation and anki._inline(q.explanation.en) in explanation
        source = field(deck, q.id, "Source")
        assert q.source in source and q.id in source
        tags = deck["notes"][note_guid(q.id)]["tags"]
        assert tags[0] == "quizapp"
        assert {f"quizapp::topic::{t}" for t in q.topics} <= set(tags)
        assert f"quizapp::type::{q.type}" in tags and f"quizapp::difficulty::{q.difficulty}" in tags
    for model in deck["models"].values():
        assert "{{Explanation}}{{Source}}" in model["tmpls"][0]["afmt"]
        assert "{{Explanation}}" not in model["tmpls"][0]["qfmt"]


def test_sources_add_their_description(edge_banks):
    from quizapp.banks import SourceIndex

    index = SourceIndex({"concepts": {"tensor-stats": "statistics of tensors"}})
    note = anki.question_note(edge_banks.by_id["edge-truefalse"], "en", sources=index)
    assert "concepts#tensor-stats — statistics of tensors" in note.fields[-1]


def test_topics_keep_only_their_questions(edge_banks, tmp_path):
    summary = write_apkg(edge_banks, tmp_path / "deck.apkg", "en", topics=["tensors"])
    assert summary.notes == 2 and summary.by_type == {"multi": 1, "output": 1}
    with pytest.raises(ValueError, match="unknown topic nope"):
        write_apkg(edge_banks, tmp_path / "deck.apkg", "en", topics=["nope"])


# -- writing ----------------------------------------------------------------------------------

def test_writing_replaces_the_file_atomically_and_leaves_no_temp_file(edge_banks, tmp_path,
                                                                      monkeypatch):
    target = tmp_path / "deck.apkg"
    write_apkg(edge_banks, target, "ko")
    before = target.read_bytes()

    def killed(package, out, timestamp):
        out.write(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt  # as if the process were stopped mid-write

    monkeypatch.setattr(anki, "_write_package", killed)
    with pytest.raises(KeyboardInterrupt):
        write_apkg(edge_banks, target, "en")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]

    monkeypatch.undo()
    write_apkg(edge_banks, target, "en")
    assert target.read_bytes() != before and zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


def test_bad_requests_get_clear_errors(edge_banks, tmp_path):
    with pytest.raises(ValueError, match="language must be one of ko, en, both"):
        write_apkg(edge_banks, tmp_path / "deck.apkg", "fr")
    with pytest.raises(FileNotFoundError, match="no such folder"):
        write_apkg(edge_banks, tmp_path / "missing" / "deck.apkg", "ko")
    with pytest.raises(IsADirectoryError):
        write_apkg(edge_banks, tmp_path, "ko")
    with pytest.raises(ValueError, match="no questions to export"):
        write_apkg([], tmp_path / "deck.apkg", "ko")
    q = edge_banks.questions[0]
    with pytest.raises(ValueError, match="appears twice"):
        build_deck([q, q], "ko")
    with pytest.raises(TypeError, match="expected questions"):
        build_deck(["edge-short"], "ko")
    assert list(tmp_path.iterdir()) == []
