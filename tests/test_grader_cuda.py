"""The grader's CUDA path: inputs on the GPU, per-device tolerances, device checks.

Skipped on machines without a CUDA device.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from grader.core import grade

KATAS = Path(__file__).resolve().parent.parent / "katas"

pytestmark = [pytest.mark.cuda,
              pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")]


@pytest.mark.parametrize("kata", ["mm-vs-matmul", "custom-linear", "xavier-uniform"])
def test_reference_passes_on_cuda(kata):
    report = grade(KATAS / kata, KATAS / kata / "reference.py", device="cuda")
    assert report.device == "cuda"
    assert report.status == "pass", report.to_text()


def test_auto_picks_cuda_when_present():
    kata = KATAS / "mm-vs-matmul"
    assert grade(kata, kata / "reference.py", device="auto").device == "cuda"


def test_wrong_submission_fails_on_cuda_with_figures():
    kata = KATAS / "custom-linear"
    report = grade(kata, kata / "wrong" / "forgot_bias.py", device="cuda")
    assert report.status == "fail"
    failed = [t for t in report.tests if t.status == "fail"]
    assert any(t.kind == "outputs" and t.figures.get("mismatched") for t in failed), report.to_text()


def test_output_left_on_the_cpu_fails_the_device_check(tmp_path):
    source = tmp_path / "cpu_only.py"
    source.write_text(
        "import torch\n"
        "def project(x, w):\n    return torch.mm(x.cpu(), w.cpu())\n"
        "def batch_project(x, w):\n    return torch.matmul(x, w)\n"
        "def attention_scores(q, k):\n    return torch.bmm(q, k.transpose(1, 2))\n"
        "def similarity(u, v):\n    return torch.dot(u, v)\n")
    report = grade(KATAS / "mm-vs-matmul", source, device="cuda")
    assert report.status == "fail"
    assert "device" in report.to_text()
