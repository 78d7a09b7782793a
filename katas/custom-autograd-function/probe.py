"""Runs in the submission's process: graph inspection, gradcheck and an in-place trap."""

import torch


def graph_info(submission, x, beta):
    """Which node produced swish's output: the submission's own Function, or ordinary ops?"""
    out = submission.swish(x.detach().clone().requires_grad_(True), beta)
    node = getattr(out, "grad_fn", None)
    cls = getattr(node, "_forward_cls", None)
    mine = getattr(submission, "SwishFunction", None)
    return {"node": type(node).__name__ if node is not None else None,
            "custom": isinstance(node, torch.autograd.function.BackwardCFunction),
            "is_swish_function": cls is not None and cls is mine,
            "subclass": isinstance(mine, type) and issubclass(mine, torch.autograd.Function)}


def run_gradcheck(submission, x, beta):
    """torch.autograd.gradcheck in float64: analytical (your backward) vs numerical Jacobian."""
    x = x.detach().to(torch.float64).requires_grad_(True)
    try:
        passed = torch.autograd.gradcheck(lambda t: submission.swish(t, beta), (x,), eps=1e-6,
                                          atol=1e-6, rtol=1e-4)
        return {"passed": bool(passed), "message": "", "mismatch": False}
    except Exception as exc:  # gradcheck raises GradcheckError with the two Jacobians
        mismatch = type(exc).__name__ == "GradcheckError"
        return {"passed": False, "message": f"{type(exc).__name__}: {exc}"[:1200], "mismatch": mismatch}


def changed_after_forward(submission, x, beta):
    """The input is changed in place between forward and backward. Backward must either refuse
    (save_for_backward's version check) or still give the gradient at the original x (a saved
    copy); what the prompt rules out is a wrong gradient given quietly."""
    leaf = x.detach().clone().requires_grad_(True)
    inp = leaf * 1.0
    out = submission.swish(inp, beta)
    inp.mul_(3.0)
    try:
        out.sum().backward()
    except RuntimeError as exc:
        return {"raised": True, "message": str(exc)[:300], "grad": None}
    return {"raised": False, "message": "", "grad": leaf.grad}
