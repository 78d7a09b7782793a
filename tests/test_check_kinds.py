"""Every check kind, on the small fixture kata ``tests/fixtures/katas/every-kind``: a correct
submission passes it, and a submission with the mistake that kind is there to catch fails it,
with a reason that says what to fix. A kata's ``why`` is shown in the grade's language.

Each submission is the kata's reference with one function redefined at the end of the file (the
later definition is the one the grader calls), so each test changes exactly one thing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader.checks import KINDS, Custom
from grader.kata import CHECK_KINDS, load_kata
from grader.pool import UsageError

KATA = Path(__file__).parent / "fixtures" / "katas" / "every-kind"
REFERENCE = (KATA / "reference.py").read_text(encoding="utf-8")

#: A candidate's correct solution, written differently from the reference wherever it can be.
CANDIDATE = '''
def center(x):
    if not x.shape:
        raise ValueError("a 0-dim tensor has no last dim")
    return x - x.sum(-1, keepdim=True).div(x.size(-1))


def relu_(x):
    x[x < 0] = 0
    return x


def uniform_fill_(t, bound):
    with torch.no_grad():
        t.copy_(torch.rand_like(t) * (2 * bound) - bound)
    return t


def project(x, w):
    return x.mm(w)


def sgd_step(params, lr):
    for p in params:
        p.data.add_(p.grad, alpha=-lr)


class Scale(nn.Module):
    def __init__(self, features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(features).fill_(1.0))
        if bias:
            self.bias = nn.Parameter(torch.zeros(features))
        else:
            self.register_parameter("bias", None)

    def forward(self, x):
        return x * self.weight if self.bias is None else x * self.weight + self.bias
'''

#: kind, the check's name in the report, the mistake (a redefinition), what the failure says.
MISTAKES = [
    ("forbidden", "does not use torch.mean", '''
        def center(x):
            if x.dim() == 0:
                raise ValueError("0-dim")
            return x - x.mean(dim=-1, keepdim=True)
        ''', "called Tensor.mean at run time"),
    ("outputs", "outputs match the reference (center)", '''
        def center(x):
            if x.dim() == 0:
                raise ValueError("0-dim")
            return x - x.sum(0, keepdim=True) / x.shape[0]
        ''', "likely cause: centred over the first dim instead of the last"),
    ("gradients", "gradients match reference autograd (center)", '''
        def center(x):
            if x.dim() == 0:
                raise ValueError("0-dim")
            return (x - x.sum(-1, keepdim=True) / x.shape[-1]).detach()
        ''', "not connected to the autograd graph"),
    ("mutation", "does not modify its inputs (center)", '''
        def center(x):
            if x.dim() == 0:
                raise ValueError("0-dim")
            return x.sub_(x.sum(-1, keepdim=True) / x.shape[-1])
        ''', "input 0 was modified in place"),
    ("mutation", "relu_ works in place and returns its input", '''
        def relu_(x):
            return torch.relu(x)
        ''', "must return the same tensor object it was given"),
    ("dtype", "output dtype follows the input dtype (center)", '''
        def center(x):
            if x.dim() == 0:
                raise ValueError("0-dim")
            return (x - x.sum(-1, keepdim=True) / x.shape[-1]).float()
        ''', "with float64 inputs"),
    ("device", "works on any device (meta) (center)", '''
        def center(x):
            if x.dim() == 0:
                raise ValueError("0-dim")
            ones = torch.ones(x.shape[-1])  # on the CPU, whatever x's device
            return x - (x * ones).sum(-1, keepdim=True) / x.shape[-1]
        ''', "on the meta device\nhint: create new tensors with device=x.device"),
    ("raises", "rejects invalid input with the right exception (center)", '''
        def center(x):
            return x - x.sum(dim=-1, keepdim=True) / x.shape[-1]  # no check of x.dim()
        ''', "expected ValueError"),
    ("structure", "module structure (parameters, buffers, state_dict) (Scale)", '''
        class Scale(nn.Module):
            def __init__(self, features, bias=True):
                super().__init__()
                self.weight = torch.ones(features)
                self.bias = nn.Parameter(torch.zeros(features)) if bias else None

            def forward(self, x):
                return x * self.weight + (self.bias if self.bias is not None else 0)
        ''', "missing parameter `weight` (assign an nn.Parameter to self.weight)"),
    ("statistics", "random values follow the expected distribution (uniform_fill_)", '''
        def uniform_fill_(t, bound):
            with torch.no_grad():
                return t.uniform_(0, bound)
        ''', "mean test failed"),
    ("operators", "uses the right operator for each shape", '''
        def project(x, w):
            return torch.matmul(x, w)
        ''', "project: must use torch.mm"),
    ("custom", "sgd_step lowers the loss", '''
        def sgd_step(params, lr):
            with torch.no_grad():
                for p in params:
                    p.add_(lr * p.grad)  # climbs the gradient
        ''', "it should fall"),
    ("behaviour", "sgd_step updates the given tensors in place", '''
        def sgd_step(params, lr):
            for p in params:
                p = p - lr * p.grad  # a new tensor; the model's parameter stays as it was
        ''', "the given parameter did not change"),
]


def write(tmp_path: Path, name: str, code: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(REFERENCE + "\n\n" + textwrap.dedent(code), encoding="utf-8")
    return path


def check(report, name: str):
    found = [t for t in report.tests if t.name == name]
    assert len(found) == 1, f"no single check named {name!r}: {[t.name for t in report.tests]}"
    return found[0]


@pytest.fixture(scope="module")
def correct_reports(grading_pool, tmp_path_factory):
    """The reference and a differently written correct solution, graded once for every test."""
    folder = tmp_path_factory.mktemp("correct")
    return {"reference": grading_pool.grade(KATA, KATA / "reference.py", device="cpu"),
            "candidate": grading_pool.grade(KATA, write(folder, "candidate", CANDIDATE), device="cpu")}


def test_the_fixture_kata_has_a_check_of_every_kind():
    kinds = {c.kind for c in load_kata(KATA).spec.checks}
    assert kinds == set(CHECK_KINDS) and {m[0] for m in MISTAKES} == set(CHECK_KINDS)


@pytest.mark.parametrize("submission", ["reference", "candidate"])
def test_correct_submissions_pass_every_check(correct_reports, submission):
    report = correct_reports[submission]
    assert report.status == "pass", report.to_text()
    assert [t.status for t in report.tests] == ["pass"] * len(MISTAKES)


@pytest.mark.parametrize("kind, name", [(kind, name) for kind, name, _, _ in MISTAKES],
                         ids=[f"{kind}: {name}" for kind, name, _, _ in MISTAKES])
def test_each_check_passes_correct_code(correct_reports, kind, name):
    for report in correct_reports.values():
        result = check(report, name)
        assert (result.kind, result.status) == (kind, "pass"), result.message


@pytest.mark.parametrize("kind, name, mistake, reason", MISTAKES,
                         ids=[f"{kind}: {name}" for kind, name, _, _ in MISTAKES])
def test_each_check_fails_its_mistake_and_says_why(grading_pool, tmp_path, kind, name, mistake, reason):
    report = grading_pool.grade(KATA, write(tmp_path, "mistake", mistake), device="cpu")
    result = check(report, name)
    assert report.status == "fail", report.to_text()
    assert (result.kind, result.status) == (kind, "fail"), report.to_text()
    assert reason in result.message, result.message


def test_behaviour_is_the_older_name_of_custom():
    spec = load_kata(KATA).spec
    custom = {c.kind: type(c) for c in spec.checks if c.kind in ("custom", "behaviour")}
    assert custom["custom"] is custom["behaviour"]
    assert KINDS[custom["behaviour"]] is Custom


# --------------------------------------------------------------------------------------------
# why, in the grade's language

FORBIDDEN = next(m for m in MISTAKES if m[0] == "forbidden")
OPERATORS = next(m for m in MISTAKES if m[0] == "operators")


@pytest.mark.parametrize("lang, forbidden_why, operator_why", [
    ("ko", "이유: 평균을 직접 계산하는 연습입니다.",
     "mm인 이유: 2차원 × 2차원에는 브로드캐스팅하지 않는 mm이 맞습니다."),
    ("en", "why: the kata is about computing the mean yourself.",
     "why mm: 2-D by 2-D calls for mm, which never broadcasts."),
])
def test_why_is_shown_in_the_grades_language(grading_pool, tmp_path, lang, forbidden_why, operator_why):
    code = textwrap.dedent(FORBIDDEN[2]) + textwrap.dedent(OPERATORS[2])
    report = grading_pool.grade(KATA, write(tmp_path, "both", code), device="cpu", lang=lang)
    assert forbidden_why in check(report, FORBIDDEN[1]).message
    assert operator_why in next(t for t in report.tests if t.kind == "operators").message  # named in lang
    other = "the kata is about" if lang == "ko" else "평균을"
    assert other not in report.to_text()
    assert set(report.to_json()) >= {"version", "status", "message", "tests"}  # keys stay English


def test_a_pool_refuses_an_unknown_language():
    from grader.pool import Pool

    with pytest.raises(UsageError, match="unknown language 'fr'"):
        Pool(1, device="cpu", lang="fr")


def test_a_grade_refuses_an_unknown_language(grading_pool):
    with pytest.raises(UsageError, match="unknown language 'de'"):
        grading_pool.grade(KATA, KATA / "reference.py", device="cpu", lang="de")
