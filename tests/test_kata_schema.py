"""The schema of kata.yaml: every kata of the project loads; a mistake in a kata.yaml (a misspelt
option, an unknown kind, an option of another kind, a missing one) is an error with
``file:line`` and a hint; ``behaviour`` still loads as ``custom``; ``related`` names questions and
topics that the kata lint finds in the banks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader.kata import KataError, load_kata, parse_kata_yaml
from grader.kata_schema import CHECK_KINDS, CustomCheck, OutputsCheck, canonical_kind
from quizapp import katalint

ROOT = Path(__file__).resolve().parent.parent
KATAS = sorted(p.parent for p in (ROOT / "katas").glob("*/kata.yaml"))

HEADER = """\
id: double
title: {ko: 두 배, en: Double}
difficulty: 1
minutes: 5
topics: [tensors]
source: concepts#tensor-ops
entry: [double]
prompt: {ko: 두 배로 만드세요., en: Double it.}
hints: [{ko: 곱하세요., en: Multiply.}]
"""


def problems(checks: str, header: str = HEADER) -> list[str]:
    """The messages of validating HEADER (lines 1-9) followed by ``checks``."""
    with pytest.raises(KataError) as caught:
        parse_kata_yaml(header + textwrap.dedent(checks), "katas/double/kata.yaml")
    return caught.value.messages()


def spec(checks: str, header: str = HEADER):
    return parse_kata_yaml(header + textwrap.dedent(checks), "katas/double/kata.yaml")


# --------------------------------------------------------------------------------------------
# The project's katas

@pytest.mark.parametrize("folder", KATAS, ids=[k.name for k in KATAS])
def test_every_kata_of_the_project_loads(folder):
    kata = load_kata(folder)
    assert kata.id == folder.name and kata.spec.checks


def test_every_kata_names_related_questions_that_exist():
    index = katalint.bank_index(ROOT / "questions")
    for folder in KATAS:
        related = load_kata(folder).spec.related
        questions = [r for r in related if r in index.questions]
        assert 2 <= len(questions) <= 6, f"{folder.name}: {len(questions)} related questions"
        assert katalint.related_problems(related, set(index.questions), set(index.topics)) == [], folder.name


# --------------------------------------------------------------------------------------------
# Mistakes in a kata.yaml, with file:line and a hint

def test_a_misspelt_option_names_the_line_the_closest_option_and_the_allowed_ones():
    found = problems("""\
        checks:
          - kind: outputs
            function: double
            cases: cases
            mistaks: mistakes
        """)
    assert found == ["katas/double/kata.yaml:14: checks[0].mistaks: unknown option 'mistaks' of a "
                     "'outputs' check (did you mean 'mistakes'?); allowed: name, function, module, cases, "
                     "tolerance, mistakes, view_of_input"]


def test_an_option_of_another_kind_says_which_kinds_have_it():
    (found,) = problems("""\
        checks:
          - kind: outputs
            function: double
            cases: cases
            expect: in_place
        """)
    assert found.startswith("katas/double/kata.yaml:14: checks[0].expect: unknown option 'expect' of a "
                            "'outputs' check ('expect' is an option of: mutation, operators)")


def test_an_unknown_kind_names_the_closest_kind():
    (found,) = problems("""\
        checks:
          - kind: outptus
            function: double
            cases: cases
        """)
    assert found.startswith("katas/double/kata.yaml:11: checks[0].kind: unknown check kind 'outptus' "
                            "(did you mean 'outputs'?); kinds: forbidden, outputs,")


def test_a_check_without_kind_lists_the_kinds():
    (found,) = problems("""\
        checks:
          - function: double
            cases: cases
        """)
    assert found == ("katas/double/kata.yaml:11: checks[0].kind: a check needs `kind:` (one of: "
                     + ", ".join(CHECK_KINDS) + ")")


def test_a_missing_required_option_names_the_kind():
    (found,) = problems("""\
        checks:
          - kind: custom
            name: lowers the loss
            evaluate: check_loss
        """)
    assert found == "katas/double/kata.yaml:11: checks[0].probe: required option 'probe' of a 'custom' check is missing"


@pytest.mark.parametrize("targets", ["", "function: double\n    module: Double\n"])
def test_a_check_calls_a_function_or_a_module(targets):
    (found,) = problems("checks:\n  - kind: outputs\n    cases: cases\n    " + targets)
    assert found == ("katas/double/kata.yaml:11: checks[0]: a 'outputs' check needs `function:` or"
                     " `module:` (one of them)")


def test_misspelt_names_inside_options_get_hints_too():
    found = problems("""\
        checks:
          - kind: forbidden
            apis: [torch.mul]
            why: {ko: 더하기로 풀어 보세요., en: use addition., kk: x}
          - kind: outputs
            function: double
            cases: cases
            tolerance: {flaot32: {atol: 1.0e-5}}
          - kind: dtype
            function: double
            cases: cases
            dtypes: [float8]
        """)
    assert found[0] == "katas/double/kata.yaml:13: checks[0].why.kk: unknown field 'kk'; allowed: ko, en"
    assert found[1].startswith("katas/double/kata.yaml:17: checks[1].tolerance.flaot32: unknown field "
                               "'flaot32' (did you mean 'float32'?); allowed: float16, bfloat16, float32,")
    assert found[2] == ("katas/double/kata.yaml:21: checks[2].dtypes[0]: 'float8' is not allowed here; "
                        "expected 'float16', 'bfloat16', 'float32' or 'float64'")


@pytest.mark.parametrize("check, message", [
    ("{kind: mutation, function: double, cases: c, expect: inplace}",
     "checks[0].expect: 'inplace' is not allowed here; expected 'none' or 'in_place'"),
    ("{kind: forbidden, syntax: ['**']}", "checks[0].syntax[0]: '**' is not allowed here; expected '@'"),
    ("{kind: forbidden, allow: [os]}", "checks[0].allow[0]: 'os' is not allowed here; expected 'importlib', "),
    ("{kind: operators, cases: c, expect: {double: mm}, why: {triple: {ko: 가, en: a}}}",
     "checks[0]: `why` names triple, which `expect` does not"),
])
def test_option_values_are_checked(check, message):
    (found,) = problems(f"checks:\n  - {check}\n")
    assert found.startswith("katas/double/kata.yaml:11: " + message), found


def test_every_problem_is_reported_in_line_order():
    header = HEADER.replace("difficulty: 1", "difficulty: 4").replace("topics: [tensors]", "topics: [Tensors]")
    found = problems("""\
        checks:
          - kind: raises
            function: double
        """, header)
    assert found == [
        "katas/double/kata.yaml:3: difficulty: Input should be less than or equal to 3, got 4",
        "katas/double/kata.yaml:5: topics[0]: 'Tensors' is not a topic id (lowercase words joined by '-', "
        "like nn-module)",
        "katas/double/kata.yaml:11: checks[0].cases: required option 'cases' of a 'raises' check is missing",
    ]


def test_names_that_must_match_across_fields():
    found = problems("""\
        checks:
          - kind: outputs
            name: twice
            function: triple
            cases: cases
          - kind: gradients
            name: twice
            function: double
            cases: cases
        """)
    assert found == ["katas/double/kata.yaml:13: checks[0].function: 'triple' is not in `entry` (double)",
                     "katas/double/kata.yaml:16: checks[1].name: two checks are named 'twice'; a report "
                     "(and a gradebook column) needs each name once"]


def test_invalid_yaml_names_its_line():
    (found,) = problems("checks: [\n  - kind: outputs\n")
    assert found.startswith("katas/double/kata.yaml:") and "invalid YAML" in found


def test_a_kata_folder_reports_its_problems_with_the_file(tmp_path):
    folder = tmp_path / "double"
    folder.mkdir()
    (folder / "kata.yaml").write_text(HEADER + "checks:\n  - kind: outputs\n    function: double\n"
                                      "    case: cases\n", encoding="utf-8")
    with pytest.raises(KataError) as caught:
        load_kata(folder)
    assert caught.value.messages() == [
        f"{folder / 'kata.yaml'}:11: checks[0].cases: required option 'cases' of a 'outputs' check is missing",
        f"{folder / 'kata.yaml'}:13: checks[0].case: unknown option 'case' of a 'outputs' check "
        "(did you mean 'cases'?); allowed: name, function, module, cases, tolerance, mistakes, view_of_input",
    ]
    assert str(caught.value).splitlines() == caught.value.messages()


# --------------------------------------------------------------------------------------------
# Options are typed; behaviour is custom's older name

def test_options_are_read_typed_with_their_defaults():
    kata = spec("""\
        checks:
          - kind: outputs
            function: double
            cases: cases
            tolerance: {float32: {atol: 1.0e-4}, cuda: {float32: {rtol: 1.0e-3}}}
          - kind: mutation
            function: double
            cases: cases
        """)
    outputs, mutation = kata.checks
    assert isinstance(outputs, OutputsCheck) and outputs.view_of_input is None
    assert outputs.tolerance.overrides() == {"float32": {"atol": 1e-4}, "cuda": {"float32": {"rtol": 1e-3}}}
    assert (mutation.expect, mutation.arg) == ("none", 0)


@pytest.mark.parametrize("kind", ["custom", "behaviour"])
def test_behaviour_loads_as_a_custom_check_and_keeps_its_name(kind):
    (check,) = spec(f"""\
        checks:
          - kind: {kind}
            name: lowers the loss
            probe: train
            cases: train_cases
            evaluate: check_loss
        """).checks
    assert isinstance(check, CustomCheck) and check.kind == kind and canonical_kind(kind) == "custom"
    assert (check.on_device, check.trace) == (False, False)


# --------------------------------------------------------------------------------------------
# related: questions and topics the kata practises

def test_related_is_optional_and_holds_ids():
    assert spec("checks: [{kind: forbidden, apis: [torch.mul]}]\n").related == []
    related = HEADER + "related: [tensors-mcq-broadcast, tensors]\n"
    assert spec("checks: [{kind: forbidden, apis: [torch.mul]}]\n", related).related == [
        "tensors-mcq-broadcast", "tensors"]


def test_related_ids_have_the_shape_of_question_ids_and_are_given_once():
    header = HEADER + "related: [tensors, Broadcasting rules, tensors]\n"
    found = problems("checks: [{kind: forbidden, apis: [torch.mul]}]\n", header)
    assert found == ["katas/double/kata.yaml:10: related[1]: 'Broadcasting rules' is not a question or "
                     "topic id (lowercase letters, digits, '-', '_' or '.')"]
    header = HEADER + "related: [tensors, tensors]\n"
    assert problems("checks: [{kind: forbidden, apis: [torch.mul]}]\n", header) == [
        "katas/double/kata.yaml:10: related[1]: 'tensors' is listed twice"]


def test_the_lint_reports_related_ids_that_the_banks_do_not_have():
    header = HEADER + "related: [tensors-mcq-view, tensors, autograd-mcq-viw, quantum]\n"
    kata = spec("checks: [{kind: forbidden, apis: [torch.mul]}]\n", header)
    found = katalint.metadata_problems(kata, None, {"tensors", "autograd"},
                                       {"tensors-mcq-view", "autograd-mcq-view"})
    assert [p for p in found if "related" in p] == [
        "kata.yaml: related[2]: unknown id 'autograd-mcq-viw': not a question id of the banks nor a "
        "topic id (did you mean autograd-mcq-view?)",
        "kata.yaml: related[3]: unknown id 'quantum': not a question id of the banks nor a topic id",
    ]
    unchecked = katalint.metadata_problems(kata, None, {"tensors"})  # no question ids: not checked
    assert [p for p in unchecked if "related" in p] == []


def test_topics_and_question_ids_come_from_the_banks(tmp_path):
    (tmp_path / "sources.yaml").write_text("concepts: {tensor-ops: tensor operations}\n", encoding="utf-8")
    (tmp_path / "signals.yaml").write_text(textwrap.dedent("""\
        topic: signals
        title: {ko: 신호, en: Signals}
        questions:
          - id: signals-tf-fft
            type: truefalse
            difficulty: 1
            topics: [signals]
            source: concepts#tensor-ops
            prompt: {ko: FFT는 선형입니다., en: The FFT is linear.}
            answer: true
            explanation: {ko: 선형 변환입니다., en: It is a linear map.}
        """), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("topic: [\n", encoding="utf-8")
    index = katalint.bank_index(tmp_path)
    assert index.topics == {"signals", "broken"} and index.questions == {"signals-tf-fft"}
    assert katalint.known_topics(tmp_path) == {"signals", "broken"}
