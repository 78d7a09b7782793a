"""Cases for adamw-step: the expected values come from torch.optim.AdamW itself, run here, in the
grader's process, for the same steps on copies of the same parameters and gradients."""

import math

import torch

from grader.cases import compare as cmp
from grader.cases import Case, randn, uniform

# Another (equivalent) order of the same float32 operations differs in the last bits, which a few
# steps grow to ~1e-6 relative; the smallest mistake here moves values by ~1e-4.
TOLERANCE = {torch.float32: cmp.Tolerance(1e-5, 1e-6), torch.float64: cmp.Tolerance(1e-10, 1e-12)}

SETTINGS = [
    # label, shapes, steps, first step, lr, betas, eps, weight_decay, options
    ("3 steps from a fresh state, weight decay 0.01", [(4, 3), (5,)], 3, 1, 1e-2, (0.9, 0.999), 1e-8, 0.01, {}),
    ("4 steps, no weight decay, betas (0.8, 0.99)", [(3, 2), (2,)], 4, 1, 5e-2, (0.8, 0.99), 1e-8, 0.0, {}),
    ("float64, lr 0.1, weight decay 0.1, a 0-dim and a size-1 parameter", [(3, 3), (), (1,)], 3, 1, 0.1,
     (0.9, 0.999), 1e-8, 0.1, {"dtype": torch.float64}),
    ("float64, tiny gradients (1e-4) and eps 1e-6: where eps goes matters", [(6,), (2, 2)], 3, 1, 1e-3,
     (0.9, 0.999), 1e-6, 0.01, {"dtype": torch.float64, "grad_scale": 1e-4}),
    ("resumed at step 11 with a non-empty state, a non-contiguous parameter", [(3, 4), (4,)], 2, 11, 2e-2,
     (0.9, 0.999), 1e-8, 0.05, {"resume": True, "layouts": ["strided", "dense"]}),
    ("a single step, one 3-d parameter", [(2, 3, 4)], 1, 1, 1e-3, (0.9, 0.95), 1e-8, 0.1, {}),
]


def step_cases():
    cases = []
    for i, (label, shapes, steps, first, lr, betas, eps, wd, options) in enumerate(SETTINGS):
        seed = 11 + i
        dtype = options.get("dtype", torch.float32)
        scale = options.get("grad_scale", 1.0)
        params = [randn(*s, seed=seed * 10 + j, dtype=dtype) for j, s in enumerate(shapes)]
        grads = [[randn(*s, seed=seed * 1000 + 10 * k + j, dtype=dtype, scale=scale) for j, s in enumerate(shapes)]
                 for k in range(steps)]
        if options.get("resume"):
            exp_avgs = [randn(*s, seed=seed * 20 + j, dtype=dtype, scale=0.1) for j, s in enumerate(shapes)]
            exp_avg_sqs = [uniform(*s, seed=seed * 30 + j, low=0.0, high=0.02, dtype=dtype) for j, s in enumerate(shapes)]
        else:
            exp_avgs = [torch.zeros(s, dtype=dtype) for s in shapes]
            exp_avg_sqs = [torch.zeros(s, dtype=dtype) for s in shapes]
        cases.append(Case(kwargs={"params": params, "grads": grads, "exp_avgs": exp_avgs, "exp_avg_sqs": exp_avg_sqs,
                                  "first_step": first, "lr": lr, "betas": betas, "eps": eps, "weight_decay": wd,
                                  "layouts": options.get("layouts", ["dense"] * len(shapes))},
                          seed=seed, label=label))
    return cases


# ------------------------------------------------------------------ torch.optim.AdamW, and common slips

def expected(case):
    """After each step: torch.optim.AdamW's parameters, exp_avg and exp_avg_sq."""
    kw = case.kwargs
    params = [p.clone().requires_grad_(True) for p in kw["params"]]
    opt = torch.optim.AdamW(params, lr=kw["lr"], betas=kw["betas"], eps=kw["eps"], weight_decay=kw["weight_decay"],
                            foreach=False)
    for p, m, v in zip(params, kw["exp_avgs"], kw["exp_avg_sqs"]):
        opt.state[p] = {"step": torch.tensor(float(kw["first_step"] - 1)), "exp_avg": m.clone(),
                        "exp_avg_sq": v.clone()}
    history = []
    for step_grads in kw["grads"]:
        for p, g in zip(params, step_grads):
            p.grad = g.clone()
        opt.step()
        history.append({"params": [p.detach().clone() for p in params],
                        "exp_avgs": [opt.state[p]["exp_avg"].clone() for p in params],
                        "exp_avg_sqs": [opt.state[p]["exp_avg_sq"].clone() for p in params]})
    return history


def _variant(case, mistake):
    """The same steps written out with one known slip."""
    kw = case.kwargs
    b1, b2 = kw["betas"]
    lr, eps, wd = kw["lr"], kw["eps"], kw["weight_decay"]
    ps = [p.clone() for p in kw["params"]]
    ms = [m.clone() for m in kw["exp_avgs"]]
    vs = [v.clone() for v in kw["exp_avg_sqs"]]
    history = []
    for k, step_grads in enumerate(kw["grads"]):
        step = kw["first_step"] + k
        t = step + 1 if mistake == "step+1" else step
        for i, g in enumerate(step_grads):
            if mistake == "l2":
                g = g + wd * ps[i]
            elif mistake != "decay-after":
                ps[i] = ps[i] * (1 - lr * wd)
            ms[i] = b1 * ms[i] + (1 - b1) * g
            vs[i] = b2 * vs[i] + (1 - b2) * g * g
            if mistake == "no-bias-correction":
                m_hat, v_hat = ms[i], vs[i]
            else:
                m_hat, v_hat = ms[i] / (1 - b1 ** t), vs[i] / (1 - b2 ** t)
            denom = (v_hat + eps).sqrt() if mistake == "eps-in-sqrt" else v_hat.sqrt() + eps
            ps[i] = ps[i] - lr * m_hat / denom
            if mistake == "decay-after":
                ps[i] = ps[i] * (1 - lr * wd)
        history.append({"params": list(ps), "exp_avgs": list(ms), "exp_avg_sqs": list(vs)})
    return history


MISTAKES = {
    "l2": "weight decay was added to the gradient (g + weight_decay * p, Adam's L2 penalty); AdamW decays the "
          "parameter itself: p *= 1 - lr * weight_decay, apart from the gradient and the moments",
    "no-bias-correction": "no bias correction: divide m by 1 - beta1**step and v by 1 - beta2**step",
    "step+1": "the bias correction uses step + 1; `step` is already the number of this update, counted from 1",
    "eps-in-sqrt": "eps went inside the square root; AdamW divides by sqrt(v_hat) + eps",
    "decay-after": "the weight decay was applied after the Adam update, to the updated parameter; decay the "
                   "parameter first, then apply the update",
}


def _problem(got, want, dtype):
    tol = TOLERANCE[dtype]
    if not isinstance(got, list) or len(got) != len(want):
        return "cannot read the tensors back"
    for i, (g, w) in enumerate(zip(got, want)):
        if g.shape != w.shape or g.dtype != w.dtype:
            return f"tensor {i} changed shape or dtype ({tuple(g.shape)}, {g.dtype})"
        result = cmp.compare_values(g, w, tol)
        if not result.ok:
            return f"tensor {i}: {result.message}"
    return None


def _judge(case, value, keys):
    dtype = case.kwargs["params"][0].dtype
    if not isinstance(value, list) or len(value) != len(case.kwargs["grads"]):
        return False, "the probe got no history back", {}
    want = expected(case)
    for k, (got, exp) in enumerate(zip(value, want)):
        step = case.kwargs["first_step"] + k
        for key in keys:
            problem = _problem(got[key], exp[key], dtype)
            if problem is None:
                continue
            before = case.kwargs[key] if k == 0 else value[k - 1][key]
            if all(torch.equal(g, b) for g, b in zip(got[key], before)):
                return False, (f"after step {step}: {key} did not change at all: update the given tensors in "
                               "place (p.mul_, p.add_, m.lerp_ ...); `p = p - ...` and `params[i] = ...` leave the caller's "
                               "tensors as they were"), {}
            for name, description in MISTAKES.items():
                slip = _variant(case, name)[k][key]
                if _problem(got[key], slip, dtype) is None:
                    return False, f"after step {step}: {key} differ from AdamW's\nlikely cause: {description}", {}
            return False, f"after step {step}: {key} differ from torch.optim.AdamW's: {problem}", {}
    return True, "", {}


def check_params(case, value, **_):
    return _judge(case, value, ["params"])


def check_moments(case, value, **_):
    return _judge(case, value, ["exp_avgs", "exp_avg_sqs"])


def check_in_place(case, value, **_):
    for k, got in enumerate(value):
        step = case.kwargs["first_step"] + k
        if got["rebound"]:
            return False, (f"step {step}: replaced entries of the {', '.join(got['rebound'])} list with new tensors; "
                           "the caller (a model, an optimizer's state) still holds the old ones: update them in place"), {}
        if not got["grads_unchanged"]:
            return False, (f"step {step}: the gradients were modified; they belong to the caller (AdamW never "
                           "writes to .grad): compute on new tensors or leave g alone"), {}
        before = case.kwargs["params"] if k == 0 else value[k - 1]["params"]
        if all(torch.equal(p, b) for p, b in zip(got["params"], before)):
            return False, (f"step {step}: the parameters the caller holds did not change: update them in place "
                           "(p.mul_, p.addcdiv_ ...), not by `p = ...`"), {}
    return True, "", {}
