"""Cases for padding-collate: float features and int64 tokens, lengths of 1, equal lengths, a batch of one."""

import torch

from grader.cases import Case, generator, noncontiguous, randn


def _features(lengths, trailing, seed, dtype=torch.float32, layout="plain"):
    seqs = [randn(length, *trailing, seed=seed + i, dtype=dtype) for i, length in enumerate(lengths)]
    if layout == "non-contiguous":
        seqs = [noncontiguous(s) for s in seqs]
    return seqs


def _tokens(lengths, seed, dtype=torch.int64):
    g = generator(seed)
    return [torch.randint(2, 1000, (length,), generator=g).to(dtype) for length in lengths]


def _labels(count, seed, kind):
    g = generator(seed + 500)
    values = torch.randint(0, 10, (count,), generator=g)
    if kind == "int":
        return [int(v) for v in values]
    if kind == "tensor":
        return list(values.unbind())  # 0-dim int64 tensors
    return list(torch.rand(count, generator=g).unbind())  # 0-dim float32 targets


def _case(seqs, labels, seed, label, pad_value=None):
    batch = [(s, y) for s, y in zip(seqs, labels)]
    kwargs = {} if pad_value is None else {"pad_value": pad_value}
    shown = "default pad_value" if pad_value is None else f"pad_value={pad_value}"
    return Case(args=[batch], kwargs=kwargs, seed=seed, label=f"{label}, lengths {[len(s) for s in seqs]}, {shown}")


def feature_cases():
    cases = [
        _case(_features([3, 1, 5, 2], (4,), 10), _labels(4, 10, "int"), 10, "(L, 4) features, int labels"),
        _case(_features([4, 4, 4], (3,), 11), _labels(3, 11, "tensor"), 11, "equal lengths: nothing to pad",
              pad_value=-1.0),
        _case(_features([1, 1, 1, 1, 1], (2,), 12), _labels(5, 12, "int"), 12, "every length 1"),
        _case(_features([6], (3,), 13), _labels(1, 13, "tensor"), 13, "a batch of one"),
        _case(_features([2, 4, 3], (2, 3), 14, dtype=torch.float64), _labels(3, 14, "float"), 14,
              "(L, 2, 3) float64 sequences, float targets", pad_value=0.5),
        _case(_features([5, 2, 7, 1], (3,), 15, layout="non-contiguous"), _labels(4, 15, "int"), 15,
              "non-contiguous (L, 3) sequences", pad_value=-2.0),
        _case(_features([1, 8], (1,), 16), _labels(2, 16, "float"), 16, "(L, 1) features, float targets",
              pad_value=0),
    ]
    for seed in (20, 21, 22):  # random batches
        g = generator(seed)
        batch_size = int(torch.randint(2, 7, (), generator=g))
        lengths = torch.randint(1, 9, (batch_size,), generator=g).tolist()
        cases.append(_case(_features(lengths, (3,), seed), _labels(batch_size, seed, "int"), seed,
                           f"random batch of {batch_size}", pad_value=-1.0))
    return cases


def token_cases():
    cases = [
        _case(_tokens([6, 2, 9, 1, 4], 30), _labels(5, 30, "tensor"), 30, "int64 tokens, pad id 1", pad_value=1),
        _case(_tokens([3, 3], 31), _labels(2, 31, "int"), 31, "int64 tokens of equal length"),
        _case(_tokens([7], 32), _labels(1, 32, "int"), 32, "a batch of one int64 sequence", pad_value=0),
        _case(_tokens([1, 5, 1], 33), _labels(3, 33, "tensor"), 33, "int64 tokens, lengths 1 and 5"),
        _case(_tokens([4, 2, 6], 34, dtype=torch.int32), _labels(3, 34, "int"), 34, "int32 tokens", pad_value=0),
    ]
    for seed in (40, 41):
        g = generator(seed)
        batch_size = int(torch.randint(3, 9, (), generator=g))
        lengths = torch.randint(1, 13, (batch_size,), generator=g).tolist()
        cases.append(_case(_tokens(lengths, seed), _labels(batch_size, seed, "tensor"), seed,
                           f"random batch of {batch_size} int64 token sequences", pad_value=0))
    return cases


def dtype_cases():
    return [c for i, c in enumerate(feature_cases()) if i in (0, 4, 7)]


def mutation_cases():
    return [Case(kwargs={"batch": c.args[0], **c.kwargs}, seed=c.seed, label=c.label)
            for c in [*feature_cases()[:6], *token_cases()[:4]]]


def check_unchanged(case, after, **_):
    """The batch (its list, each item, each tensor) is as it was before the call."""
    before = case.kwargs["batch"]
    if not isinstance(after, list) or len(after) != len(before):
        return False, "the batch list itself was changed (items added or removed)", {}
    for i, (item, original) in enumerate(zip(after, before)):
        if not isinstance(item, tuple) or len(item) != 2 or not isinstance(item[0], torch.Tensor):
            return False, f"item {i} of the batch list was replaced by {item!r:.60}", {}
        seq, label = item
        want_seq, want_label = original
        if seq.shape != want_seq.shape or seq.dtype != want_seq.dtype or not torch.equal(seq, want_seq):
            moved = any(other.shape == seq.shape and other.dtype == seq.dtype and torch.equal(seq, other)
                        for other, _ in before)
            if moved:
                return False, (f"item {i} of the batch list now holds another item: the list was reordered in "
                               "place (list.sort); sort a copy with sorted(), or better keep the order"), {}
            return False, (f"the sequence of item {i} was modified in place (shape {tuple(seq.shape)}, was "
                           f"{tuple(want_seq.shape)}); build the padded batch in a new tensor"), {}
        same_label = (torch.equal(label, want_label) if isinstance(want_label, torch.Tensor)
                      and isinstance(label, torch.Tensor) else label == want_label)
        if not same_label:
            return False, f"the label of item {i} was changed", {}
    return True, "", {}
