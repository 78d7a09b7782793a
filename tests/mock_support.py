"""Helpers for the mock interview tests: small question banks, a fast kata catalogue, a clock the
test moves, and the app started on a plan as ``quizapp mock`` starts it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
DOUBLE_KATA = FIXTURES / "katas" / "double"


def _text(en: str, ko: str | None = None) -> dict:
    return {"ko": ko or f"{en} (ko)", "en": en}


def question(qid: str, qtype: str, topics: list[str], minutes: float | None = None) -> dict:
    """A valid question of ``qtype`` in YAML form."""
    q = {"id": qid, "type": qtype, "difficulty": 1, "topics": topics,
         "source": "concepts#tensor-ops", "prompt": _text(f"Prompt of {qid}?"),
         "explanation": _text(f"Why {qid}.")}
    if minutes is not None:
        q["minutes"] = minutes
    if qtype == "mcq":
        q["choices"] = [_text("alpha"), _text("beta"), _text("gamma")]
        q["answer"] = 1
    elif qtype == "multi":
        q["choices"] = [_text("alpha"), _text("beta"), _text("gamma")]
        q["answer"] = [0, 2]
    elif qtype == "truefalse":
        q["answer"] = True
    elif qtype == "cloze":
        q["answer"] = ["unsqueeze", "torch.unsqueeze"]
    elif qtype == "output":
        q["code"] = "print(1 + 1)\n"
        q["answer"] = "2\n"
    elif qtype == "short":
        q["answer"] = _text("view never copies; reshape copies when it must.")
        q["key_points"] = [
            {**_text("view never copies"), "keywords": ["view", "no copy"]},
            {**_text("reshape may copy"), "keywords": ["reshape"]},
            {**_text("strides must fit"), "keywords": ["stride"]},
        ]
    return q


TYPES = ("mcq", "multi", "truefalse", "cloze", "output", "short")


def write_bank(folder: Path, topic: str, questions: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{topic}.yaml"
    path.write_text(yaml.safe_dump({"topic": topic, "title": _text(topic.title()),
                                    "questions": questions}, allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")
    return path


def write_banks(folder: Path, topics: dict[str, int]) -> Path:
    """One bank per topic with ``n`` questions cycling through every type."""
    for topic, n in topics.items():
        write_bank(folder, topic, [question(f"{topic}-q{i}", TYPES[i % len(TYPES)], [topic])
                                   for i in range(n)])
    return folder


def copy_katas(folder: Path, minutes: dict[str, float] | None = None,
               topics: dict[str, list[str]] | None = None) -> Path:
    """A catalogue of copies of the fast ``double`` kata: ``{kata_id: minutes}``."""
    minutes = minutes or {"double": 1}
    topics = topics or {}
    for kata_id, mins in minutes.items():
        target = folder / kata_id
        shutil.copytree(DOUBLE_KATA, target)
        spec = yaml.safe_load((target / "kata.yaml").read_text(encoding="utf-8"))
        spec["id"] = kata_id
        spec["minutes"] = mins
        if kata_id in topics:
            spec["topics"] = topics[kata_id]
        (target / "kata.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True,
                                                         sort_keys=False), encoding="utf-8")
    return folder


class FakeClock:
    """Seconds that move only when the test says so (``clock.t += 30``)."""

    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t


def mock_app(plan, *, db_path: Path, clock=None, lang: str = "en", **kwargs):
    """The app opening the mock section on ``plan`` once it is ready, on ``clock`` (keyword
    arguments pass on to the app: ``grade_runner``, ``watch_interval``)."""
    from quizapp.tui.app import QuizApp
    from quizapp.tui.start import StartWith

    return QuizApp(db_path=db_path, lang=lang, clock=clock, start=StartWith(mock_plan=plan),
                   **kwargs)


def use_content(content_env, banks: Path, katas: Path) -> None:
    """Read the banks and katas from these folders, parsing the banks every time."""
    content_env.use_questions(banks)
    content_env.use_katas(katas)
    content_env.disable_bank_cache()
