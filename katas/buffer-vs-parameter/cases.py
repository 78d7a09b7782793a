"""Cases for buffer-vs-parameter: feature counts from 1 up, batches with non-zero means and
non-unit spreads (so the running statistics move visibly), train and eval mode."""

import importlib.util
from pathlib import Path

import torch
import torch.nn.functional as F

from grader.cases import Case, randn

SIZES = [(4, {}), (1, {}), (7, {"momentum": 0.3}), (3, {"eps": 1e-3})]


def _batch(n, c, seed, shift=1.5, scale=2.5):
    shifts = torch.linspace(-shift, shift, c)
    return randn(n, c, seed=seed) * scale + shifts


def _reference():
    spec = importlib.util.spec_from_file_location("_buffer_vs_parameter_ref", Path(__file__).with_name("reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checked(cases):
    """The checks compare with reference.py; make sure it behaves like F.batch_norm without affine."""
    reference = _reference()
    for case in cases:
        c = case.init_args[0]
        kw = {"momentum": 0.1, "eps": 1e-5, **case.init_kwargs}
        mine = reference.RunningNorm(c, **case.init_kwargs).double()
        mean, var = torch.zeros(c, dtype=torch.float64), torch.ones(c, dtype=torch.float64)
        for training in (True, True, False):
            mine.train(training)
            x = case.args[0].double()
            want = F.batch_norm(x, mean, var, training=training, momentum=kw["momentum"], eps=kw["eps"])
            got = mine(x)
            assert torch.allclose(got, want, atol=1e-10), case.label
            assert torch.allclose(mine.running_mean, mean) and torch.allclose(mine.running_var, var), case.label
    return cases


def structure_cases():
    return [Case(init_args=[c], init_kwargs=kw, label=f"RunningNorm({c}{''.join(f', {k}={v}' for k, v in kw.items())})",
                 seed=i) for i, (c, kw) in enumerate(SIZES)]


def forward_cases(grad=False):
    cases = []
    seed = 500
    for c, kw in SIZES:
        for n in (2, 5, 16):
            seed += 1
            cases.append(Case(init_args=[c], init_kwargs=kw, args=[_batch(n, c, seed)], seed=seed,
                              grad=(0,) if grad else (), label=f"train mode, batch of {n}"))
    return _checked(cases)


def eval_cases():
    return [Case(init_args=[c], init_kwargs=kw, args=[_batch(6, c, 600 + i)], seed=600 + i, eval=True,
                 label="eval mode on a fresh module (running mean 0, running var 1)")
            for i, (c, kw) in enumerate(SIZES[:2])]


def gradient_cases():
    return [c for i, c in enumerate(forward_cases(grad=True)) if i % 2 == 0]


def dtype_cases():
    return forward_cases()[6:8]


def running_cases():
    specs = [(3, None, (8, 8, 8), (5, 1)), (5, 0.3, (4, 16, 2), (7,)), (1, 0.05, (10, 3), (2, 4))]
    cases = []
    for i, (c, momentum, train_sizes, eval_sizes) in enumerate(specs):
        seed = 700 + 10 * i
        train = [_batch(n, c, seed + j, shift=2.0 + j, scale=1.5 + j) for j, n in enumerate(train_sizes)]
        evals = [_batch(n, c, seed + 5 + j) for j, n in enumerate(eval_sizes)]
        kwargs = {"num_features": c, "train_batches": train, "eval_batches": evals}
        if momentum is not None:
            kwargs["momentum"] = momentum
        label = f"RunningNorm({c}{'' if momentum is None else f', momentum={momentum}'}): " \
                f"{len(train)} train batches, then {len(evals)} eval batches"
        cases.append(Case(kwargs=kwargs, seed=seed, label=label))
    return cases


def _differs(got, want):
    if got is None:
        return "missing"
    if tuple(got.shape) != tuple(want.shape):
        return f"shape {tuple(got.shape)}, expected {tuple(want.shape)}"
    a, b = got.double(), want.double()
    if not torch.allclose(a, b, rtol=1e-4, atol=1e-5):
        if a.dim() == 1:
            return f"{[round(v, 5) for v in a.tolist()]}, expected {[round(v, 5) for v in b.tolist()]}"
        diff = (a - b).abs()
        at = tuple(int(i) for i in torch.unravel_index(diff.argmax(), diff.shape))
        return (f"off by up to {float(diff.max()):.4g} (at index {at}: got {float(a[at]):.5g}, "
                f"expected {float(b[at]):.5g})")
    return None


def check_running(case, value, *, reference, **_):
    params, buffers = value["parameters"], value["buffers"]
    names = ["running_mean", "running_var"]
    if params:
        return False, (f"parameters() returns {params}: running statistics must be buffers "
                       "(self.register_buffer), not nn.Parameter; an optimizer would treat them as weights"), {}
    missing = [n for n in names if n not in buffers]
    if missing:
        return False, (f"{missing} not registered as buffers (buffers: {buffers}): a plain tensor attribute is "
                       "left out of state_dict and is not moved by .to() / .cuda()"), {}
    if value["state_dict"] != names:
        return False, (f"state_dict keys {value['state_dict']}, expected {names} (registered in that order, "
                       "persistent)"), {}
    for name, dtype in value["dtype_after_to"].items():
        if dtype != "torch.float64":
            return False, f"after .to(torch.float64), {name} is {dtype}: buffers must follow the module", {}

    kw = case.kwargs
    ref = reference.RunningNorm(kw["num_features"], **({} if "momentum" not in kw else {"momentum": kw["momentum"]}))
    for name, start in (("running_mean", ref.running_mean), ("running_var", ref.running_var)):
        problem = _differs(value["initial"][name], start)
        if problem:
            return False, f"freshly built, {name} is {problem} (start from zeros for the mean, ones for the variance)", {}
    ref.train()
    for step, (x, got) in enumerate(zip(kw["train_batches"], value["train"]), start=1):
        out = ref(x.clone())
        for name in names:
            if got[name + ":requires_grad"]:
                return False, (f"after train batch {step}, {name} requires grad: the update recorded autograd "
                               "history (the graph would grow with every batch); update the buffers under "
                               "torch.no_grad() or from detached statistics"), {}
            problem = _differs(got[name], getattr(ref, name))
            if problem:
                extra = (" (the running variance uses the unbiased batch variance, divided by N - 1)"
                         if name == "running_var" else "")
                return False, (f"after train batch {step} (of {x.shape[0]} rows), {name} is {problem}; expected "
                               f"(1 - momentum) * old + momentum * batch statistic{extra}"), {}
        problem = _differs(got["out"], out)
        if problem:
            return False, f"train-mode output for batch {step} is {problem}", {}
    ref.eval()
    with torch.no_grad():
        for step, (x, got) in enumerate(zip(kw["eval_batches"], value["eval"]), start=1):
            out = ref(x.clone())
            for name in names:
                problem = _differs(got[name], getattr(ref, name))
                if problem:
                    return False, (f"in eval mode, batch {step} changed {name} (now {problem}): the running "
                                   "statistics are updated in train mode only"), {}
            problem = _differs(got["out"], out)
            if problem:
                return False, (f"eval-mode output for batch {step} is {problem}; in eval mode normalise with the "
                               "running statistics, not the batch's own"), {}
    return True, "", {}
