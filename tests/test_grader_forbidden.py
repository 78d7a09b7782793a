"""Forbidden APIs cannot be stepped around: what runs is identified by its code (a profiler hook in
the submission's process), reflection is flagged by the static scan with its line, and a
candidate's demo block under ``if __name__ == "__main__":`` is not held against them."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from grader import forbidden

KATAS = Path(__file__).resolve().parent.parent / "katas"
LINEAR = KATAS / "custom-linear"
XAVIER = KATAS / "xavier-uniform"

LINEAR_TEMPLATE = """
import torch
from torch import nn
{imports}

class CustomLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-0.5, 0.5))
        self.bias = nn.Parameter(torch.empty(out_features).uniform_(-0.5, 0.5)) if bias else None

    def forward(self, x):
        {body}
{tail}
"""


def linear(tmp_path: Path, body: str, imports: str = "", tail: str = "") -> Path:
    path = tmp_path / "submission.py"
    path.write_text(LINEAR_TEMPLATE.format(imports=imports, body=body, tail=textwrap.dedent(tail)))
    return path


def forbidden_check(report):
    return next(t for t in report.tests if t.kind == "forbidden")


@pytest.mark.parametrize("name, imports, body, says", [
    ("torch.ops", "", "return torch.ops.aten.linear(x, self.weight, self.bias)", "torch.ops"),
    ("computed getattr", "import torch.nn.functional as F",
     "return getattr(F, 'lin' + 'ear')(x, self.weight, self.bias)", "torch.nn.functional.linear"),
    ("alias through a dict", "import torch.nn.functional as F",
     "return vars(F)['line' + 'ar'](x, self.weight, self.bias)", "torch.nn.functional.linear"),
    ("a module built inside", "", "return nn.Linear(1, 1)(x[..., :1]) * 0 + x @ self.weight.t() + "
     "(self.bias if self.bias is not None else 0)", "torch.nn.Linear"),
])
def test_forbidden_api_reached_another_way_still_fails(tmp_path, grading_pool, name, imports, body, says):
    report = grading_pool.grade(LINEAR, linear(tmp_path, body, imports))
    check = forbidden_check(report)
    assert report.status == "fail" and check.status == "fail", report.to_text()
    assert says in check.message, check.message


def test_reloading_the_library_does_not_hide_the_call(tmp_path, grading_pool):
    path = tmp_path / "submission.py"
    path.write_text(textwrap.dedent("""
        import importlib
        import torch.nn.init as init

        fresh = importlib.reload(init)

        def xavier_uniform_(tensor, gain=1.0):
            return fresh.xavier_uniform_(tensor, gain=gain)
        """))
    report = grading_pool.grade(XAVIER, path)
    check = forbidden_check(report)
    assert check.status == "fail", report.to_text()
    assert "called torch.nn.init" in check.message       # seen at run time, by its code
    assert "line 5: uses importlib" in check.message or "line 2: uses importlib" in check.message


def test_reloading_functional_ends_in_a_verdict_that_names_the_rule(tmp_path, grading_pool):
    body = "return torch.matmul(x, self.weight.t()) + (self.bias if self.bias is not None else 0)"
    report = grading_pool.grade(LINEAR, linear(
        tmp_path, body, "import importlib\nimport torch.nn.functional as F\nF = importlib.reload(F)"))
    assert report.status in ("fail", "error"), report.to_text()
    check = forbidden_check(report)
    assert check.status == "fail" and "importlib" in check.message and "reflection" in check.message


def test_a_demo_block_comparing_with_the_library_is_not_punished(tmp_path, grading_pool):
    body = "return torch.matmul(x, self.weight.t()) + (self.bias if self.bias is not None else 0)"
    tail = """
        if __name__ == "__main__":
            import torch.nn.functional as F
            layer = CustomLinear(3, 2)
            x = torch.randn(4, 3)
            assert torch.allclose(layer(x), F.linear(x, layer.weight, layer.bias))
            print(nn.Linear(3, 2))
        """
    report = grading_pool.grade(LINEAR, linear(tmp_path, body, tail=tail))
    assert report.status == "pass", report.to_text()


def test_reflection_is_flagged_with_its_line():
    source = textwrap.dedent("""
        import sys, gc
        import ctypes
        def f(x):
            frame = sys._getframe().f_back
            sys.setprofile(None)
            return __import__("torch").ops.aten.add(x, x)
        """)
    found = {(hit.line, hit.name.split(" ")[0]) for hit in forbidden.reflection(source)}
    assert {(2, "gc"), (3, "ctypes"), (5, "sys._getframe"), (5, ".f_back"), (6, "sys.setprofile"),
            (7, "__import__")} <= found


def test_a_kata_may_allow_some_reflection(tmp_path, grading_pool):
    kata = tmp_path / "custom-linear"
    shutil.copytree(LINEAR, kata)
    yaml_text = (kata / "kata.yaml").read_text()
    (kata / "kata.yaml").write_text(yaml_text.replace(
        "    ops: [torch.nn.functional.linear]\n", "    ops: [torch.nn.functional.linear]\n    allow: [importlib]\n"))
    body = "return torch.matmul(x, self.weight.t()) + (self.bias if self.bias is not None else 0)"
    ordinary = linear(tmp_path, body, "import importlib\nmath = importlib.import_module('math')")
    assert grading_pool.grade(kata, ordinary).status == "pass"
    assert grading_pool.grade(LINEAR, ordinary).status == "fail"   # the real kata allows none


def test_a_raising_function_is_reported_once(tmp_path, grading_pool):
    report = grading_pool.grade(LINEAR, linear(tmp_path, "raise ValueError('boom')"))
    raised = [t for t in report.tests if t.message and t.message.startswith("trial")
              and "raised ValueError: boom" in t.message]
    pointers = [t for t in report.tests if t.message and t.message.startswith("could not run")]
    assert len(raised) == 1 and pointers, report.to_text()
    assert all(f"(see '{raised[0].name}')" in t.message for t in pointers)


def test_an_empty_file_fails_every_check_with_one_reason(tmp_path, grading_pool):
    path = tmp_path / "empty.py"
    path.write_text("")
    report = grading_pool.grade(LINEAR, path)
    assert report.status == "fail" and "empty" in report.message
    assert all(t.status == "fail" for t in report.tests), report.to_text()   # no credit for nothing


@pytest.mark.parametrize("content, says", [(b"\x00\x01binary", "binary"), (b"\xff\xfe x = 1", "UTF-8"),
                                           (b"def f(:\n", "syntax error at line 1")])
def test_a_file_that_is_not_python_gets_a_reason(tmp_path, grading_pool, content, says):
    path = tmp_path / "odd.py"
    path.write_bytes(content)
    report = grading_pool.grade(LINEAR, path)
    assert report.status == "error" and says in report.message
