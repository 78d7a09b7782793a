"""compile-graph-breaks: `original`과 같은 값을, TorchDynamo가 그래프 하나로 잡아내게 계산하기.

`original`에는 그래프 브레이크가 있습니다(.item(), 텐서 값에 따른 파이썬 `if`, print).
같은 결과를 내면서 브레이크가 없어서 torch.compile(fused, fullgraph=True)가 동작하는
`fused`를 작성하세요.
직접 확인하려면:  torch._dynamo.explain(fused)(x, 0.5).graph_break_count
채점하려면 `quizapp grade compile-graph-breaks <이 파일>`을 실행하세요.

compile-graph-breaks: the same values as `original`, captured by TorchDynamo as ONE graph.

`original` has graph breaks (a .item(), a Python `if` on a tensor, a print). Write `fused`:
same results, no graph break, so that torch.compile(fused, fullgraph=True) works.
Check yourself with:  torch._dynamo.explain(fused)(x, 0.5).graph_break_count
Run `quizapp grade compile-graph-breaks <this file>`.
"""

import torch


def original(x: torch.Tensor, threshold: float) -> torch.Tensor:
    """계산할 내용입니다(이 버전은 그래프를 세 번 끊습니다).

    What to compute (this version breaks the graph three times).
    """
    mean_abs = x.abs().mean().item()
    # 평균 |x|가 1을 넘지 않도록 다시 스케일
    if mean_abs > 1.0:  # rescale so that the mean |x| is at most 1
        x = x / mean_abs
    print(f"mean |x| = {mean_abs:.3f}")
    mask = x > threshold
    # threshold를 넘은 만큼을 남은 원소들이 나눠 가짐
    if mask.any():  # share the excess above threshold among the kept elements
        out = torch.where(mask, x - threshold, torch.zeros_like(x))
        return out / mask.sum()
    return torch.zeros_like(x)


def fused(x: torch.Tensor, threshold: float) -> torch.Tensor:
    """original(x, threshold)와 값, 모양, dtype이 같고 그래프 브레이크가 없습니다.

    Same values, shape and dtype as original(x, threshold); no graph break.
    """
    raise NotImplementedError


if __name__ == "__main__":
    import torch._dynamo

    x = torch.randn(4, 5) * 3
    print(torch._dynamo.explain(original)(x, 0.5))
