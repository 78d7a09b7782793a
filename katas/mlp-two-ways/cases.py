"""Cases for mlp-two-ways: one to four layers, odd widths, inputs with no, one or several batch dims."""

import torch

from grader.cases import BATCH_SHAPES, Case, randn

SIZES = [[4, 8, 3], [5, 2], [6, 16, 16, 4], [3, 7, 1, 9, 2], [1, 5, 1]]


def structure_cases():
    return [Case(init_args=[sizes], label=f"MLP({sizes})", seed=i) for i, sizes in enumerate(SIZES)]


def forward_cases(grad=False):
    cases = []
    seed = 100
    for sizes in SIZES:
        for lead in BATCH_SHAPES[:4]:
            seed += 1
            cases.append(Case(init_args=[sizes], args=[randn(*lead, sizes[0], seed=seed, scale=2.0)], seed=seed,
                              grad=(0,) if grad else (), label=f"MLP({sizes}), batch {lead}"))
    return cases


def gradient_cases():
    return [c for i, c in enumerate(forward_cases(grad=True)) if i % 3 == 1]


def sequential_cases():
    return [Case(kwargs={"sizes": sizes, "x": randn(3, sizes[0], seed=300 + i, scale=2.0)}, seed=300 + i,
                 label=f"make_sequential({sizes})") for i, sizes in enumerate(SIZES)]


def swap_cases():
    return [Case(kwargs={"sizes": sizes, "x": randn(4, sizes[0], seed=400 + i, scale=2.0)}, seed=400 + i,
                 label=f"sizes {sizes}") for i, sizes in enumerate(SIZES)]


def _close(a, b):
    return a is not None and b is not None and a.shape == b.shape and torch.allclose(a, b, rtol=1e-5, atol=1e-6)


def check_sequential(case, value, *, reference, **_):
    sizes, x = case.kwargs["sizes"], case.kwargs["x"]
    if not value["is_sequential"]:
        return False, f"make_sequential returned a {value['type']}, not an nn.Sequential", {}
    want = reference.make_sequential(sizes)
    want_children = [type(m).__name__ for m in want.children()]
    if value["children"] != want_children:
        return False, (f"the layers are {value['children']}, expected {want_children} "
                       "(a ReLU between consecutive Linear layers, none after the last)"), {}
    got_state = value["state"]
    want_shapes = {k: tuple(v.shape) for k, v in want.state_dict().items()}
    got_shapes = {k: tuple(v.shape) for k, v in got_state.items()}
    if got_shapes != want_shapes:
        return False, f"state_dict holds {got_shapes}, expected {want_shapes}", {}
    want.load_state_dict(got_state)
    expected = want(x)
    if not _close(value["out"], expected):
        diff = float((value["out"] - expected).abs().max()) if value["out"].shape == expected.shape else None
        return False, f"the output on x differs from the expected network's (greatest difference {diff})", {}
    return True, "", {}


def check_swap(case, value, **_):
    for direction, error_key, pair in (("make_sequential -> MLP", "seq_into_mlp_error", ("seq_out", "mlp_from_seq_out")),
                                       ("MLP -> make_sequential", "mlp_into_seq_error", ("mlp_out", "seq_from_mlp_out"))):
        if value[error_key]:
            return False, (f"loading the state_dict {direction} failed: {value[error_key]}\n"
                           f"make_sequential's keys: {value['seq_keys']}\nMLP's keys: {value['mlp_keys']}"), {}
        source, target = (value[k] for k in pair)
        if not _close(source, target):
            return False, (f"after loading the weights {direction}, the two networks give different outputs "
                           "on the same input: they do not compute the same function"), {}
    return True, "", {}
