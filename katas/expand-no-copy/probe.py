"""Runs in the submission's process: how the result of a function is laid out in memory."""

import torch


def layout(submission, fn, x, n):
    """Call ``fn(x, n)``, describe the result's memory, then change x and see whether the result follows."""
    out = getattr(submission, fn)(x, n)
    if not isinstance(out, torch.Tensor):
        return {"is_tensor": False, "type": type(out).__name__}
    report = {
        "is_tensor": True,
        "shape": list(out.shape),
        "stride": list(out.stride()),
        "shares": out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
        "out_bytes": out.untyped_storage().nbytes(),
    }
    if out.device.type != "meta" and out.numel() > 0:
        before = out.clone()
        x.add_(1)  # a change to the input must show up in every copy of it that the result holds
        report["follows_input"] = bool(torch.equal(out, before + 1))
    return report
