"""Cases for expand-no-copy: (D,) and (1, D) vectors, any-shaped inputs, size-1 and strided inputs."""

import torch

from grader.cases import Case, noncontiguous, randn

ROWS = [((5,), 3), ((1, 4), 6), ((7,), 1), ((1, 1), 4), ((1,), 5), ((2,), 9)]
BATCH = [((3, 4), 2), ((5,), 7), ((), 4), ((2, 1, 3), 3), ((4, 2), 1), ((1,), 6)]


def values(shape, seed):
    # grader.cases.randn needs at least one size; a 0-dim input is one value reshaped.
    return randn(*shape, seed=seed) if shape else randn(1, seed=seed).reshape(())


def rows_cases():
    cases = [Case(args=[randn(*shape, seed=seed), n], seed=seed, target="broadcast_rows",
                  label=f"v {shape}, n={n}") for seed, (shape, n) in enumerate(ROWS)]
    cases.append(Case(args=[noncontiguous(randn(6, seed=20)), 4], seed=20, target="broadcast_rows",
                      label="v strided (every other element), n=4"))
    cases.append(Case(args=[torch.arange(5), 3], seed=21, target="broadcast_rows", label="v int64 (5,), n=3"))
    return cases


def batch_cases():
    cases = [Case(args=[values(shape, seed), b], seed=seed, target="repeat_for_batch",
                  label=f"x {shape if shape else '0-dim'}, batch={b}")
             for seed, (shape, b) in enumerate(BATCH, start=30)]
    cases.append(Case(args=[noncontiguous(randn(3, 4, seed=40)), 5], seed=40, target="repeat_for_batch",
                      label="x non-contiguous (3, 4), batch=5"))
    cases.append(Case(args=[randn(4, 3, seed=41).mT, 2], seed=41, target="repeat_for_batch",
                      label="x transposed (3, 4), batch=2"))
    return cases


def layout_cases():
    """The same inputs, for the probe: which function, the input and the repeat count."""
    return [Case(kwargs={"fn": c.target, "x": c.args[0], "n": c.args[1]}, seed=c.seed, label=f"{c.target}: {c.label}")
            for c in rows_cases() + batch_cases()]


def check_layout(case, value, **_):
    """A view of the input, with stride 0 along every dim that repeats it."""
    fn, x, n = case.kwargs["fn"], case.kwargs["x"], case.kwargs["n"]
    if not value.get("is_tensor"):
        return False, f"{fn} returned {value.get('type')}, not a tensor", {}
    expected_shape = [n, x.numel()] if fn == "broadcast_rows" else [n, *x.shape]
    if value["shape"] != expected_shape:
        return False, f"{fn} returned shape {tuple(value['shape'])}, expected {tuple(expected_shape)}", {}
    if not value["shares"]:
        return False, (f"{fn} returned a copy ({value['out_bytes']} bytes of new memory); the result must be a "
                       "view that shares the input's memory (Tensor.expand does that, repeat/cat/clone copy)"), {}
    if n > 1 and value["stride"][0] != 0:
        return False, (f"{fn}: dim 0 repeats the input {n} times but has stride {value['stride'][0]}, not 0: "
                       "the repeats are laid out in memory instead of reusing the same elements"), {}
    if value.get("follows_input") is False:
        return False, f"{fn}: after the input changed, the result did not change with it, so it is not a view", {}
    return True, "", {}
