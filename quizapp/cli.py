"""Command line: ``quizapp`` alone opens the TUI; subcommands grade, lint, report and manage progress.

Handlers are named as ``module:function`` strings and imported only when their command runs, so
that ``quizapp`` starts fast (the TUI must not import torch) and ``quizapp grade`` can start the
submission's process before the grader itself imports torch.
"""

from __future__ import annotations

import argparse
import importlib
import sys

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _common() -> argparse.ArgumentParser:
    """Options every command accepts (so ``--db`` works before or after the subcommand)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="progress database (default: QUIZAPP_DB, else the user data folder)")
    common.add_argument("--lang", choices=["ko", "en"], default=argparse.SUPPRESS,
                        help="language of questions and messages (remembered by the TUI)")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="quizapp", parents=[common],
        description="A terminal trainer for PyTorch interviews. Without a command, opens the app.")
    parser.set_defaults(handler="quizapp.tui.app:cmd_tui")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, handler, help_text, parent=sub):
        p = parent.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    # Katas and grading
    kata = command("kata", None, "list, show, start and lint coding katas")
    kata_sub = kata.add_subparsers(dest="kata_command", metavar="ACTION", required=True)
    p = command("list", "quizapp.katas:cmd_list", "list the kata catalogue", kata_sub)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("show", "quizapp.katas:cmd_show", "show a kata's prompt", kata_sub)
    p.add_argument("kata_id", metavar="KATA_ID")
    p.add_argument("--hints", action="store_true",
                   help="print every hint too (as an interviewer reads them); the app stages them")
    p = command("start", "quizapp.katas:cmd_start", "write a kata's starter file", kata_sub)
    p.add_argument("kata_id", metavar="KATA_ID")
    p.add_argument("--dir", default=None, help="folder for the file (default: the workspace)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p = command("lint", "quizapp.katalint:cmd_lint", "check katas as an author", kata_sub)
    p.add_argument("kata_ids", nargs="*", metavar="KATA_ID")
    p.add_argument("--jobs", "-j", type=int, default=0, help="grades in parallel (default: cores)")

    p = command("grade", "quizapp.grading:cmd_grade",
                "grade a submission for a kata (records the attempt), or a whole class of them")
    p.add_argument("kata_id", metavar="KATA_ID")
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

    # Question banks
    bank = command("bank", None, "question bank tools")
    bank_sub = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    p = command("lint", "quizapp.banklint:cmd_lint", "validate question banks", bank_sub)
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--no-run", action="store_true",
                   help="skip running the code of output questions")

    # Progress
    p = command("stats", "quizapp.stats:cmd_stats", "progress per topic, due cards, streak")
    p.add_argument("--json", action="store_true")
    p.add_argument("--target-date", default=None, metavar="YYYY-MM-DD",
                   help="interview day for predicted recall (remembered; 'none' clears it)")
    p = command("export", "quizapp.export:cmd_export", "export the review log and kata attempts")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--out", default=None, metavar="FILE")
    p = command("reset", "quizapp.export:cmd_reset", "erase progress (backs the database up first)")
    p.add_argument("--yes", action="store_true", help="confirm")

    # Mock interviews
    p = command("mock", "quizapp.mock:cmd_mock", "timed mock interview")
    p.add_argument("action", nargs="?", choices=["report"], help="'report' prints a stored report")
    p.add_argument("report_id", nargs="?", metavar="ID")
    p.add_argument("--minutes", type=int, choices=[15, 30, 45, 60], default=30)
    p.add_argument("--topics", nargs="+", default=None)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--plan", action="store_true", help="print the plan instead of starting")
    p.add_argument("--json", action="store_true")
    p.add_argument("--format", choices=["md", "json"], default="md")
    return parser


def resolve_handler(spec: str):
    """Import ``module:function`` lazily."""
    module_name, _, func_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), func_name)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``quizapp`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "--help"])
        return EXIT_USAGE
    for name in ("db", "lang"):
        if not hasattr(args, name):
            setattr(args, name, None)
    handler = resolve_handler(args.handler)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`quizapp kata list | head -1`): stop quietly, as `cat` does. Point
        # stdout at /dev/null so that the interpreter's last flush does not fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
