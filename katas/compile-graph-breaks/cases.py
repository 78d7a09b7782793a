"""Cases for compile-graph-breaks: rescaled or not, nothing above threshold, ties, batch shapes."""

import torch

from grader.cases import Case, noncontiguous, randn, uniform


def _grid(*shape, seed, dtype=torch.float32):
    """Values on a grid of quarters in [-1, 1]: exact ties with thresholds like 0.5, no rescale."""
    return (uniform(*shape, seed=seed, low=-4.49, high=4.49).round() / 4).to(dtype)


def _cases(dtype=torch.float32):
    def r(*shape, seed, scale=1.0):
        return randn(*shape, seed=seed, dtype=dtype, scale=scale)

    return [
        Case(args=[r(4, 5, seed=1, scale=3.0), 0.5], seed=1, label="(4, 5), large values (rescaled), threshold 0.5"),
        Case(args=[r(6, seed=2, scale=0.5), 0.25], seed=2, label="(6,), small values (not rescaled), threshold 0.25"),
        Case(args=[r(2, 3, 5, seed=3, scale=4.0), -0.5], seed=3, label="(2, 3, 5), rescaled, negative threshold"),
        Case(args=[r(3, 4, seed=4, scale=0.3), 5.0], seed=4, label="(3, 4), no element above the threshold"),
        Case(args=[_grid(5, 6, seed=5, dtype=dtype), 0.5], seed=5, label="(5, 6) quarters, ties at threshold 0.5"),
        Case(args=[_grid(1, 7, 1, seed=6, dtype=dtype), 0.25], seed=6, label="(1, 7, 1) quarters, ties at 0.25"),
        Case(args=[r(1, seed=7, scale=5.0), -2.0], seed=7, label="a single element, threshold -2"),
        Case(args=[noncontiguous(r(4, 3, seed=8, scale=2.0)), 0.1], seed=8, label="non-contiguous (4, 3)"),
    ]


def output_cases():
    return _cases()


def dtype_cases():
    cases = _cases()
    return [cases[0], cases[3], cases[4]]


def graph_cases():
    picks = [(0, "rescaled"), (3, "nothing above the threshold"), (4, "quarters, ties")]
    cases = _cases()
    return [Case(kwargs={"x": cases[i].args[0], "threshold": cases[i].args[1]}, seed=cases[i].seed,
                 label=f"explain(fused) on {label} {tuple(cases[i].args[0].shape)}") for i, label in picks]


def _advice(reason):
    text = reason.lower()
    if "item()" in text or "scalar" in text:
        return "a tensor turned into a Python number (.item(), float(), int()): keep it a 0-dim tensor"
    if "jump" in text or "data-dependent" in text or "bool" in text:
        return ("Python control flow on a tensor value (if/while/and/or): compute both results and pick "
                "with torch.where(condition, a, b)")
    if "print" in text or "builtin" in text or "logging" in text:
        return "a print (or logging) call: remove it from the compiled function"
    if "dynamic shape" in text or "nonzero" in text or "output shape" in text:
        return ("an operation whose output shape depends on the data (boolean indexing x[mask], nonzero, "
                "unique): keep the full shape and mask with torch.where instead")
    return None


def check_graph(case, value, **_):
    if not value["own_function"]:
        return False, ("`fused` is not the plain function defined in your file (wrapped or replaced?); "
                       "define it with def and leave it undecorated"), {}
    if value["graphs"] == 0 or value["ops"] == 0:
        return False, ("TorchDynamo captured no graph with any operation in it: fused ran outside the "
                       "compiler (disabled or skipped?)"), {}
    if value["breaks"] == 0 and value["graphs"] == 1:
        return True, "", {"graphs": 1, "graph_breaks": 0}
    lines = []
    for item in value["reasons"]:
        where = f"line {item['line']}: " if item["line"] else ""
        advice = _advice(item["reason"])
        lines.append(f"  - {where}{item['reason'][:160]}" + (f"\n    fix: {advice}" if advice else ""))
    return False, (f"TorchDynamo split fused into {value['graphs']} graphs with {value['breaks']} graph "
                   "break(s); it must be one graph with none. Break reasons:\n" + "\n".join(lines)), {
        "graphs": value["graphs"], "graph_breaks": value["breaks"]}
