"""Cases for distributed-sampler: dataset sizes below, at and above a multiple of the world size.

Every shard is judged against torch.utils.data.DistributedSampler itself (here, in the grader's process).
"""

import math

import torch
from torch.utils.data import DistributedSampler

from grader.cases import Case

# (n, num_replicas): n < replicas (padding wraps several times), divisible, not divisible, one replica
SIZES = [(10, 4), (8, 4), (3, 4), (2, 5), (1, 3), (17, 3), (6, 1), (9, 2), (25, 8)]


def _ranks(num_replicas):
    """Every rank of a small world; the first, a middle one and the last of a larger one."""
    if num_replicas <= 4:
        return list(range(num_replicas))
    return [0, num_replicas // 2, num_replicas - 1]


def _cases(options_list):
    cases = []
    seed = 0
    for n, replicas in SIZES:
        for options in options_list:
            for rank in _ranks(replicas):
                seed += 1
                shown = ", ".join(f"{k}={v}" for k, v in options.items()) or "defaults"
                cases.append(Case(kwargs={"n": n, "num_replicas": replicas, "rank": rank, **options}, seed=seed,
                                  label=f"n={n}, num_replicas={replicas}, rank={rank}, {shown}"))
    return cases


def ordered_cases():
    return _cases([{"shuffle": False}])


def shuffled_cases():
    cases = _cases([{}, {"shuffle": True, "seed": 42, "epoch": 3}])
    # The same world read over several epochs: each epoch must bring a new order.
    for epoch in (0, 1, 2, 5):
        for rank in (0, 2):
            cases.append(Case(kwargs={"n": 12, "num_replicas": 3, "rank": rank, "seed": 7, "epoch": epoch},
                              seed=100 + epoch,
                              label=f"n=12, num_replicas=3, rank={rank}, seed=7, epoch={epoch}"))
    return cases


def drop_last_cases():
    return _cases([{"shuffle": False, "drop_last": True}, {"seed": 5, "epoch": 1, "drop_last": True}])


def invalid_cases():
    return [Case(args=[10, 4, rank], seed=rank, label=f"rank={rank} of num_replicas=4",
                 expect={"raises": "ValueError"}) for rank in (4, -1)]


def coverage_cases():
    cases = []
    for i, (n, replicas) in enumerate(SIZES):
        for options in ({"shuffle": False}, {"seed": 3, "epoch": 2}, {"seed": 3, "epoch": 2, "drop_last": True}):
            shown = ", ".join(f"{k}={v}" for k, v in options.items())
            cases.append(Case(kwargs={"n": n, "num_replicas": replicas, **options}, seed=i,
                              label=f"every rank of n={n}, num_replicas={replicas}, {shown}"))
    return cases


def check_coverage(case, shards, **_):
    """Together the ranks read the whole dataset (drop_last: its first total_size positions), each once,
    apart from the padding that evens out the shards."""
    n, replicas = case.kwargs["n"], case.kwargs["num_replicas"]
    drop_last = case.kwargs.get("drop_last", False)
    if not isinstance(shards, list) or len(shards) != replicas:
        return False, f"expected one shard per rank ({replicas}), got {shards!r:.80}", {}
    for rank, shard in enumerate(shards):
        if not isinstance(shard, list) or not all(type(i) is int for i in shard):
            return False, f"rank {rank} returned {shard!r:.80}; expected a list of Python ints", {}
        bad = [i for i in shard if not 0 <= i < n]
        if bad:
            return False, f"rank {rank} returned indices outside range({n}): {bad[:5]}", {}
    lengths = [len(s) for s in shards]
    per_rank = n // replicas if drop_last and n % replicas else -(-n // replicas)
    if any(length != per_rank for length in lengths):
        return False, (f"shard lengths {lengths}; every rank must get the same number of indices, {per_rank} "
                       f"here ({'n // num_replicas with drop_last' if drop_last else 'ceil(n / num_replicas)'}), "
                       "or the ranks fall out of step in the collective calls"), {}
    counts = [0] * n
    for shard in shards:
        for i in shard:
            counts[i] += 1
    missing = [i for i, c in enumerate(counts) if c == 0]
    repeated = [i for i, c in enumerate(counts) if c > 1]
    overlap = "" if not repeated else (
        "\nlikely cause: the ranks did not split one and the same permutation; every rank must shuffle "
        "with the same seed (seed + epoch), never with one that depends on the rank")
    if drop_last:
        if repeated:
            return False, (f"indices {repeated[:6]} are read by more than one rank; with drop_last nothing "
                           f"repeats" + overlap), {}
        return True, "", {}
    if missing:
        return False, (f"indices {missing[:6]} are read by no rank ({len(missing)} of {n} missing); without "
                       "drop_last every index is read" + overlap), {}
    return True, "", {}


# ------------------------------------------------------------------ judging one shard

def sampler_shard(n, num_replicas, rank, shuffle=True, seed=0, epoch=0, drop_last=False):
    """What DistributedSampler gives the rank (num_replicas and rank given: no process group needed)."""
    sampler = DistributedSampler(range(n), num_replicas=num_replicas, rank=rank, shuffle=shuffle, seed=seed,
                                 drop_last=drop_last)
    sampler.set_epoch(epoch)
    return list(sampler)


def _mistake(name, n, num_replicas, rank, shuffle=True, seed=0, epoch=0, drop_last=False):
    """The shard a known mistake produces."""
    if shuffle:
        g = torch.Generator()
        g.manual_seed(seed + (rank if name == "rank seed" else 0) + (0 if name == "no epoch" else epoch))
        indices = torch.randperm(n, generator=g).tolist()
    else:
        indices = list(range(n))
    per_rank = n // num_replicas if drop_last or name == "drop" else math.ceil(n / num_replicas)
    total = per_rank * num_replicas
    if name == "zeros":
        indices = (indices + [0] * total)[:total]
    elif name == "pad once":
        indices = (indices + indices[:total - n])[:total]
    elif total > len(indices) and indices:
        indices = (indices * math.ceil(total / len(indices)))[:total]
    else:
        indices = indices[:total]
    if name == "blocks":
        return indices[rank * per_rank:(rank + 1) * per_rank]
    return indices[rank:total:num_replicas]


MISTAKES = {
    "blocks": "a contiguous block per rank; DistributedSampler takes every num_replicas-th index "
              "(indices[rank:total:num_replicas])",
    "no epoch": "the epoch is ignored: seed the generator with seed + epoch so that every epoch brings a new order",
    "rank seed": "the seed depends on the rank: every rank must build the same permutation (seed + epoch) and "
                 "take its own slice of it",
    "zeros": "the padding repeats index 0; DistributedSampler pads with the first indices of the (shuffled) list",
    "pad once": "the list is padded only once (indices[:missing]); when n < num_replicas it has to wrap "
                "around several times",
    "drop": "the tail is dropped although drop_last is False: pad by repeating indices from the start instead",
}


def check_shard(case, got, **_):
    want = sampler_shard(**case.kwargs)
    if got == want and all(type(i) is int for i in got):
        return True, "", {}
    if not isinstance(got, list) or not all(type(i) is int for i in got):
        return False, f"expected a list of Python ints, got {got!r:.100}", {}
    if len(got) != len(want):
        problem = f"{len(got)} indices, expected {len(want)}: got {got[:12]}, expected {want[:12]}"
    else:
        first = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b)
        problem = (f"the indices differ from position {first} on: got {got[:12]}, expected {want[:12]}"
                   + (" ..." if len(want) > 12 else ""))
    for name, description in MISTAKES.items():
        try:
            if _mistake(name, **case.kwargs) == got:
                return False, f"{problem}\nlikely cause: {description}", {}
        except Exception:  # a diagnosis must never break a verdict
            pass
    return False, problem, {}
