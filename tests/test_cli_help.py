"""`--help` for every command: each option described, and examples to copy."""

from __future__ import annotations

import argparse

import pytest

from quizapp.cli import build_parser


def _commands(parser: argparse.ArgumentParser, prefix=()):
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*prefix, name))


COMMANDS = list(_commands(build_parser()))


@pytest.mark.parametrize("path,parser", COMMANDS, ids=[" ".join(p) or "quizapp" for p, _ in COMMANDS])
def test_every_command_has_examples_and_every_option_a_description(path, parser):
    text = parser.format_help()
    assert "examples:" in text and "  quizapp" in text.split("examples:")[1]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        assert action.help, f"quizapp {' '.join(path)}: {action.option_strings or action.dest}"


def test_the_examples_of_grade_show_a_class_and_a_shard():
    grade = dict((" ".join(p), parser) for p, parser in COMMANDS)["grade"]
    text = grade.format_help()
    assert "--gradebook" in text.split("examples:")[1] and "--shard 2/8" in text
