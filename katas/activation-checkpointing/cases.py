"""Cases for activation-checkpointing: seeded stacks of blocks built by probe.py, run here plainly.

The submission's outputs and gradients are compared with a plain forward and backward over the very
same blocks. Whether it really checkpoints is judged from the blocks' log: with every segment
checkpointed, each block runs once during the forward pass and once more during backward (the
recomputation), segment by segment from the last one back, so the backward log also shows the split.
"""

import importlib.util
from pathlib import Path

import torch

from grader.cases import compare as cmp
from grader.cases import Case, generator, noncontiguous

_spec = importlib.util.spec_from_file_location("_kata_activation_checkpointing_probe_copy",
                                               Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

SETTINGS = [
    # widths (len = blocks + 1), kinds, container, segments, batch shape, x requires grad, dtype, label
    ([6, 8, 8, 5, 4], ["tanh", "residual", "gelu", "tanh"], "list", 2, (5,), True, "float64",
     "4 blocks in a list, 2 segments, x requires grad"),
    ([4, 6, 6, 6, 5, 3], ["tanh", "residual", "residual", "gelu", "tanh"], "sequential", 2, (3,), False, "float64",
     "5 blocks in an nn.Sequential, 2 segments (3 + 2), x does not require grad"),
    ([5, 5, 7, 7, 7, 6, 6, 2], ["residual", "gelu", "residual", "residual", "tanh", "residual", "tanh"],
     "modulelist", 3, (4,), True, "float64", "7 blocks in an nn.ModuleList, 3 segments (3 + 2 + 2), x requires grad"),
    ([3, 4, 4, 2], ["tanh", "residual", "gelu"], "list", 3, (6,), False, "float64",
     "3 blocks, 3 segments (one block each), x does not require grad"),
    ([4, 4, 5, 5, 3], ["residual", "tanh", "residual", "gelu"], "sequential", 1, (2,), True, "float64",
     "4 blocks, 1 segment (all of them), x requires grad"),
    ([5, 6, 6, 4, 4, 4, 3], ["tanh", "residual", "gelu", "residual", "residual", "tanh"], "list", 4, (2, 3), True,
     "float64", "6 blocks, 4 segments (2 + 2 + 1 + 1), input with two batch dims, x requires grad"),
    ([3, 2], ["tanh"], "list", 1, (4,), True, "float64", "a single block, 1 segment, x requires grad"),
    ([6, 6, 8, 8, 4, 4], ["residual", "gelu", "residual", "tanh", "residual"], "list", 3, (5,), False, "float32",
     "5 blocks, 3 segments (2 + 2 + 1), float32, x does not require grad"),
]


def run_cases():
    cases = []
    for i, (widths, kinds, container, segments, batch, needs_grad, dtype, label) in enumerate(SETTINGS):
        seed = 1000 + i
        x = torch.randn(*batch, widths[0], generator=generator(seed), dtype=torch.float64).to(getattr(torch, dtype))
        grad_out = torch.randn(*batch, widths[-1], generator=generator(seed + 1),
                               dtype=torch.float64).to(getattr(torch, dtype))
        cases.append(Case(kwargs={"seed": seed, "widths": widths, "kinds": kinds, "container": container,
                                  "dtype": dtype, "x": x, "x_requires_grad": needs_grad, "segments": segments,
                                  "grad_out": grad_out}, seed=seed, label=label))
    widths, kinds = [6, 5, 5, 4], ["tanh", "residual", "tanh"]
    x = noncontiguous(torch.randn(4, 6, generator=generator(1100), dtype=torch.float64))
    cases.append(Case(kwargs={"seed": 1100, "widths": widths, "kinds": kinds, "container": "list",
                              "dtype": "float64", "x": x, "x_requires_grad": True, "segments": 2,
                              "grad_out": torch.randn(4, 4, generator=generator(1101), dtype=torch.float64)},
                      seed=1100, label="3 blocks, 2 segments (2 + 1), non-contiguous x that requires grad"))
    return cases


def invalid_cases():
    widths, kinds = [3, 3, 3, 3], ["tanh", "residual", "tanh"]
    return [Case(kwargs={"seed": 1200 + i, "widths": widths, "kinds": kinds, "segments": s}, seed=1200 + i,
                 label=f"3 blocks, segments={s}") for i, s in enumerate([0, 4])]


# ------------------------------------------------------------------ judging

def _plain(case):
    """The blocks run plainly (no checkpointing): output, input gradient, parameter gradients."""
    kw = case.kwargs
    blocks, _ = probe.build(kw["seed"], kw["widths"], kw["kinds"], kw["container"], kw["dtype"])
    x = kw["x"].detach().clone().requires_grad_(kw["x_requires_grad"])
    h = x
    for block in blocks:
        h = block(h)
    h.backward(kw["grad_out"])
    return h.detach(), x.grad, {name: p.grad for name, p in probe.parameters(blocks).items()}


def _tol(case):
    # float32: the recomputation repeats the same operations, but a candidate may group them differently.
    return cmp.Tolerance(1e-5, 1e-6) if case.kwargs["dtype"] == "float32" else cmp.Tolerance(1e-9, 1e-11)


def _tensor_problem(got, want, tol, what):
    if got is None:
        return f"{what}: none"
    if tuple(got.shape) != tuple(want.shape):
        return f"{what} has shape {tuple(got.shape)}, expected {tuple(want.shape)}"
    if got.dtype != want.dtype:
        return f"{what} has dtype {got.dtype}, expected {want.dtype}"
    result = cmp.compare_values(got, want, tol)
    return None if result.ok else f"{what}: {result.message}"


def _output_problem(case, value):
    if value["out"] is None:
        return f"checkpointed_forward returned {value['out_type']}, not a tensor"
    want, _, _ = _plain(case)
    problem = _tensor_problem(value["out"], want, _tol(case), "the output")
    if problem:
        n = len(case.kwargs["kinds"])
        ran = value["forward_log"]
        missing = sorted(set(range(n)) - set(ran))
        hint = (f"\nblocks {missing} never ran in the forward pass: the segments do not cover every block"
                if missing else "")
        return problem + hint
    return None


def _backward_problem(case, value):
    problem = _output_problem(case, value)
    if problem:
        return "cannot compare gradients: " + problem
    if not value["requires_grad"]:
        return ("the output is not connected to the autograd graph (computed under torch.no_grad(), or "
                "detached?): nothing can be backpropagated")
    if value["backward_error"]:
        hint = ""
        if "CheckpointError" in value["backward_error"]:
            hint = ("\nlikely cause: the recomputation during backward ran other blocks than the forward pass did; "
                    "a function built in the loop that reads the loop's variables later (a lambda over start/end "
                    "or over the segment) sees only their last values: build one function per segment that "
                    "holds its own blocks")
        error = value["backward_error"].splitlines()[0] if hint else value["backward_error"]
        return f"backward raised {error}{hint}"
    return None


def check_output(case, value, **_):
    problem = _output_problem(case, value)
    return (False, problem, {}) if problem else (True, "", {})


def check_input_grad(case, value, **_):
    problem = _backward_problem(case, value)
    if problem:
        return False, problem, {}
    if not case.kwargs["x_requires_grad"]:
        if value["x_requires_grad_after"] or value["x_grad"] is not None:
            return False, ("x does not require grad here, yet checkpointed_forward switched it on (or gave it a "
                           ".grad): leave the caller's tensor alone; with use_reentrant=False the parameters get "
                           "their gradients anyway"), {}
        return True, "", {}
    _, want, _ = _plain(case)
    if value["x_grad"] is None:
        return False, ("x requires grad, but no gradient reached it (the input was detached, or went through "
                       "torch.no_grad()?)"), {}
    problem = _tensor_problem(value["x_grad"], want, _tol(case), "the gradient of x")
    return (False, problem, {}) if problem else (True, "", {})


def check_param_grads(case, value, **_):
    problem = _backward_problem(case, value)
    if problem:
        if not case.kwargs["x_requires_grad"] and ("not connected" in problem or "does not require grad" in problem):
            problem += ("\nhere x does not require grad: use_reentrant=True checkpoints then return an output "
                        "without a graph, and the parameters get no gradient; use use_reentrant=False")
        return False, problem, {}
    _, _, want = _plain(case)
    got = value["param_grads"]
    for name, expected in want.items():
        actual = got.get(name)
        if actual is None:
            return False, f"no gradient reached {name}", {}
        problem = _tensor_problem(actual, expected, _tol(case), f"the gradient of {name}")
        if problem:
            return False, problem, {}
    return True, "", {}


def _runs(log):
    """Split a backward log into runs of consecutive indices (one per recomputed segment)."""
    runs = []
    for index in log:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _recompute_problem(case, value):
    problem = _backward_problem(case, value)
    if problem:
        return "cannot tell: " + problem
    n = len(case.kwargs["kinds"])
    forward, backward = value["forward_log"], value["backward_log"]
    if sorted(forward) != list(range(n)) or forward != sorted(forward):
        return (f"during the forward pass the blocks ran in the order {forward}; each of the {n} blocks must run "
                "exactly once, in order (run them only inside the checkpointed segments)")
    if not backward:
        return ("no block ran again during backward: nothing was checkpointed, so every activation inside the "
                "blocks was kept in memory; run each segment through torch.utils.checkpoint.checkpoint")
    missing = sorted(set(range(n)) - set(backward))
    if missing:
        return (f"blocks {missing} did not run again during backward: their segment was not checkpointed (only "
                f"blocks {sorted(set(backward))} were recomputed); checkpoint every segment")
    if len(backward) != n:
        counts = {i: backward.count(i) for i in range(n) if backward.count(i) != 1}
        return (f"during backward some blocks ran more than once ({counts} times): each block is recomputed once, "
                "by the one checkpoint of its segment")
    return None


def check_recompute(case, value, **_):
    problem = _recompute_problem(case, value)
    return (False, problem, {}) if problem else (True, "", {})


def check_segments(case, value, **_):
    problem = _recompute_problem(case, value)
    if problem:
        return False, "cannot see the segments: " + problem.replace("cannot tell: ", ""), {}
    n, segments = len(case.kwargs["kinds"]), case.kwargs["segments"]
    runs = _runs(value["backward_log"])
    found = [len(r) for r in reversed(runs)]
    starts = [r[0] for r in reversed(runs)]
    contiguous = starts == sorted(starts) and sum(found) == n
    if not contiguous or len(found) != segments or max(found) - min(found) > 1:
        return False, (f"{n} blocks in {segments} segments were recomputed as segments of sizes {found} (backward "
                       f"recomputes the segments from the last one back: {value['backward_log']}); expected "
                       f"{segments} contiguous segments whose sizes differ by at most one, e.g. "
                       f"{_even_split(n, segments)}"), {"segment_sizes": found}
    return True, "", {"segment_sizes": found}


def _even_split(n, segments):
    size, extra = divmod(n, segments)
    return [size + (1 if i < extra else 0) for i in range(segments)]


def check_invalid(case, value, **_):
    if not value["raised"]:
        return False, f"segments={case.kwargs['segments']} with 3 blocks did not raise ValueError", {}
    if "ValueError" not in value["exception_mro"]:
        return False, f"segments={case.kwargs['segments']} raised {value['message']}, expected a ValueError", {}
    return True, "", {}
