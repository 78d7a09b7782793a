"""Runs in the submission's process: inspect the candidate's autoencoder, then train it."""

import torch


def _shape(t):
    return list(t.shape) if isinstance(t, torch.Tensor) else f"{type(t).__name__}, not a tensor"


def train_autoencoder(submission, data, bottleneck, steps, lr):
    in_features = data.shape[1]
    model = submission.AutoEncoder(in_features, bottleneck)
    report = {"is_module": isinstance(model, torch.nn.Module)}
    if not report["is_module"]:
        return report
    report["n_parameters"] = sum(p.numel() for p in model.parameters() if p.requires_grad)
    first, second = data[:8], data[8:16]
    with torch.no_grad():
        code = model.encode(first)
        report["code_shape"] = _shape(code)
        report["single_code_shape"] = _shape(model.encode(data[:1]))
        report["out_shape"] = _shape(model(first))
        if isinstance(code, torch.Tensor):
            report["decoded_shape"] = _shape(model.decode(code))
            model.encode(second)                    # decode must depend on the code it is given, nothing else
            report["forward"] = model(first)
            report["decode_of_code"] = model.decode(code)
    if report["n_parameters"] == 0 or report["out_shape"] != list(first.shape):
        return report
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    model.train()
    for _ in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(data), data)
        loss.backward()
        optimizer.step()
        losses.append(float(loss.detach()))
    model.eval()
    with torch.no_grad():
        report["final_loss"] = float(torch.nn.functional.mse_loss(model(data), data))
    report["losses"] = losses
    return report
