"""conv-output-size: nn.Conv2d 출력의 공간 크기를 직접 계산하기.

채점하려면 `quizapp grade conv-output-size <이 파일>`을 실행하세요.

conv-output-size: the spatial size of nn.Conv2d's output, computed by hand.

Run `quizapp grade conv-output-size <this file>`.
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    """(H_out, W_out)을 파이썬 int 두 개로 이루어진 튜플로 돌려줍니다.

    `kernel_size`, `stride`, `padding`, `dilation`은 각각 정수 하나(높이와 너비에 같은 값)
    또는 (높이, 너비) 쌍입니다. 출력 위치가 하나도 없으면 ValueError를 발생시키세요.

    Return (H_out, W_out) as a tuple of two Python ints.

    `kernel_size`, `stride`, `padding` and `dilation` are each an int (same for both sides)
    or a pair (for height, for width). Raise ValueError when no output position exists.
    """
    raise NotImplementedError
