"""Cases for seeded-data-pipeline: loaders read twice with the same seed and once with another, and
seed_worker called as a worker's would be; the reference runs the same way here, in the grader's process."""

import importlib.util
from pathlib import Path

import torch

from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_kata_seeded_data_pipeline_probe_copy",
                                               Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

# (n, batch_size, seed, other_seed, label)
SETTINGS = [
    (10, 4, 0, 1, "10 items in batches of 4 (a short last batch), seeds 0 and 1"),
    (7, 7, 42, 43, "7 items in one batch, seeds 42 and 43"),
    (5, 1, 2**31 + 5, 7, "5 items in batches of 1, seeds 2**31 + 5 and 7"),
    (12, 5, 123, 321, "12 items in batches of 5, seeds 123 and 321"),
]


def loader_cases():
    return [Case(kwargs={"n": n, "batch_size": b, "seed": s, "other_seed": o}, seed=s, label=label)
            for n, b, s, o, label in SETTINGS]


def worker_cases():
    # (initial seeds, worker ids): a worker id comes back with another initial seed (another run or epoch)
    settings = [([12345, 12346, 99999], [0, 1, 0]), ([2**40 + 123, 2**40 + 124], [0, 1]),
                ([2**63 + 11, 7, 8], [2, 2, 3])]
    return [Case(kwargs={"initial_seeds": s, "worker_ids": w}, seed=i,
                 label=f"torch.initial_seed() = {', '.join(map(str, s))} for workers {w}")
            for i, (s, w) in enumerate(settings)]


# ------------------------------------------------------------------ helpers

_isolated = probe.isolated


def _reference_run(case, reference):
    key = tuple(sorted(case.kwargs.items()))
    if key not in _MEMO:
        _MEMO[key] = _isolated(probe.run_loaders, reference, **case.kwargs)
    return _MEMO[key]


_MEMO = {}


def _order(epoch):
    return [int(i) for _, y in epoch for i in y.tolist()]


def _epoch_problem(epoch, n, batch_size):
    """Why one epoch is not a shuffled pass over the dataset in batches of batch_size, or None."""
    if not isinstance(epoch, list):
        return f"the loader yielded {epoch!r:.60}"
    for j, batch in enumerate(epoch):
        if not (isinstance(batch, tuple) and len(batch) == 2 and all(isinstance(t, torch.Tensor) for t in batch)):
            return f"batch {j} is not an (x, y) pair of tensors"
        want = min(batch_size, n - j * batch_size)
        if batch[0].shape != (want, 3) or batch[1].shape != (want,):
            return (f"batch {j} has shapes {tuple(batch[0].shape)} and {tuple(batch[1].shape)}, expected ({want}, 3) "
                    f"and ({want},) (batch_size={batch_size}, no drop_last)")
    order = _order(epoch)
    if sorted(order) != list(range(n)):
        return f"the epoch read indices {order}, not each of 0..{n - 1} once"
    return None


def _same_batches(got, want):
    """None when two runs gave the same batches (order and augmented values), else what differs."""
    if _order(got) != _order(want):
        return f"order {_order(got)} vs {_order(want)}"
    for j, ((x, _), (w, _)) in enumerate(zip(got, want)):
        if x.shape != w.shape or not torch.equal(x, w):
            return (f"the same order {_order(got)}, but the augmented values of batch {j} differ (the random "
                    "augmentation in __getitem__ draws from torch's global RNG)")
    return None


def _runs(value):
    if not isinstance(value, dict) or not all(isinstance(value.get(k), list) for k in ("first", "second", "other")):
        return None
    return value


BROKEN = (False, "make_loader did not give a loader that yields (x, y) batches", {})


# ------------------------------------------------------------------ evaluations

def check_loader(case, value, **_):
    if not isinstance(value, dict) or not value.get("is_loader"):
        kind = value.get("type") if isinstance(value, dict) else value
        return False, f"make_loader must return a torch.utils.data.DataLoader, got {kind!r:.60}", {}
    if not _runs(value):
        return BROKEN
    n, batch_size = case.kwargs["n"], case.kwargs["batch_size"]
    for name in ("first", "second", "other"):
        for e, epoch in enumerate(value[name]):
            problem = _epoch_problem(epoch, n, batch_size)
            if problem:
                return False, f"epoch {e + 1}: {problem}", {}
    epochs = value["first"]
    if all(_order(epoch) == list(range(n)) for epoch in epochs):
        return False, "every epoch reads the items in order 0, 1, 2, ...: the loader must shuffle (shuffle=True)", {}
    return True, "", {}


def check_repeat(case, value, **_):
    if not _runs(value):
        return BROKEN
    for e, (got, want) in enumerate(zip(value["second"], value["first"])):
        problem = _same_batches(got, want)
        if problem:
            return False, (f"two loaders built with the same seed {case.kwargs['seed']} differ in epoch {e + 1}: "
                           f"{problem}. make_loader must seed everything it depends on from `seed` on every call "
                           "(a generator for the order, torch.manual_seed(seed) for the augmentation), not once "
                           "at import and not from whatever state the global RNG is in"), {}
    return True, "", {}


def check_seeds_differ(case, value, **_):
    if not _runs(value):
        return BROKEN
    if all(_order(a) == _order(b) for a, b in zip(value["first"], value["other"])):
        return False, (f"seeds {case.kwargs['seed']} and {case.kwargs['other_seed']} give the same order "
                       f"{_order(value['first'][0])}: seed the generator with `seed`, not with a constant"), {}
    return True, "", {}


def check_reference(case, value, *, reference, **_):
    if not _runs(value):
        return BROKEN
    want = _reference_run(case, reference)
    for name, seed in (("first", case.kwargs["seed"]), ("other", case.kwargs["other_seed"])):
        for e, (got, expected) in enumerate(zip(value[name], want[name])):
            problem = _same_batches(got, expected)
            if problem:
                return False, (f"seed {seed}, epoch {e + 1}: the batches differ from those of the construction the "
                               f"task gives (torch.manual_seed(seed), a torch.Generator seeded with seed passed as "
                               f"generator=, shuffle=True): {problem}"), {}
    return True, "", {}


def check_seed_worker(case, value, *, reference, **_):
    seeds, ids = case.kwargs["initial_seeds"], case.kwargs["worker_ids"]
    if not isinstance(value, list) or len(value) != len(seeds):
        return False, "seed_worker could not be called for every worker", {}
    want = [_isolated(probe.draws, reference.seed_worker, s, w) for s, w in zip(seeds, ids)]
    for got, expected, seed, worker in zip(value, want, seeds, ids):
        if got == expected:
            continue
        same = [g == value[0] for g in value[1:]]
        by_id = [value[i] == value[j] for i in range(len(ids)) for j in range(i + 1, len(ids))
                 if ids[i] == ids[j] and seeds[i] != seeds[j]]
        if same and all(same):
            hint = ("every worker got the same random and numpy streams whatever torch.initial_seed() was: "
                    "derive the seed from torch.initial_seed()")
        elif any(by_id):
            hint = ("the streams depend on worker_id alone, so every run and every epoch repeats them whatever "
                    "the loader's seed: derive the seed from torch.initial_seed(), which already includes the "
                    "worker id")
        elif got["numpy"] == expected["numpy"]:
            hint = "numpy is seeded right, but `random` is not: seed both"
        elif got["random"] == expected["random"]:
            hint = "`random` is seeded right, but numpy is not: seed both"
        else:
            hint = ("seed both with torch.initial_seed() % 2**32 (it already includes the worker id; numpy only "
                    "takes seeds below 2**32)")
        return False, (f"worker {worker} with torch.initial_seed() = {seed}: random gave {got['random'][:2]}, numpy "
                       f"{got['numpy'][:2]}; expected {expected['random'][:2]} and {expected['numpy'][:2]}\n"
                       f"likely cause: {hint}"), {}
    return True, "", {}
