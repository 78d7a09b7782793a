"""Cases for batchnorm-running-stats.

Batches have per-channel means and spreads that differ from channel to channel and from batch to
batch, so the running statistics move visibly and statistics over the wrong dims give wrong values.
(N, C, L) inputs come contiguous and as the usual non-contiguous (N, L, C).transpose(1, 2) view.
The reference is checked against torch.nn.BatchNorm1d here, and the state_dict check judges the
submission against torch.nn.BatchNorm1d itself.
"""

import functools
import importlib.util
from pathlib import Path

import torch

from grader.cases import Case, randn

NAMES = ("running_mean", "running_var", "num_batches_tracked")


def _batch(*shape, seed, shift=1.5, scale=2.5, dtype=torch.float32):
    """(N, C) or (N, C, L) values whose mean and spread differ per channel (dim 1)."""
    c = shape[1]
    view = (1, c) + (1,) * (len(shape) - 2)
    shifts = torch.linspace(-shift, shift, c, dtype=torch.float64).view(view)
    scales = torch.linspace(0.5, 1.5, c, dtype=torch.float64).view(view) * scale
    return (randn(*shape, seed=seed, dtype=torch.float64) * scales + shifts).to(dtype)


def _channels_last(n, c, length, seed):
    """An (N, C, L) input laid out as (N, L, C) in memory: the non-contiguous view a transpose gives."""
    return _batch(n, c, length, seed=seed).transpose(1, 2).contiguous().transpose(1, 2)


def _reference():
    spec = importlib.util.spec_from_file_location("_batchnorm_running_stats_ref",
                                                  Path(__file__).with_name("reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _torch_bn(num_features, init_kwargs, dtype=torch.float64):
    return torch.nn.BatchNorm1d(num_features, **init_kwargs).to(dtype)


def _checked(cases):
    """The checks compare with reference.py: make sure it agrees with torch.nn.BatchNorm1d."""
    reference = _reference()
    for case in cases:
        c, kw = case.init_args[0], case.init_kwargs
        mine, theirs = reference.BatchNorm1d(c, **kw).double(), _torch_bn(c, kw)
        with torch.no_grad():
            for module in (mine, theirs):
                module.weight.copy_(torch.linspace(0.5, 2.0, c))
                module.bias.copy_(torch.linspace(-1.0, 1.0, c))
        x = case.args[0].double()
        for training in ((False,) if case.eval else (True, True, False)):
            mine.train(training)
            theirs.train(training)
            assert torch.allclose(mine(x), theirs(x), atol=1e-10), case.label
            for key, value in theirs.state_dict().items():
                assert torch.allclose(mine.state_dict()[key].double(), value.double(), atol=1e-12), (case.label, key)
    return cases


SIZES = [(4, {}), (1, {}), (7, {"momentum": 0.3}), (3, {"eps": 1e-3})]


def _describe(c, kw):
    return f"BatchNorm1d({c}{''.join(f', {k}={v}' for k, v in kw.items())})"


def structure_cases():
    return [Case(init_args=[c], init_kwargs=kw, label=_describe(c, kw), seed=i) for i, (c, kw) in enumerate(SIZES)]


def forward_cases(grad=False):
    return list(_forward_cases(grad))


@functools.lru_cache(maxsize=None)
def _forward_cases(grad):
    cases = []
    seed = 800
    for c, kw in SIZES:
        shapes = [(2, c), (5, c), (16, c), (1, c, 7), (4, c, 1), (3, c, 5)]
        for shape in shapes:
            seed += 1
            cases.append(Case(init_args=[c], init_kwargs=kw, args=[_batch(*shape, seed=seed)], seed=seed,
                              grad=(0,) if grad else (),
                              label=f"train mode, {_describe(c, kw)}, input {'x'.join(map(str, shape))}"))
    for c, kw in SIZES[2:]:
        seed += 1
        cases.append(Case(init_args=[c], init_kwargs=kw, args=[_channels_last(3, c, 6, seed)], seed=seed,
                          grad=(0,) if grad else (),
                          label=f"train mode, {_describe(c, kw)}, (N, C, L) input transposed from (N, L, C)"))
    return tuple(_checked(cases))


def eval_cases():
    cases = []
    for i, (shape, (c, kw)) in enumerate([((6, 4), SIZES[0]), ((1, 4), SIZES[0]), ((3, 7, 5), SIZES[2]),
                                          ((1, 3, 1), SIZES[3]), ((2, 1, 4), SIZES[1])]):
        seed = 850 + i
        cases.append(Case(init_args=[c], init_kwargs=kw, args=[_batch(*shape, seed=seed)], seed=seed, eval=True,
                          label=f"eval mode on a fresh {_describe(c, kw)} (running mean 0, running var 1), "
                                f"input {'x'.join(map(str, shape))}"))
    return _checked(cases)


def gradient_cases():
    cases = forward_cases(grad=True)
    return [c for i, c in enumerate(cases) if i % 3 == 0] + cases[-1:]


def dtype_cases():
    cases = forward_cases()
    return [cases[1], cases[5], cases[-1], eval_cases()[2]]


def device_cases():
    cases = forward_cases()
    return [cases[1], cases[5], eval_cases()[2]]


def invalid_cases():
    return [Case(init_args=[3], args=[_batch(*shape, seed=870 + i)], seed=870 + i,
                 label=f"train mode, input {'x'.join(map(str, shape))}: one value per channel",
                 expect={"raises": "ValueError"})
            for i, shape in enumerate([(1, 3), (1, 3, 1)])]


# ------------------------------------------------------------------ several batches

def _run_kwargs(c, kw, train, evals, state=None):
    kwargs = {"num_features": c, "init_kwargs": kw, "train_batches": train, "eval_batches": evals}
    if state is not None:
        kwargs["state"] = state
    return kwargs


def running_cases():
    specs = [
        (3, {}, [(8, 3), (8, 3), (8, 3)], [(5, 3), (1, 3)]),
        (4, {"momentum": 0.3}, [(4, 4, 6), (2, 4, 3), (5, 4, 1)], [(3, 4, 5), (1, 4, 1)]),
        (2, {"momentum": 0.05, "eps": 1e-3}, [(10, 2), (3, 2, 4), (2, 2)], [(2, 2, 7)]),
        (1, {"momentum": 0.5}, [(6, 1), (1, 1, 9)], [(4, 1)]),
    ]
    cases = []
    for i, (c, kw, train_shapes, eval_shapes) in enumerate(specs):
        seed = 900 + 10 * i
        train = [_batch(*s, seed=seed + j, shift=2.0 + j, scale=1.5 + j) for j, s in enumerate(train_shapes)]
        evals = [_batch(*s, seed=seed + 5 + j) for j, s in enumerate(eval_shapes)]
        label = (f"{_describe(c, kw)}: train batches {', '.join('x'.join(map(str, s)) for s in train_shapes)}, "
                 f"then eval batches {', '.join('x'.join(map(str, s)) for s in eval_shapes)}")
        cases.append(Case(kwargs=_run_kwargs(c, kw, train, evals), seed=seed, label=label))
    return cases


def torch_state_cases():
    """A state_dict saved from torch.nn.BatchNorm1d (learnt weight and bias, trained statistics)."""
    cases = []
    for i, (c, kw, train_shapes, eval_shapes) in enumerate([
            (5, {}, [(6, 5, 3)], [(4, 5), (2, 5, 3)]),
            (3, {"momentum": 0.2}, [(7, 3), (2, 3, 4)], [(5, 3, 2)])]):
        seed = 950 + 10 * i
        source = _torch_bn(c, kw, torch.float32)
        g = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            source.weight.copy_(torch.randn(c, generator=g) * 0.5 + 1.0)
            source.bias.copy_(torch.randn(c, generator=g))
            for j in range(3):
                source(_batch(8, c, seed=seed + 100 + j, shift=1.0 + j))
        state = {k: v.detach().clone() for k, v in source.state_dict().items()}
        train = [_batch(*s, seed=seed + j, shift=2.5) for j, s in enumerate(train_shapes)]
        evals = [_batch(*s, seed=seed + 5 + j) for j, s in enumerate(eval_shapes)]
        cases.append(Case(kwargs=_run_kwargs(c, kw, train, evals, state), seed=seed,
                          label=f"{_describe(c, kw)} loaded from a trained torch.nn.BatchNorm1d's state_dict "
                                f"(num_batches_tracked {int(state['num_batches_tracked'])}), then "
                                f"{len(train)} train and {len(evals)} eval batches"))
    return cases


def _replay(module, kwargs):
    """What a correct module does with the probe's batches: per batch, the output and the statistics."""
    if kwargs.get("state") is not None:
        module.load_state_dict(kwargs["state"])
    steps = {"train": [], "eval": []}
    module.train()
    for x in kwargs["train_batches"]:
        out = module(x.clone())
        steps["train"].append({"out": out.detach(), **{n: getattr(module, n).detach().clone() for n in NAMES}})
    module.eval()
    with torch.no_grad():
        for x in kwargs["eval_batches"]:
            out = module(x.clone())
            steps["eval"].append({"out": out, **{n: getattr(module, n).detach().clone() for n in NAMES}})
    return steps


def _differs(got, want, rtol=1e-4, atol=1e-5):
    if got is None:
        return "missing"
    if tuple(got.shape) != tuple(want.shape):
        return f"of shape {tuple(got.shape)}, expected {tuple(want.shape)}"
    a, b = got.double(), want.double()
    if not torch.allclose(a, b, rtol=rtol, atol=atol):
        if a.dim() <= 1:
            values = a.flatten().tolist()
            expected = b.flatten().tolist()
            return f"{[round(v, 5) for v in values]}, expected {[round(v, 5) for v in expected]}"
        diff = (a - b).abs()
        at = tuple(int(i) for i in torch.unravel_index(diff.argmax(), diff.shape))
        return (f"off by up to {float(diff.max()):.4g} (at index {at}: got {float(a[at]):.5g}, "
                f"expected {float(b[at]):.5g})")
    return None


def _variant_stats(kwargs, variant):
    """running_mean / running_var after each train batch for a known mistake (no state loaded)."""
    c, kw = kwargs["num_features"], kwargs["init_kwargs"]
    m = kw.get("momentum", 0.1)
    mean, var = torch.zeros(c, dtype=torch.float64), torch.ones(c, dtype=torch.float64)
    result = []
    for x in kwargs["train_batches"]:
        x = x.double()
        dims = (0,) if x.dim() == 2 else (0, 2)
        n = x.numel() // c
        batch_mean = x.mean(dims)
        batch_var = x.var(dims, correction=0 if variant == "biased" else 1)
        if variant == "reversed":
            mean, var = m * mean + (1 - m) * batch_mean, m * var + (1 - m) * batch_var
        else:
            mean, var = (1 - m) * mean + m * batch_mean, (1 - m) * var + m * batch_var
        result.append((mean.clone(), var.clone(), n))
    return result


VARIANTS = {
    "biased": "the running variance was updated with the biased batch variance (divided by N·L); it takes the "
              "unbiased one, divided by N·L - 1, while the output is normalised with the biased one",
    "reversed": "the momentum is applied the wrong way round: new = (1 - momentum)·batch + momentum·old; it is "
                "new = (1 - momentum)·old + momentum·batch, so with momentum 0.1 the batch contributes 10%",
}


def _diagnose(kwargs, value, step):
    if kwargs.get("state") is not None:
        return ""
    for variant, why in VARIANTS.items():
        mean, var, _ = _variant_stats(kwargs, variant)[step]
        got = value["train"][step]
        if got["running_var"] is not None and _differs(got["running_var"], var) is None and (
                variant == "biased" or _differs(got["running_mean"], mean) is None):
            return f"\nlikely cause: {why}"
    return ""


def _initial_problem(value, c):
    initial = value["initial"]
    for name, want in (("running_mean", torch.zeros(c)), ("running_var", torch.ones(c))):
        problem = _differs(initial[name], want, 0, 0)
        if problem:
            return f"freshly built, {name} is {problem} (running_mean starts at zeros, running_var at ones)"
    count = initial["num_batches_tracked"]
    if count is None:
        return f"num_batches_tracked is {initial.get('num_batches_tracked:type')}; register it as a buffer"
    if initial["num_batches_tracked:dtype"] != "torch.int64" or count.shape != () or int(count) != 0:
        return (f"freshly built, num_batches_tracked is {count.tolist()} ({initial['num_batches_tracked:dtype']}, "
                f"shape {tuple(count.shape)}); it starts as torch.tensor(0, dtype=torch.long), like torch's")
    params = value["initial_params"]
    for name, want in (("weight", torch.ones(c)), ("bias", torch.zeros(c))):
        if name in params and _differs(params[name], want, 0, 0):
            return f"freshly built, {name} is {_differs(params[name], want, 0, 0)} (weight starts at ones, bias at zeros)"
    return None


def _batches_problem(case, value, steps, phase, check_outputs):
    """The first difference in one phase ('train' or 'eval'), as a message, or None."""
    batches = case.kwargs[f"{phase}_batches"]
    if len(value[phase]) != len(batches):
        return f"the probe ran {len(value[phase])} {phase} batches, expected {len(batches)}"
    start = case.kwargs["state"]["num_batches_tracked"] if case.kwargs.get("state") is not None else 0
    for step, (x, got, want) in enumerate(zip(batches, value[phase], steps[phase]), start=1):
        what = f"after {phase} batch {step} (input {'x'.join(map(str, x.shape))})"
        for name in NAMES[:2]:
            if got[name] is not None and got[name + ":requires_grad"]:
                return (f"{what}, {name} requires grad: the update recorded autograd history (the graph "
                        "would grow with every batch); update the buffers under torch.no_grad()")
            problem = _differs(got[name], want[name])
            if problem:
                if phase == "eval":
                    return (f"{what}, {name} is {problem}: eval mode must leave the running statistics alone")
                return (f"{what}, {name} is {problem}; expected (1 - momentum)·old + momentum·batch statistic"
                        + (" (the unbiased batch variance, divided by N·L - 1)" if name == "running_var" else "")
                        + _diagnose(case.kwargs, value, step - 1))
        count, want_count = got["num_batches_tracked"], int(want["num_batches_tracked"])
        if count is None or count.shape != () or int(count) != want_count:
            shown = None if count is None else count.tolist()
            rule = ("eval mode does not count batches" if phase == "eval" else
                    f"it counts train-mode forward calls: {int(start)} before, plus {step}")
            return f"{what}, num_batches_tracked is {shown}, expected {want_count} ({rule})"
        if got["num_batches_tracked:dtype"] != "torch.int64":
            return f"{what}, num_batches_tracked has dtype {got['num_batches_tracked:dtype']}; keep it torch.long"
        if check_outputs:
            problem = _differs(got["out"], want["out"])
            if problem:
                extra = ("; eval mode normalises with running_mean and running_var, not with the batch's own "
                         "statistics" if phase == "eval" else "")
                return f"the {phase}-mode output for batch {step} is {problem}{extra}"
    return None


def check_running(case, value, *, reference, **_):
    c = case.kwargs["num_features"]
    problem = _initial_problem(value, c)
    if problem:
        return False, problem, {}
    steps = _replay(reference.BatchNorm1d(c, **case.kwargs["init_kwargs"]), case.kwargs)
    problem = _batches_problem(case, value, steps, "train", check_outputs=False)
    return (False, problem, {}) if problem else (True, "", {})


def check_eval(case, value, *, reference, **_):
    c = case.kwargs["num_features"]
    steps = _replay(reference.BatchNorm1d(c, **case.kwargs["init_kwargs"]), case.kwargs)
    train_problem = _batches_problem(case, value, steps, "train", check_outputs=True)
    if train_problem:  # eval mode judged on top of wrong training would blame the wrong thing
        return False, f"cannot judge eval mode: in train mode already, {train_problem}", {}
    problem = _batches_problem(case, value, steps, "eval", check_outputs=True)
    return (False, problem, {}) if problem else (True, "", {})


def check_torch_state(case, value, **_):
    if value.get("load_error"):
        return False, (f"load_state_dict with a torch.nn.BatchNorm1d state_dict (keys "
                       f"{list(case.kwargs['state'])}) failed: {value['load_error']}"), {}
    c, kw = case.kwargs["num_features"], case.kwargs["init_kwargs"]
    steps = _replay(_torch_bn(c, kw, torch.float32), case.kwargs)
    for phase in ("train", "eval"):
        problem = _batches_problem(case, value, steps, phase, check_outputs=True)
        if problem:
            return False, f"compared with torch.nn.BatchNorm1d holding the same state: {problem}", {}
    return True, "", {}
