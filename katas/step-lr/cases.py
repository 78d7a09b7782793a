"""Cases for step-lr: the real torch.optim.lr_scheduler.StepLR runs here as the oracle."""

import math

import torch

from grader.cases import Case

# (epochs, base lr, step size, gamma or None for the default 0.1, label)
TABLES = [
    (40, 0.1, 10, 0.5, "step_size 10, gamma 0.5"),
    (25, 1.0, 3, None, "step_size 3, default gamma"),
    (12, 0.05, 1, 0.9, "step_size 1 (decay every epoch)"),
    (30, 0.2, 7, 0.3, "step_size 7, gamma 0.3"),
    (9, 0.01, 20, 0.5, "step_size larger than the run"),
    (10, 0.3, 4, 1.0, "gamma 1 (no decay)"),
    (61, 2.0, 2, 0.75, "step_size 2, 61 epochs"),
]


def table_cases():
    return [Case(kwargs={"epochs": e, "base_lr": lr, "step_size": s, "gamma": g}, seed=i, label=label)
            for i, (e, lr, s, g, label) in enumerate(TABLES)]


def scheduler_cases():
    return [
        Case(kwargs={"lrs": [0.1], "epochs": 25, "step_size": 5, "gamma": 0.5}, seed=1,
             label="one param group, step_size 5, gamma 0.5"),
        Case(kwargs={"lrs": [0.1, 0.01, 1.0], "epochs": 20, "step_size": 3, "gamma": 0.2}, seed=2,
             label="three param groups with different lrs, step_size 3, gamma 0.2"),
        Case(kwargs={"lrs": [0.5, 0.05], "epochs": 12, "step_size": 4, "gamma": None}, seed=3,
             label="two param groups, default gamma"),
        Case(kwargs={"lrs": [0.3], "epochs": 8, "step_size": 1, "gamma": 0.8}, seed=4,
             label="step_size 1"),
    ]


def steplr_history(lrs, epochs, step_size, gamma):
    """Every group's lr at the start of each epoch under the real StepLR."""
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    optimizer = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    kwargs = {} if gamma is None else {"gamma": gamma}
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size, **kwargs)
    history = []
    for _ in range(epochs):
        history.append([g["lr"] for g in optimizer.param_groups])
        optimizer.step()
        scheduler.step()
    return history


def _close(a, b):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=1e-9,
                                                                                      abs_tol=1e-15)


def _guess(got, expected, base, step_size, gamma):
    """Name the slip whose schedule matches what came back."""
    g = 0.1 if gamma is None else gamma
    slips = {
        "the decay comes one epoch early: epoch step_size - 1 already has the decayed lr (off by one)":
            lambda e: base * g ** ((e + 1) // step_size),
        "gamma is applied every epoch instead of once per step_size epochs": lambda e: base * g ** e,
        "the exponent is epoch / step_size (true division): use integer division epoch // step_size":
            lambda e: base * g ** (e / step_size),
        "the decay comes one epoch late": lambda e: base * g ** (max(e - 1, 0) // step_size),
    }
    for description, fn in slips.items():
        if all(_close(x, fn(e)) for e, x in enumerate(got)):
            return f"\nlikely cause: {description}"
    return ""


def check_table(case, value, **_):
    kw = case.kwargs
    want = [row[0] for row in steplr_history([kw["base_lr"]], kw["epochs"], kw["step_size"], kw["gamma"])]
    if not isinstance(value, list) or len(value) != len(want):
        return False, f"expected {len(want)} values, got {value!r:.80}", {}
    for epoch, (got, expected) in enumerate(zip(value, want)):
        if not _close(got, expected):
            return False, (f"lr_at({epoch}, {kw['base_lr']}, {kw['step_size']}"
                           + ("" if kw["gamma"] is None else f", {kw['gamma']}")
                           + f") returned {got!r}; StepLR gives {expected!r}"
                           + _guess(value, want, kw["base_lr"], kw["step_size"], kw["gamma"])), {}
    return True, "", {}


def check_scheduler(case, value, **_):
    kw = case.kwargs
    want = steplr_history(kw["lrs"], kw["epochs"], kw["step_size"], kw["gamma"])
    for epoch, (got_groups, got_reported, expected) in enumerate(zip(value["groups"], value["reported"], want)):
        for i, (got, exp) in enumerate(zip(got_groups, expected)):
            if not _close(got, exp):
                column = [row[i] for row in value["groups"]]
                first = [row[0] for row in want]
                if all(_close(x, kw["lrs"][i]) for x in column):
                    guess = ("\nlikely cause: the optimizer's lr never changes: step() must write the new value "
                             "into optimizer.param_groups[i]['lr'] (the optimizer reads nothing else)")
                elif i > 0 and all(_close(x, f) for x, f in zip(column[1:], first[1:])):
                    guess = ("\nlikely cause: every group follows the first group's schedule: remember each "
                             "group's own starting lr")
                else:
                    guess = _guess(column, None, kw["lrs"][i], kw["step_size"], kw["gamma"])
                return False, (f"epoch {epoch}: optimizer.param_groups[{i}]['lr'] is {got!r}; StepLR gives "
                               f"{exp!r} (this group started at {kw['lrs'][i]}){guess}"), {}
        if not isinstance(got_reported, list) or len(got_reported) != len(expected) or not all(
                _close(a, b) for a, b in zip(got_reported, expected)):
            return False, (f"epoch {epoch}: get_last_lr() returned {got_reported!r}, expected {expected!r} "
                           "(one float per param group)"), {}
    return True, "", {}
