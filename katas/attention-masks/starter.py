"""attention-masks: 인과(causal) 마스크와 키 패딩 마스크를 쓰는 스케일드 닷 프로덕트 어텐션.

q: (..., L, E), k: (..., S, E), v: (..., S, Ev)  ->  (..., L, Ev)
key_padding_mask: bool (..., S), True = 패딩: 어떤 쿼리도 그 키를 보지 않습니다.
F.scaled_dot_product_attention과 nn.MultiheadAttention은 쓸 수 없습니다.
채점하려면 `quizapp grade attention-masks <이 파일>`을 실행하세요.

attention-masks: scaled dot-product attention with a causal mask and a key padding mask.

q: (..., L, E), k: (..., S, E), v: (..., S, Ev)  ->  (..., L, Ev)
key_padding_mask: bool (..., S), True = padding: that key is ignored by every query.
F.scaled_dot_product_attention and nn.MultiheadAttention are not allowed.
Run `quizapp grade attention-masks <this file>`.
"""

import torch


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, causal: bool = False,
              key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
    """softmax(q kᵀ / sqrt(E) + mask) v. causal이면 쿼리 i는 키 <= i만 봅니다.

    softmax(q kᵀ / sqrt(E) + mask) v, with query i seeing keys <= i when causal.
    """
    raise NotImplementedError
