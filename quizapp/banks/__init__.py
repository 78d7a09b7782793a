"""Question banks: the schema of ``questions/*.yaml`` and the loader.

One YAML file per topic::

    topic: autograd
    title: {ko: 자동 미분, en: Autograd}
    questions:
      - id: autograd-backward-gradient-arg
        type: mcq                 # mcq | multi | truefalse | short | cloze | output
        difficulty: 2             # 1 easy .. 3 hard
        topics: [autograd]        # the bank's topic first; more allowed
        source: peer-sessions#day1-backward-gradient
        prompt: {ko: ..., en: ...}
        choices: [{ko: ..., en: ...}, ...]
        answer: 1
        explanation: {ko: ..., en: ...}

The schema is a set of pydantic models (:class:`Text`, :class:`Choice`, :class:`KeyPoint`,
:class:`Question`, :class:`Bank`). The loader parses with PyYAML (the libyaml ``CSafeLoader`` when
it is available), keeps the YAML node tree while validating so that every error names the file,
the line and the field (``questions/autograd.yaml:42: questions[3].choices[1].en: missing en
translation``), and never lets one bad file or one bad question stop the rest from loading::

    from quizapp.banks import load_banks

    banks = load_banks()              # questions/ (or $QUIZAPP_QUESTIONS)
    for error in banks.errors:        # BankError: file, line, message; str() is "file:line: message"
        print(error)
    q = banks.by_id["autograd-backward-gradient-arg"]
One module per concern:

- :mod:`~quizapp.banks.schema`: the pydantic models and the constants they share (question
  types, id and source patterns, default minutes);
- :mod:`~quizapp.banks.yaml_lines`: YAML parsed with its node tree, and the line of any value
  in it (:func:`line_of`, :func:`format_loc`);
- :mod:`~quizapp.banks.messages`: :class:`BankError` and pydantic's errors rewritten as
  ``file:line: message`` for an author;
- :mod:`~quizapp.banks.loading`: one file (:func:`load_bank_file`, :class:`BankFile`) and a
  folder (:func:`load_banks`, :class:`BankSet`);
- :mod:`~quizapp.banks.cache`: the JSON cache of parsed banks (:func:`bank_cache_dir`);
- :mod:`~quizapp.banks.sources`: the sources index, ``questions/sources.yaml``
  (:class:`SourceIndex`, :func:`read_sources`, :func:`load_sources`).

Import from the package (``from quizapp.banks import load_banks``): it names everything above.
The package returns values: it never prints, and imports neither torch nor textual (the TUI
calls it at start-up), nor the TUI or the command layer.
"""

from __future__ import annotations

from quizapp.banks.cache import bank_cache_dir
from quizapp.banks.loading import BankFile, BankSet, bank_files, load_bank_file, load_banks
from quizapp.banks.messages import BankError
from quizapp.banks.schema import (
    ANCHOR_PATTERN, AUTO_TYPES, DEFAULT_MINUTES, DOCUMENT_PATTERN, ID_PATTERN, LOADER_FIELDS,
    QUESTION_TYPES, SOURCE_PATTERN, SOURCES_FILE, Bank, Choice, KeyPoint, NonBlank, Question,
    QuestionType, Slug, Text,
)
from quizapp.banks.sources import (
    SourceDescription, SourceIndex, SourcesError, SourcesFile, load_sources, read_sources,
)
# The bank linter walks the node tree with it (quizapp.banklint imports it from here).
from quizapp.banks.yaml_lines import _child as _child
from quizapp.banks.yaml_lines import format_loc, line_of

__all__ = [
    "QUESTION_TYPES", "AUTO_TYPES", "DEFAULT_MINUTES",
    "Text", "Choice", "KeyPoint", "Question", "Bank", "BankError", "BankSet", "SourceIndex",
    "BankFile", "load_banks", "load_bank_file", "load_sources", "bank_files", "bank_cache_dir",
    "SourcesFile", "SourcesError", "read_sources",
    # named by the linter and the tests, and part of the schema's vocabulary
    "SOURCES_FILE", "ID_PATTERN", "DOCUMENT_PATTERN", "ANCHOR_PATTERN", "SOURCE_PATTERN",
    "LOADER_FIELDS", "QuestionType", "NonBlank", "Slug", "SourceDescription",
    "line_of", "format_loc",
]
