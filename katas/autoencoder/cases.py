"""Cases for autoencoder: seeded low-rank data (a few latent factors, an offset and a little noise),
so a model that squeezes it through the bottleneck can still rebuild it almost exactly."""

import torch

from grader.cases import generator

# (in_features, latent rank of the data, bottleneck, seed)
SETTINGS = [(16, 3, 4, 11), (32, 4, 6, 12), (10, 3, 5, 13)]
ROWS, STEPS, LR = 128, 150, 1e-2
# A model must explain at least 70% of the data's variance after training.
MAX_SHARE = 0.3


def low_rank_data(rows, features, rank, seed):
    g = generator(seed)
    factors = torch.randn(rows, rank, generator=g, dtype=torch.float64)
    mixing = torch.randn(rank, features, generator=g, dtype=torch.float64) / rank ** 0.5
    offset = 0.5 * torch.randn(features, generator=g, dtype=torch.float64)
    noise = 0.05 * torch.randn(rows, features, generator=g, dtype=torch.float64)
    return (factors @ mixing + offset + noise).float()


def training_cases():
    from grader.cases import Case

    cases = []
    for features, rank, bottleneck, seed in SETTINGS:
        data = low_rank_data(ROWS, features, rank, seed)
        cases.append(Case(kwargs={"data": data, "bottleneck": bottleneck, "steps": STEPS, "lr": LR}, seed=seed,
                          label=f"AutoEncoder({features}, bottleneck={bottleneck}) on rank-{rank} data"))
    return cases


def check_autoencoder(case, value, **_):
    data, bottleneck = case.kwargs["data"], case.kwargs["bottleneck"]
    rows, features = 8, data.shape[1]
    if not value["is_module"]:
        return False, "AutoEncoder(...) did not build an nn.Module", {}
    if value["code_shape"] != [rows, bottleneck]:
        return False, (f"encode(x) for x of shape ({rows}, {features}) returned {value['code_shape']}, expected "
                       f"[{rows}, {bottleneck}]: the code must have exactly `bottleneck` features (without a "
                       "bottleneck the model can learn to copy its input)"), {}
    if value["single_code_shape"] != [1, bottleneck]:
        return False, f"encode on a batch of one row returned {value['single_code_shape']}, expected [1, {bottleneck}]", {}
    if value["decoded_shape"] != [rows, features]:
        return False, (f"decode(code) returned {value['decoded_shape']}, expected [{rows}, {features}] "
                       "(the decoder must map the code back to the input size)"), {}
    if value["out_shape"] != [rows, features]:
        return False, (f"forward(x) returned {value['out_shape']}, expected [{rows}, {features}]: forward must "
                       "return the reconstruction, not the code"), {}
    if not torch.allclose(value["forward"], value["decode_of_code"], rtol=1e-4, atol=1e-5):
        return False, ("forward(x) is not decode(encode(x)): the reconstruction must go through the bottleneck "
                       "(no skip connection around it)"), {}
    if value["n_parameters"] == 0:
        return False, "the model has no trainable parameters (layers kept in a plain list or dict?)", {}
    losses, final = value["losses"], value["final_loss"]
    baseline = float(((data - data.mean(0)) ** 2).mean())
    figures = {f"{case.label}: first loss": losses[0], f"{case.label}: final loss": final,
               f"{case.label}: variance of the data": baseline}
    if not final < losses[0]:
        return False, f"the loss did not fall during training (first {losses[0]:.4g}, final {final:.4g})", figures
    if final > MAX_SHARE * baseline:
        return False, (f"after {len(losses)} Adam steps (lr {case.kwargs['lr']}) the reconstruction loss is "
                       f"{final:.4g}, more than {MAX_SHARE:.0%} of the data's variance {baseline:.4g} (first loss "
                       f"{losses[0]:.4g}). The data can be any real number: is there an activation (ReLU, "
                       "sigmoid) after the decoder's last layer, or is the code cut off?"), figures
    return True, "", figures
