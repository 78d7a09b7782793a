"""What the app reads at start-up (banks, katas, sources) and the home screen's summary.

Kept apart from the widgets so that it can be tested and timed on its own. Nothing here
imports torch: katas are read with :func:`quizapp.katas.list_katas` (YAML and pydantic only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the banks module (pydantic) is imported by the loading thread, not here
    from quizapp.banks import BankError, BankSet, SourceIndex

RESUME_KEY = "tui.resume"


@dataclass
class AppData:
    """The content the app works on: question banks, kata catalogue and the sources index.

    ``problems`` holds what could not be read (bank errors as ``file:line: message``, broken
    katas, an unreadable sources index); the rest still works.
    """

    banks: BankSet = field(default_factory=lambda: _empty_bankset())
    katas: list[Any] = field(default_factory=list)
    sources: SourceIndex | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def bank_errors(self) -> list[BankError]:
        return self.banks.errors

    @property
    def broken_katas(self) -> list[Any]:
        return [k for k in self.katas if not k.ok]

    def kata(self, kata_id: str) -> Any | None:
        return next((k for k in self.katas if k.id == kata_id), None)

    def topic_name(self, topic: str, lang: str) -> str:
        title = self.banks.topics.get(topic)
        return title.get(lang) if title is not None else topic

    def describe_source(self, ref: str, lang: str) -> str:
        """``document#anchor — description`` (in ``lang``) when the sources index knows it."""
        description = self.sources.describe(ref, lang) if self.sources is not None else None
        return f"{ref} — {description}" if description else ref


def _empty_bankset() -> BankSet:
    from quizapp.banks import BankSet

    return BankSet()


def load_app_data() -> AppData:
    """Read the banks, the katas and the sources index; never raises for bad content."""
    from quizapp.banks import load_banks, load_sources
    from quizapp.katas import list_katas

    data = AppData(banks=load_banks())
    data.problems.extend(str(e) for e in data.banks.errors)
    try:
        data.katas = list_katas()
    except OSError as exc:
        data.problems.append(f"cannot read the katas: {exc}")
    try:
        data.sources = load_sources()
    except Exception as exc:  # noqa: BLE001 - a missing index only loses descriptions
        data.problems.append(f"cannot read the sources index: {exc}")
    return data


@dataclass(frozen=True)
class WeakTopic:
    topic: str
    name: str
    recall: float
    due: int
    questions: int


@dataclass(frozen=True)
class HomeSummary:
    """The figures the home screen shows."""

    due: int
    new: int
    streak: int
    answered_today: int
    weakest: tuple[WeakTopic, ...]
    kata_total: int
    kata_passed: int
    kata_failing: int
    kata_never: int
    next_kata: str | None
    resume: dict | None
    due_katas: tuple[str, ...] = ()  # katas whose card is due, most overdue first
    agenda: tuple[Any, ...] = ()  # due questions and katas mixed (kata_schedule.DueItem)


def _streak(days: set[date], today: date) -> int:
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def home_summary(data: AppData, store: Any, now: datetime, lang: str,
                 weakest: int = 4) -> HomeSummary:
    """Due and new counts, streak, the weakest topics and the kata status, from the store.
    A kata due for review comes first as the next kata, before failing and new ones."""
    from quizapp.kata_schedule import due_agenda, due_katas
    from quizapp.scheduling import is_due, topic_mastery

    with store.snapshot():
        cards = store.cards()
        kata_cards = store.kata_cards()
        days = store.activity_days()
        per_day = store.reviews_per_day()
        status = store.kata_status([k.id for k in data.katas if k.ok])
        resume = store.get_setting(RESUME_KEY)
    questions = data.banks.questions
    today = now.astimezone().date()
    due = sum(1 for q in questions if is_due(q, cards.get(q.id), now))
    new = sum(1 for q in questions if q.id not in cards)
    mastery = topic_mastery(questions, cards, now, scheduler=store.scheduler)
    order = list(data.banks.topics)
    ranked = sorted((t for t in mastery if t in data.banks.topics),
                    key=lambda t: (mastery[t].recall_now, order.index(t)))
    weak = tuple(WeakTopic(t, data.topic_name(t, lang), mastery[t].recall_now, mastery[t].due,
                           mastery[t].questions) for t in ranked[:weakest])
    usable = [k for k in data.katas if k.ok]
    states = {k.id: status.get(k.id).status if status.get(k.id) else "never" for k in usable}
    kata_due = tuple(due_katas(usable, kata_cards, now))
    next_kata = kata_due[0] if kata_due else None
    for wanted in ("failing", "never") if next_kata is None else ():
        candidates = [k for k in usable if states[k.id] == wanted]
        if candidates:
            next_kata = sorted(candidates, key=lambda k: (k.difficulty or 9, k.id))[0].id
            break
    if not isinstance(resume, dict) or resume.get("kind") not in ("quiz", "kata"):
        resume = None
    return HomeSummary(
        due=due, new=new, streak=_streak(days, today), answered_today=per_day.get(today, 0),
        weakest=weak, kata_total=len(usable),
        kata_passed=sum(s == "passed" for s in states.values()),
        kata_failing=sum(s == "failing" for s in states.values()),
        kata_never=sum(s == "never" for s in states.values()),
        next_kata=next_kata, resume=resume, due_katas=kata_due,
        agenda=tuple(due_agenda(questions, cards, usable, kata_cards, now)))


def resume_questions(data: AppData, resume: dict | None) -> list[Any]:
    """The questions of a quiz left unfinished, as far as the banks still have them."""
    if not resume or resume.get("kind") != "quiz":
        return []
    by_id = data.banks.by_id
    return [by_id[i] for i in resume.get("ids", []) if i in by_id]
