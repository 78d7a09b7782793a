"""Inputs for mm-vs-matmul: several seeds, edge sizes, non-contiguous operands."""

from grader.cases import Case, noncontiguous, randn


def project_cases():
    cases = []
    for seed, (n, d, e) in enumerate([(4, 3, 5), (1, 7, 1), (16, 32, 8), (3, 1, 2)]):
        cases.append(Case(args=[randn(n, d, seed=seed), randn(d, e, seed=seed + 100)],
                          label=f"project {n}x{d} @ {d}x{e}", seed=seed, target="project"))
    x = noncontiguous(randn(6, 4, seed=7))
    cases.append(Case(args=[x, randn(4, 3, seed=8).mT.contiguous().mT], label="project non-contiguous",
                      seed=7, target="project"))
    return cases


def batch_cases():
    cases = []
    for seed, lead in enumerate([(), (1,), (3,), (2, 3), (2, 1, 4)]):
        x = randn(*lead, 5, 4, seed=20 + seed)
        cases.append(Case(args=[x, randn(4, 6, seed=40 + seed)], label=f"batch_project lead {lead}",
                          seed=20 + seed, target="batch_project"))
    cases.append(Case(args=[noncontiguous(randn(2, 5, 4, seed=30)), randn(4, 2, seed=31)],
                      label="batch_project non-contiguous", seed=30, target="batch_project"))
    return cases


def attention_cases():
    cases = []
    for seed, (b, t, s, d) in enumerate([(2, 3, 4, 5), (1, 1, 1, 8), (4, 6, 2, 3)]):
        q, k = randn(b, t, d, seed=50 + seed), randn(b, s, d, seed=60 + seed)
        cases.append(Case(args=[q, k], label=f"attention B={b} T={t} S={s} D={d}", seed=50 + seed,
                          target="attention_scores"))
    return cases


def similarity_cases():
    return [Case(args=[randn(n, seed=70 + n), randn(n, seed=80 + n)], label=f"similarity n={n}",
                 seed=70 + n, target="similarity") for n in (1, 5, 64)]


def operator_cases():
    return [project_cases()[0], batch_cases()[3], attention_cases()[0], similarity_cases()[1]]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    a, b = case.args
    found = {}
    if case.target == "attention_scores":
        found["k was not transposed: (B,T,D) x (B,S,D) needs k.transpose(1, 2)"] = None
    if case.target == "similarity":
        found["element-wise product without the sum"] = a * b
    return found
