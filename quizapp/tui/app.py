"""The Textual app: ``quizapp`` with no command opens it.

Layout of the package (after Posting and Harlequin): ``app.py`` holds the :class:`QuizApp`
(state shared by every screen: the progress store, the banks, the language), ``screens/`` one
module per screen, ``widgets/`` the reusable pieces, ``commands.py`` the command palette
provider and ``*.tcss`` the styles.

Sections are Textual *modes*, each with its own screen stack: ``home`` (quizzes and katas are
pushed on top of it), ``stats``, ``settings`` and ``mock``. :data:`SECTIONS` names the screen
class of each as ``module:Class``; a section whose module is not installed is simply not
offered, so the mock interview screen plugs in by existing as
``quizapp.tui.screens.mock:MockScreen``. A section screen reaches everything it needs through
``self.app``: :attr:`QuizApp.store`, :attr:`QuizApp.data` (banks, katas, sources),
:attr:`QuizApp.lang`, :meth:`QuizApp.now`, :meth:`QuizApp.record_review` and
:meth:`QuizApp.record_kata_attempt`.

Start-up stays light: the store is opened at mount, the banks and katas are read in a thread
worker while the home screen is already up, and nothing imports torch (grading runs in a child
process; see :mod:`quizapp.workbench`).
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from quizapp.paths import default_db_path
from quizapp.texts import DEFAULT_LANG, LANGS, normalise_lang, tr
from quizapp.tui.commands import QuizappCommands
from quizapp.tui.start import StartWith  # what start= takes (the commands import it from here)

#: Sections (modes): name -> "module:ScreenClass". Missing modules are skipped.
SECTIONS: dict[str, str] = {
    "home": "quizapp.tui.screens.home:HomeScreen",
    "stats": "quizapp.tui.screens.stats:StatsScreen",
    "settings": "quizapp.tui.screens.settings:SettingsScreen",
    "mock": "quizapp.tui.screens.mock:MockScreen",
}
DEFAULT_THEME = "textual-dark"


def section_available(spec: str) -> bool:
    """Whether the module of a section's ``module:Class`` can be imported."""
    module = spec.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _factory(spec: str) -> Callable[[], Screen]:
    def make() -> Screen:
        module, _, name = spec.partition(":")
        return getattr(importlib.import_module(module), name)()
    return make


class QuizApp(App):
    """quizapp's terminal UI.

    ``db_path`` is the progress database (default: ``--db``/``QUIZAPP_DB``/the user data
    folder); ``lang`` a language given on the command line (remembered); ``now`` a clock
    returning an aware datetime (tests pin it); ``clock`` the seconds countdowns run on
    (default ``time.monotonic``; tests drive it to make a mock's time run out);
    ``grade_runner`` what grades a kata (default :func:`quizapp.workbench.run_grade`);
    ``watch_interval`` how often the kata workbench looks at the user's file, in seconds;
    ``start`` what to open once the content is read (:class:`quizapp.tui.start.StartWith`: a
    mock plan or a kata), instead of staying on the home screen.
    """

    TITLE = "quizapp"
    CSS_PATH = ["app.tcss", "quiz.tcss", "kata.tcss"]
    COMMANDS = App.COMMANDS | {QuizappCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    lang: reactive[str] = reactive(DEFAULT_LANG, init=False)
    data_version: reactive[int] = reactive(0, init=False)

    def __init__(self, db_path: str | Path | None = None, lang: str | None = None, *,
                 now: Callable[[], datetime] | None = None,
                 grade_runner: Callable[..., Any] | None = None,
                 watch_interval: float = 0.5, sections: dict[str, str] | None = None,
                 start: StartWith | None = None, clock: Callable[[], float] | None = None):
        super().__init__()
        self.db_path = Path(db_path) if db_path else default_db_path()
        self._lang_arg = lang if lang in LANGS else None
        self._now = now
        if grade_runner is None:  # a warm slot in a process of its own, started by the workbench
            from quizapp.workbench import WarmGrader

            grade_runner = WarmGrader()
        self.grade_runner = grade_runner
        self.watch_interval = watch_interval
        self.clock: Callable[[], float] = clock or time.monotonic
        self._start = start  # opened once, when the store is open and the content read
        self.store: Any = None
        self.store_error: Exception | None = None
        self.temporary_store = False
        self.data: Any = None  # quizapp.tui.data.AppData once loaded
        self._loading = False
        self._started = False
        for name, spec in (sections or SECTIONS).items():
            if section_available(spec):
                self.add_mode(name, _factory(spec))

    # -- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        from quizapp.store import Store, StoreError

        try:
            self.store = Store.open(self.db_path)
        except StoreError as exc:
            self.store_error = exc
        lang, theme = self._lang_arg, None
        if self.store is not None:
            lang = lang or self.setting("language")
            theme = self.setting("theme")
            if self._lang_arg:
                self.save_setting("language", self._lang_arg)
        self.set_reactive(QuizApp.lang, normalise_lang(lang))
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self._started = True
        if self.store_error is not None:
            from quizapp.tui.screens.errors import ErrorScreen

            self.push_screen(ErrorScreen(str(self.store_error), allow_continue=True),
                             self._after_store_error)
        else:
            self.switch_mode("home")
            if self._start is not None:
                self.call_later(self._begin_start)

    def _begin_start(self) -> None:
        """Start reading the content now, for what the app was started with; a mock plan shows
        the mock section at once (it says that it is loading)."""
        if self._start is None:
            return
        self.start_loading()
        if self._start.section != self.current_mode:
            self.open_section(self._start.section)
        self._open_start()

    def _open_start(self) -> None:
        """Open what the app was started with, once the content is read (then forget it)."""
        start = self._start
        if start is None or not self.ready:
            return
        self._start = None
        if start.mock_plan is not None:
            from quizapp.tui.screens.mock import open_mock

            open_mock(self, start.mock_plan)
        else:
            self.open_kata(start.kata_id)

    def start_loading(self) -> None:
        """Read the banks and katas in a worker, once (the home screen calls this after its
        first paint, so that the reading does not compete with it)."""
        if self.data is None and not self._loading:
            self._loading = True
            self.load_data()

    def _after_store_error(self, go_on: bool | None) -> None:
        if not go_on:
            self.exit(return_code=1)
            return
        from quizapp.store import Store

        self.store = Store.open(":memory:")
        self.temporary_store = True
        self.switch_mode("home")

    @work(thread=True, exclusive=True, group="data", exit_on_error=False)
    def load_data(self) -> None:
        """Read the banks, katas and sources (in a thread: the home screen is already up)."""
        from quizapp.tui.data import AppData, load_app_data

        try:
            data = load_app_data()
        except Exception as exc:  # noqa: BLE001 - shown in the app, never as a traceback
            data = AppData(problems=[f"cannot read the content: {exc}"])
        self.call_from_thread(self._data_loaded, data)

    def _data_loaded(self, data: Any) -> None:
        self.data = data
        banks = getattr(data, "banks", None)
        if self.store is not None and banks is not None and banks.aliases:
            from quizapp.store import StoreError

            try:  # a merged question keeps the schedule of the ids it replaced
                self.store.adopt_aliases(banks.aliases)
            except StoreError:
                pass
        self.data_version += 1
        self._open_start()

    @property
    def ready(self) -> bool:
        """True once the store is open and the content is read."""
        return self.data is not None and self.store is not None

    # -- shared services ------------------------------------------------------------------

    def now(self) -> datetime:
        """The current time (aware, UTC); tests pin it."""
        return self._now() if self._now is not None else datetime.now(timezone.utc)

    def t(self, key: str, **values: Any) -> str:
        """A UI text in the current language."""
        return tr(key, self.lang, **values)

    def setting(self, key: str, default: Any = None) -> Any:
        if self.store is None:
            return default
        from quizapp.store import StoreError

        try:
            return self.store.get_setting(key, default)
        except StoreError:
            return default

    def save_setting(self, key: str, value: Any) -> bool:
        if self.store is None:
            return False
        from quizapp.store import StoreError

        try:
            self.store.set_setting(key, value)
            return True
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return False

    def record_review(self, **kwargs: Any) -> Any | None:
        """Record an answer (``Store.record_review``); None with a message when it fails."""
        from quizapp.store import StoreError

        try:
            return self.store.record_review(**kwargs, when=self.now())
        except (StoreError, ValueError) as exc:
            self.notify(self.t("quiz.not_saved", error=exc), severity="error", timeout=8)
            return None

    def export_anki(self, deck_lang: str) -> None:
        """Write the banks as an Anki deck into the workspace folder, in a worker."""
        self._export_anki(deck_lang)

    @work(thread=True, group="anki", exit_on_error=False)
    def _export_anki(self, deck_lang: str) -> None:
        from quizapp.anki import write_apkg
        from quizapp.paths import workspace_dir

        target = workspace_dir() / f"quizapp-{deck_lang}.apkg"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            summary = write_apkg(self.data.banks, target, deck_lang)
        except (OSError, ValueError) as exc:
            self.call_from_thread(self.notify, self.t("anki.failed", error=exc), severity="error")
            return
        self.call_from_thread(self.notify, self.t("anki.written", path=summary.path,
                                                  n=summary.notes), timeout=10)

    def overrule_review(self, review: Any) -> Any | None:
        """The learner says an automatic "wrong" was right (``Store.overrule_review``); the new
        record, or None with a message when it fails."""
        from quizapp.store import StoreError

        try:
            return self.store.overrule_review(review.id)
        except (StoreError, ValueError) as exc:
            self.notify(self.t("quiz.not_saved", error=exc), severity="error", timeout=8)
            return None

    def record_kata_attempt(self, kata_id: str, code: str, result: Any, *,
                            hints_used: int | None = None,
                            time_taken_s: float | None = None) -> int | None:
        """Record a graded attempt from the workbench (which reviews the kata's card and, when a
        check failed, brings back its related questions); None with a message when it fails."""
        from quizapp.kata_schedule import attempt_context
        from quizapp.store import StoreError

        try:
            info = self.data.kata(kata_id) if self.data is not None else None
            context = attempt_context(
                info.spec if info is not None else None,
                self.data.banks.questions if self.data is not None else [], self.store.cards(),
                self.now(), hints_used=hints_used, time_taken_s=time_taken_s,
                scheduler=self.store.scheduler)
            return self.store.record_kata_attempt(
                kata_id, result.device, result.status, result.duration_s, code, result.report,
                when=self.now(), source="tui", **context)
        except (StoreError, ValueError) as exc:
            self.notify(self.t("kata.not_saved", error=exc), severity="error", timeout=8)
            return None

    def save_resume(self, value: dict | None) -> None:
        """Remember what to continue (a quiz's remaining questions, or a kata)."""
        from quizapp.tui.data import RESUME_KEY

        self.save_setting(RESUME_KEY, value)

    # -- language and theme ---------------------------------------------------------------

    def watch_lang(self, lang: str) -> None:
        if self._started:
            self.save_setting("language", lang)
        for screen in self._all_screens():
            apply = getattr(screen, "apply_language", None)
            if apply is not None and screen.is_mounted:
                screen.call_later(apply)

    def watch_theme(self, theme: str) -> None:
        if self._started and self.store is not None:
            self.save_setting("theme", theme)

    def _all_screens(self) -> Iterable[Screen]:
        seen = set()
        for stack in self._screen_stacks.values():
            for screen in stack:
                if id(screen) not in seen:
                    seen.add(id(screen))
                    yield screen

    # -- navigation -----------------------------------------------------------------------

    def open_section(self, name: str) -> None:
        """Switch to a section (mode) by name; says so when it is not available."""
        self.call_after_refresh(self.start_loading)
        if name not in self._modes:
            self.notify(self.t("home.no_mock") if name == "mock" else name, severity="warning")
            return
        if self.current_mode != name:
            self.switch_mode(name)

    def _home_stack(self) -> None:
        """Go to the home section, leaving any quiz or kata screen on top of it."""
        if self.current_mode != "home":
            self.switch_mode("home")

    def require_ready(self) -> bool:
        if not self.ready:
            self.notify(self.t("home.not_ready"), severity="warning")
            return False
        return True

    def open_kata(self, kata_id: str) -> None:
        """Open the workbench for ``kata_id`` (from the home screen, the list or the palette)."""
        if not self.require_ready():
            return
        from quizapp.tui.screens.kata import KataScreen

        info = self.data.kata(kata_id)
        if info is None or not info.ok:
            error = info.error if info is not None else kata_id
            self.notify(self.t("katas.broken", error=error), severity="error", timeout=8)
            return
        self._home_stack()
        if isinstance(self.screen, KataScreen):
            self.switch_screen(KataScreen(info))
        else:
            self.push_screen(KataScreen(info))

    def open_kata_list(self) -> None:
        if not self.require_ready():
            return
        from quizapp.tui.screens.kata import KataListScreen

        self._home_stack()
        self.push_screen(KataListScreen())

    def open_quiz_setup(self) -> None:
        if not self.require_ready():
            return
        from quizapp.tui.screens.quiz import QuizSetupScreen

        self._home_stack()
        self.push_screen(QuizSetupScreen())

    def start_quiz(self, questions: list[Any]) -> None:
        """Ask ``questions`` (a quiz screen on the home section)."""
        if not self.require_ready():
            return
        from quizapp.tui.screens.quiz import QuizScreen, QuizSetupScreen

        if not questions:
            self.notify(self.t("setup.nothing"), severity="warning")
            return
        self._home_stack()
        if isinstance(self.screen, (QuizScreen, QuizSetupScreen)):
            self.switch_screen(QuizScreen(questions))
        else:
            self.push_screen(QuizScreen(questions))

    def start_planned_quiz(self, mode: str, topics: list[str] | None = None,
                           count: int = 10) -> None:
        """Plan a quiz with :func:`quizapp.quiz_session.plan_quiz` and start it."""
        if not self.require_ready():
            return
        from quizapp.quiz_session import plan_quiz

        questions = plan_quiz(self.data.banks.questions, self.store.cards(), self.now(),
                              mode=mode, topics=topics, count=count)
        if not questions:
            self.notify(self.t("setup.nothing_due" if mode == "due" else "setup.nothing"),
                        severity="warning")
            return
        self.start_quiz(questions)

    # -- actions --------------------------------------------------------------------------

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """Textual's command palette, with its prompt and "no matches" in the app's language."""
        from textual.command import CommandPalette

        from quizapp.tui.widgets.palette import LocalPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(LocalPalette(placeholder=self.t("palette.placeholder"),
                                          no_matches=self.t("palette.no_matches"),
                                          id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for lang in LANGS:
            if lang != self.lang:
                yield SystemCommand(f"Language: {tr('lang.' + lang, lang)}",
                                    "Switch the app's language (remembered)",
                                    lambda lang=lang: setattr(self, "lang", lang))

    def on_unmount(self) -> None:
        if self.store is not None:
            try:
                self.store.close()
            except Exception:  # noqa: BLE001 - closing at exit must not raise
                pass
