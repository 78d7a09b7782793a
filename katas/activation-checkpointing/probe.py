"""Runs in the submission's process: build a small seeded stack of blocks, run the candidate's
checkpointed_forward, backpropagate, and report outputs, gradients and which block ran when.

Each block writes its index into a log whenever its forward runs (also when it is called through
`.forward` directly), tagged with the phase: during the forward pass, or during backward (where only
a checkpoint's recomputation runs blocks). The grader's cases.py builds the very same blocks from this
file to run them plainly.
"""

import torch
from torch import nn


class Block(nn.Module):
    """One block of the test network; it logs (phase, index) every time it runs."""

    def __init__(self, index, d_in, d_out, kind, tracker):
        super().__init__()
        self.index, self.kind, self.tracker = index, kind, tracker
        if kind == "residual":
            assert d_in == d_out
            self.norm = nn.LayerNorm(d_in)
            self.lin = nn.Linear(d_in, d_out)
        else:
            self.lin = nn.Linear(d_in, d_out)

    def forward(self, h):
        self.tracker["log"].append((self.tracker["phase"], self.index))
        if self.kind == "residual":
            return h + torch.tanh(self.lin(self.norm(h)))
        if self.kind == "gelu":
            return nn.functional.gelu(self.lin(h))
        return torch.tanh(self.lin(h))


def build(seed, widths, kinds, container="list", dtype="float64", device="cpu"):
    """The blocks (in the given container), the same for the same arguments, and their tracker."""
    tracker = {"phase": "forward", "log": []}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        blocks = [Block(i, widths[i], widths[i + 1], kind, tracker) for i, kind in enumerate(kinds)]
    for block in blocks:
        block.to(device=device, dtype=getattr(torch, dtype))
    if container == "sequential":
        blocks = nn.Sequential(*blocks)
    elif container == "modulelist":
        blocks = nn.ModuleList(blocks)
    return blocks, tracker


def parameters(blocks):
    return {f"block {i}: {name}": p for i, block in enumerate(blocks) for name, p in block.named_parameters()}


def run_checkpointed(submission, seed, widths, kinds, container, dtype, x, x_requires_grad, segments, grad_out):
    blocks, tracker = build(seed, widths, kinds, container, dtype, device=x.device)
    x_in = x.detach().clone().requires_grad_(x_requires_grad)
    out = submission.checkpointed_forward(blocks, x_in, segments)
    report = {"out": None, "out_type": type(out).__name__, "requires_grad": False, "backward_error": None,
              "forward_log": [i for phase, i in tracker["log"] if phase == "forward"], "backward_log": [],
              "x_grad": None, "x_requires_grad_after": bool(x_in.requires_grad), "param_grads": {}}
    if not isinstance(out, torch.Tensor):
        return report
    report["out"] = out.detach().clone()
    report["requires_grad"] = bool(out.requires_grad)
    tracker["phase"] = "backward"
    try:
        if out.shape != grad_out.shape:
            raise RuntimeError(f"output of shape {tuple(out.shape)}, expected {tuple(grad_out.shape)}")
        out.backward(grad_out)
    except Exception as exc:  # reported as data: the grader explains it
        report["backward_error"] = f"{type(exc).__name__}: {exc}"[:400]
    report["backward_log"] = [i for phase, i in tracker["log"] if phase == "backward"]
    report["x_grad"] = None if x_in.grad is None else x_in.grad.detach().clone()
    report["param_grads"] = {name: None if p.grad is None else p.grad.detach().clone()
                             for name, p in parameters(blocks).items()}
    return report


def invalid_segments(submission, seed, widths, kinds, segments):
    blocks, _ = build(seed, widths, kinds)
    x = torch.randn(2, widths[0], dtype=torch.float64)
    try:
        submission.checkpointed_forward(blocks, x, segments)
    except Exception as exc:
        return {"raised": True, "exception_mro": [c.__name__ for c in type(exc).__mro__],
                "message": f"{type(exc).__name__}: {exc}"[:200]}
    return {"raised": False}
