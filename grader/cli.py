"""``python -m grader KATA_DIR FILE``: grade a file against a kata folder."""

from __future__ import annotations

import argparse
import sys

from grader.messages import DEFAULT_LANG, LANGS

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__.splitlines()[0])
    parser.add_argument("kata_dir", metavar="KATA_DIR", help="a kata folder (with kata.yaml)")
    parser.add_argument("file", metavar="FILE", help="the submission")
    parser.add_argument("--device", choices=["cpu", "cuda", "auto"], default="auto")
    parser.add_argument("--json", action="store_true", help="print Exercism results-v3 JSON")
    parser.add_argument("--timeout", type=float, default=None, help="wall-clock seconds (default: the kata's)")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help="language of the report: check names, messages, diagnoses (default: en)")
    parser.add_argument("--isolation", choices=["auto", "rlimits"], default="auto",
                        help="'rlimits' skips the bubblewrap sandbox")
    return parser


def exit_code(status: str) -> int:
    return EXIT_PASS if status == "pass" else EXIT_FAIL


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from grader.core import UsageError, grade
    from grader.report import render

    try:
        report = grade(args.kata_dir, args.file, device=args.device, isolation=args.isolation,
                       timeout_s=args.timeout, lang=args.lang)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(render(report, as_json=args.json, color=sys.stdout.isatty()))
    return exit_code(report.status)
