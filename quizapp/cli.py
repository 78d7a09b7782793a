"""Command line: ``quizapp`` alone opens the TUI; subcommands grade, lint, report and manage progress.

Handlers live in :mod:`quizapp.commands`, named here as ``module:function`` strings and imported
only when their command runs, so that ``quizapp`` starts fast (the TUI must not import torch) and
``quizapp grade`` can start the submission's process before the grader itself imports torch.
Every command's ``--help`` ends with examples.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from quizapp import exit_codes


def _common() -> argparse.ArgumentParser:
    """Options every command accepts (so ``--db`` works before or after the subcommand)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="progress database (default: QUIZAPP_DB, else the user data folder)")
    common.add_argument("--lang", choices=["ko", "en"], default=argparse.SUPPRESS,
                        help="language of questions and messages (default: the one the app "
                             "remembers, else English)")
    return common


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


class _Commands:
    """Adds subcommands that share the common options, a description and examples."""

    def __init__(self, subparsers, common: argparse.ArgumentParser):
        self.subparsers, self.common = subparsers, common

    def add(self, name: str, handler: str | None, help_text: str, *examples: str,
            subparsers=None) -> argparse.ArgumentParser:
        p = (subparsers or self.subparsers).add_parser(
            name, parents=[self.common], help=help_text, description=help_text,
            epilog=_examples(*examples) if examples else None,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(handler=handler)
        return p


def _kata_commands(commands: _Commands) -> None:
    kata = commands.add("kata", None, "list, show, start and lint coding katas",
                        "quizapp kata list", "quizapp kata show custom-linear --hints")
    kata_sub = kata.add_subparsers(dest="kata_command", metavar="ACTION", required=True)
    p = commands.add("list", "quizapp.commands.kata:run_list", "list the kata catalogue",
                     "quizapp kata list", "quizapp kata list --json | jq '.[].id'",
                     subparsers=kata_sub)
    p.add_argument("--json", action="store_true", help="print the catalogue as a JSON list")
    p = commands.add("show", "quizapp.commands.kata:run_show", "show a kata's prompt",
                     "quizapp kata show custom-linear", "quizapp kata show custom-linear --hints",
                     subparsers=kata_sub)
    p.add_argument("kata_id", metavar="KATA_ID", help="the kata (see `quizapp kata list`)")
    p.add_argument("--hints", action="store_true",
                   help="print every hint too (as an interviewer reads them); the app stages them")
    p = commands.add("start", "quizapp.commands.kata:run_start", "write a kata's starter file",
                     "quizapp kata start custom-linear",
                     "quizapp kata start custom-linear --dir ~/interview --force",
                     subparsers=kata_sub)
    p.add_argument("kata_id", metavar="KATA_ID", help="the kata (see `quizapp kata list`)")
    p.add_argument("--dir", default=None, help="folder for the file (default: the workspace)")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing file (it may hold your work)")
    p = commands.add("lint", "quizapp.commands.lint:run_kata_lint", "check katas as an author",
                     "quizapp kata lint", "quizapp kata lint custom-linear --jobs 2",
                     subparsers=kata_sub)
    p.add_argument("kata_ids", nargs="*", metavar="KATA_ID", help="katas to check (default: all)")
    p.add_argument("--jobs", "-j", type=int, default=0, help="grades in parallel (default: cores)")


def _grade_command(commands: _Commands) -> None:
    p = commands.add(
        "grade", "quizapp.commands.grade:run",
        "grade a submission for a kata (records the attempt), or a whole class of them",
        "quizapp grade custom-linear ~/.local/share/quizapp/workspace/custom-linear.py",
        "quizapp grade custom-linear answer.py --json",
        "quizapp grade custom-linear class/ --jobs 4 --gradebook grades.csv",
        "quizapp grade custom-linear class/ --shard 2/8 --json > shard2.jsonl")
    p.add_argument("kata_id", metavar="KATA_ID", help="the kata (see `quizapp kata list`)")
    p.add_argument("file", metavar="PATH", nargs="+",
                   help="a submission file; several files or folders (their *.py files) grade a class")
    p.add_argument("--device", choices=["cpu", "cuda", "auto"], default="auto",
                   help="where to run the submission (auto: CUDA when there is a GPU)")
    p.add_argument("--json", action="store_true",
                   help="print results-v3 JSON (a class: one JSON line per submission)")
    p.add_argument("--no-record", action="store_true", help="do not record the attempt")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="a class: submissions graded at once (default: one per core)")
    p.add_argument("--gradebook", metavar="FILE.csv", default=None,
                   help="a class: write a CSV with one row per submission and one column per check")
    p.add_argument("--shard", metavar="i/N", default=None,
                   help="a class: grade only shard i of N (1-based), for job runners on many machines")
    p.add_argument("--allow-unsandboxed", action="store_true",
                   help="a class: grade even where no sandbox can run (the files could reach yours)")


def _bank_commands(commands: _Commands) -> None:
    bank = commands.add("bank", None, "question bank tools", "quizapp bank lint")
    bank_sub = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    p = commands.add("lint", "quizapp.commands.lint:run_bank_lint", "validate question banks",
                     "quizapp bank lint", "quizapp bank lint questions/autograd.yaml --no-run",
                     subparsers=bank_sub)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="bank files or folders (default: the question banks)")
    p.add_argument("--no-run", action="store_true",
                   help="skip running the code of output questions")


def _progress_commands(commands: _Commands) -> None:
    p = commands.add("stats", "quizapp.commands.stats:run", "progress per topic, due cards, streak",
                     "quizapp stats", "quizapp stats --target-date 2027-01-15", "quizapp stats --json")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--target-date", default=None, metavar="YYYY-MM-DD",
                   help="interview day for predicted recall (remembered; 'none' clears it)")
    p = commands.add("optimize", "quizapp.commands.optimize:run",
                     "fit the review schedule (FSRS) to your own reviews, or set the desired retention",
                     "quizapp optimize", "quizapp optimize --json", "quizapp optimize --retention 0.85")
    p.add_argument("--retention", type=float, default=None, metavar="R",
                   help="set the desired retention (0.70-0.97, default 0.9) instead of fitting")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop a fit that takes longer (default: scaled to the reviews)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p = commands.add("export", "quizapp.commands.export:run_export",
                     "export the review log and kata attempts, or the banks as an Anki deck",
                     "quizapp export --format csv --out progress.csv",
                     "quizapp export --format apkg --out pytorch.apkg --deck-lang both")
    p.add_argument("--format", choices=["json", "csv", "apkg"], default="json",
                   help="json or csv: your progress; apkg: the question banks as an Anki deck")
    p.add_argument("--out", default=None, metavar="FILE",
                   help="file to write (default: standard output; apkg: quizapp.apkg)")
    p.add_argument("--deck-lang", choices=["ko", "en", "both"], default=None,
                   help="apkg: language of the cards (default: --lang, or the remembered one)")
    p = commands.add("reset", "quizapp.commands.export:run_reset",
                     "erase progress (backs the database up first)", "quizapp reset --yes")
    p.add_argument("--yes", action="store_true", help="confirm")


def _mock_command(commands: _Commands) -> None:
    p = commands.add("mock", "quizapp.commands.mock:run", "timed mock interview",
                     "quizapp mock --minutes 45", "quizapp mock --topics autograd nn-module --plan",
                     "quizapp mock report 3 --format json")
    p.add_argument("action", nargs="?", choices=["report"], help="'report' prints a stored report")
    p.add_argument("report_id", nargs="?", metavar="ID", help="the mock interview's number")
    p.add_argument("--minutes", type=int, choices=[15, 30, 45, 60], default=30,
                   help="length of the interview")
    p.add_argument("--topics", nargs="+", default=None, help="topic ids to draw from (default: all)")
    p.add_argument("--seed", type=int, default=None, help="the same seed gives the same plan")
    p.add_argument("--plan", action="store_true", help="print the plan instead of starting")
    p.add_argument("--json", action="store_true", help="with --plan: print it as JSON")
    p.add_argument("--format", choices=["md", "json"], default="md",
                   help="report: Markdown or JSON")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="quizapp", parents=[common],
        description="A terminal trainer for PyTorch interviews. Without a command, opens the app.",
        epilog=_examples("quizapp", "quizapp --lang ko", "quizapp kata list",
                         "quizapp grade custom-linear answer.py"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(handler="quizapp.commands.tui:run")
    commands = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)
    _kata_commands(commands)
    _grade_command(commands)
    _bank_commands(commands)
    _progress_commands(commands)
    _mock_command(commands)
    return parser


def resolve_handler(spec: str):
    """Import ``module:function`` lazily."""
    module_name, _, func_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), func_name)


def _quiet_broken_pipe() -> int:
    # The reader went away (`quizapp kata list | head -1`): stop quietly, as `cat` does. Point
    # stdout at /dev/null so that the interpreter's last flush does not fail again.
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return exit_codes.OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``quizapp`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "--help"])
        return exit_codes.USAGE
    for name in ("db", "lang"):
        if not hasattr(args, name):
            setattr(args, name, None)
    handler = resolve_handler(args.handler)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        return _quiet_broken_pipe()


if __name__ == "__main__":
    sys.exit(main())
