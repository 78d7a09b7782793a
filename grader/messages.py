"""Every text a person reads in a grade's report, in Korean and English.

``msg(key, lang, **values)`` looks a text up and fills its ``{placeholders}``::

    msg("check.outputs", "ko")                     # '기준 구현과 출력이 일치'
    msg("report.passed", "en", passed=2, total=3)  # '2 of 3 checks passed'

What stays English whatever the language: the JSON keys and statuses of results v3 (``status``,
``name``, ``pass`` ...), a check's ``kind``, figure names, the gradebook's fixed columns, and the
texts a kata writes in one language only (a check's ``name:``, its ``mistakes`` descriptions, a
custom check's messages). A text a kata gives in both languages (a ``why``) follows the grade.

A grade is in English unless it asks for Korean (``lang="ko"``): the kata lint, the test suite
and other programs read the English texts; a person's language comes from the app
(``quizapp grade --lang``, the remembered language, the workbench).

The child process (``runner.py``) cannot import this module: it sends the facts of a failure
as data (``reason``, ``phase``, ...) and :func:`child_error` words them here.
"""

from __future__ import annotations

from typing import Any

LANGS = ("ko", "en")
DEFAULT_LANG = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # -- default names of the check kinds (a kata's own ``name:`` replaces them) -------------
    "check.outputs": {"ko": "기준 구현과 출력이 일치", "en": "outputs match the reference"},
    "check.gradients": {"ko": "기준 autograd와 기울기가 일치", "en": "gradients match reference autograd"},
    "check.mutation.none": {"ko": "입력을 바꾸지 않음", "en": "does not modify its inputs"},
    "check.mutation.in_place": {"ko": "입력을 제자리에서 바꾸고 그 입력을 반환",
                                "en": "works in place and returns its input"},
    "check.dtype": {"ko": "출력 dtype이 입력 dtype을 따름", "en": "output dtype follows the input dtype"},
    "check.device": {"ko": "어느 장치에서나 동작 ({devices})", "en": "works on any device ({devices})"},
    "check.device.meta_cuda": {"ko": "meta와 CUDA", "en": "meta and CUDA"},
    "check.structure": {"ko": "모듈 구조 (파라미터, 버퍼, state_dict)",
                        "en": "module structure (parameters, buffers, state_dict)"},
    "check.statistics": {"ko": "난수 값이 기대한 분포를 따름",
                         "en": "random values follow the expected distribution"},
    "check.raises": {"ko": "잘못된 입력을 알맞은 예외로 거부",
                     "en": "rejects invalid input with the right exception"},
    "check.operators": {"ko": "모양마다 알맞은 연산자를 사용", "en": "uses the right operator for each shape"},
    "check.forbidden": {"ko": "금지된 API를 쓰지 않음", "en": "does not use forbidden APIs"},
    "check.forbidden.items": {"ko": "{items} 사용 안 함", "en": "does not use {items}"},
    "check.forbidden.reflection": {"ko": "규칙을 우회하는 리플렉션 사용 안 함",
                                   "en": "does not use reflection to step around the rules"},
    "check.custom": {"ko": "카타 전용 검사", "en": "custom check"},
    "check.entry": {"ko": "{names} 정의", "en": "defines {names}"},
    "check.entry.missing": {"ko": "정의되지 않음: {names}", "en": "not defined: {names}"},
    "check.not_run": {"ko": "실행 안 함: {names}이(가) 정의되지 않았습니다",
                      "en": "not run: {names} is not defined"},

    # -- a trial and the case it ran ---------------------------------------------------------
    "trial": {"ko": "시행 {index}/{total} ({case})", "en": "trial {index} of {total} ({case})"},
    "trial.failed": {"ko": "{trial}: {message}", "en": "{trial}: {message}"},
    "case.label": {"ko": "케이스", "en": "case"},
    "case.seed": {"ko": "시드 {seed}", "en": "seed {seed}"},
    "case.inputs": {"ko": "입력 {shapes}", "en": "inputs {shapes}"},
    "case.scalar": {"ko": "스칼라", "en": "scalar"},
    "case.non_contiguous": {"ko": " 비연속", "en": " non-contiguous"},

    # -- a task's result ---------------------------------------------------------------------
    "task.ended_early": {"ko": "이 작업을 실행하기 전에 제출물의 프로세스가 끝났습니다",
                         "en": "the submission's process ended before this task ran"},
    "task.no_result": {"ko": "{trial}: 결과 없음: {note}", "en": "{trial}: no result: {note}"},
    "task.raised": {"ko": "{trial}: 예외 발생: {error}{where}", "en": "{trial}: raised {error}{where}"},
    "task.raised_elsewhere": {
        "ko": "실행할 수 없었습니다: 제출물에서 {error}{where} 예외가 발생했습니다 ('{first}' 참고)",
        "en": "could not run: the submission raised {error}{where} (see '{first}')"},
    "where.line": {"ko": " ({line}번째 줄)", "en": " (line {line})"},

    # -- what the child reports (runner.py sends the facts; see child_error) ----------------
    "child.exit": {"ko": "제출물이 {phase} sys.exit({code})를 호출했습니다",
                   "en": "the submission called sys.exit({code}) during {phase}"},
    "child.memory": {"ko": "{phase} 메모리가 부족했습니다 (MemoryError)",
                     "en": "ran out of memory during {phase} (MemoryError)"},
    "child.not_implemented": {"ko": "NotImplementedError (아직 구현하지 않았습니다: 시작 파일 그대로인가요?)",
                              "en": "NotImplementedError (not implemented yet: still the starter?)"},
    "phase.import": {"ko": "가져오는 중에", "en": "import"},
    "phase.task": {"ko": "작업 {task} 실행 중에", "en": "task {task}"},

    # -- comparing nested outputs ------------------------------------------------------------
    "path.output": {"ko": "출력", "en": "output"},
    "path.input_after": {"ko": "호출 뒤의 입력 {index}", "en": "input {index} after the call"},
    "leaf.param": {"ko": "파라미터 {name}의 기울기", "en": "parameter {name} gradient"},
    "leaf.input": {"ko": "입력 {index}의 기울기", "en": "input {index} gradient"},
    "leaf.other": {"ko": "{name}의 기울기", "en": "{name} gradient"},
    "value.tensor": {"ko": "모양이 {shape}인 텐서", "en": "a tensor of shape {shape}"},
    "tree.not_tensor": {"ko": "{path}: 텐서를 기대했지만 {type}을(를) 받았습니다: {value}",
                        "en": "{path}: expected a tensor, got {type}: {value}"},
    "tree.failed": {"ko": "{path}: {message}", "en": "{path}: {message}"},
    "tree.likely_cause": {"ko": "\n가능한 원인: {diagnosis}", "en": "\nlikely cause: {diagnosis}"},
    "tree.sequence": {"ko": "{path}: 항목 {count}개인 {type}을(를) 기대했지만 {actual}을(를) 받았습니다",
                      "en": "{path}: expected a {type} of {count} items, got {actual}"},
    "tree.keys": {"ko": "{path}: 키 {keys}를 기대했지만 {actual}을(를) 받았습니다",
                  "en": "{path}: expected keys {keys}, got {actual}"},
    "tree.number": {"ko": "{path}: {actual}, 기대한 값 {expected} [{tol}]",
                    "en": "{path}: {actual}, expected {expected} [{tol}]"},
    "tree.value": {"ko": "{path}: {actual}, 기대한 값 {expected}", "en": "{path}: {actual}, expected {expected}"},

    # -- compare.py: one tensor against the reference's --------------------------------------
    "compare.no_tensor": {"ko": "텐서를 반환하지 않았습니다", "en": "returned no tensor"},
    "compare.subclass": {"ko": "텐서 하위 클래스 `{name}`을(를) 반환했습니다; 일반 torch.Tensor를 반환하세요",
                         "en": "returned a tensor subclass `{name}`; return a plain torch.Tensor"},
    "compare.device": {"ko": "출력이 {actual} 장치에 있습니다. 기대한 장치는 {expected}입니다 "
                             "(새 텐서는 입력과 같은 장치에 만드세요)",
                       "en": "output is on device {actual}, expected {expected} "
                             "(create new tensors on the input's device)"},
    "compare.shape": {"ko": "모양 {actual}, 기대한 모양 {expected}", "en": "shape {actual}, expected {expected}"},
    "compare.dtype": {"ko": "dtype {actual}, 기대한 dtype {expected}", "en": "dtype {actual}, expected {expected}"},
    "compare.values": {
        "ko": "원소 {total}개 중 {mismatched}개가 다릅니다 ({percent}%); 가장 큰 절대 차이 {abs_diff}, "
              "위치 {abs_index} (기대값 {expected_at}, 실제값 {actual_at}); 가장 큰 상대 차이 {rel_diff}, "
              "위치 {rel_index} [{tol}]",
        "en": "{mismatched} of {total} elements differ ({percent}%); greatest absolute difference "
              "{abs_diff} at index {abs_index} (expected {expected_at}, got {actual_at}); greatest "
              "relative difference {rel_diff} at index {rel_index} [{tol}]"},
    "diagnosis.dtype": {"ko": "새 텐서의 기본 dtype은 float32(또는 int64)입니다: dtype=x.dtype을 넘기거나 "
                              "x.new_zeros / torch.zeros_like를 쓰세요",
                        "en": "new tensors default to float32 (or int64): pass dtype=x.dtype, "
                              "or use x.new_zeros / torch.zeros_like"},
    "diagnosis.transposed": {"ko": "결과가 기대한 결과의 전치입니다 (피연산자나 차원을 바꿔 썼나요?)",
                             "en": "the result is the transpose of the expected one (swapped operands or dims?)"},
    "diagnosis.extra_dim": {"ko": "크기 1인 차원이 하나 더 있습니다: keepdim=True를 썼거나 squeeze를 빠뜨렸나요?",
                            "en": "an extra size-1 dim: keepdim=True or a missing squeeze?"},
    "diagnosis.missing_dim": {"ko": "크기 1인 차원이 빠졌습니다: 너무 많이 squeeze했거나 keepdim이 필요한가요?",
                              "en": "a size-1 dim is missing: squeezed too much, or keepdim needed?"},
    "diagnosis.reshaped": {"ko": "값은 맞지만 모양이 틀렸습니다: view/reshape/flatten을 확인하세요",
                           "en": "right values in the wrong shape: check your view/reshape/flatten"},
    "diagnosis.permuted": {"ko": "차원 순서가 틀렸습니다 (permute/transpose)",
                           "en": "the dims are in the wrong order (permute/transpose)"},
    "diagnosis.broadcast": {
        "ko": "브로드캐스팅 실수: 두 피연산자가 더 큰 결과로 브로드캐스팅되었습니다 (예: 모양 (N,)과 (N, 1)을 "
              "결합하면 (N, N)이 됩니다); 원소별 연산 전에 모양을 확인하세요",
        "en": "broadcast slip: two operands broadcast into a bigger result (e.g. shape (N,) "
              "combined with (N, 1) gives (N, N)); check the shapes before element-wise operations"},
    "diagnosis.dim_count": {"ko": "차원이 하나 적거나 많습니다: 엉뚱한 차원으로 줄였거나 배치 차원을 잊었나요?",
                            "en": "one dim too few or too many: reduced over the wrong dim, or forgot a batch dim?"},
    "diagnosis.dim_size": {"ko": "한 차원의 크기가 틀렸습니다: 엉뚱한 차원으로 줄이거나 인덱싱하거나 이어 붙였나요?",
                           "en": "a dim has the wrong size: reduced, indexed or concatenated along the wrong dim?"},
    "diagnosis.nan": {"ko": "기준 구현은 유한한데 NaN인 값이 {count}개 있습니다 "
                            "(exp 오버플로, 0/0, log 0, 또는 torch.empty의 초기화되지 않은 메모리?)",
                      "en": "{count} NaN values where the reference is finite "
                            "(overflow in exp, 0/0, log of 0, or uninitialised memory from torch.empty?)"},
    "diagnosis.inf": {"ko": "기준 구현은 유한한데 무한대인 값이 {count}개 있습니다 (오버플로?)",
                      "en": "{count} infinite values where the reference is finite (overflow?)"},
    "diagnosis.zeros": {"ko": "출력이 모두 0입니다", "en": "the output is all zeros"},
    "diagnosis.scaled": {"ko": "출력이 기대한 출력에 {scale}를 곱한 값입니다 (곱할 인수를 빠뜨렸거나 더 곱했나요?)",
                         "en": "the output is the expected one scaled by {scale} (a missing or extra factor?)"},
    "diagnosis.offset": {"ko": "출력이 상수 {offset}만큼 어긋납니다", "en": "the output is off by a constant {offset}"},
    "diagnosis.bias": {"ko": "모든 행이 같은 벡터만큼 어긋납니다: 편향(bias)을 빠뜨렸거나 두 번 더했나요 "
                             "(또는 특성별 오프셋)?",
                       "en": "the output is off by the same vector in every row: a missing or doubled bias "
                             "(or a per-feature offset)?"},

    # -- the kinds' failures -----------------------------------------------------------------
    "module.state_mismatch": {
        "ko": "모듈의 파라미터를 기준 구현과 비교할 수 없습니다: state_dict에 빠진 키 {missing}, "
              "예상 밖의 키 {unexpected} (구조 검사 참고)",
        "en": "the module's parameters cannot be compared with the reference's: state_dict is missing "
              "{missing}, has unexpected {unexpected} (see the structure check)"},
    "module.state_unloadable": {"ko": "모듈의 파라미터를 기준 구현과 비교할 수 없습니다: {detail} (구조 검사 참고)",
                                "en": "the module's parameters cannot be compared with the reference's: "
                                      "{detail} (see the structure check)"},
    "word.nothing": {"ko": "없음", "en": "nothing"},
    "outputs.copy": {"ko": "{trial}: 결과가 복사본입니다; 입력 {index}과(와) 메모리를 공유하는 뷰여야 합니다 "
                           "(strides {strides})",
                     "en": "{trial}: the result is a copy; it must be a view that shares memory with "
                           "input {index} (strides {strides})"},
    "gradients.no_graph": {"ko": "{trial}: 출력이 autograd 그래프에 연결되어 있지 않습니다 "
                                 "(no_grad 안에서 계산했거나, detach했거나, torch.tensor()로 다시 만들었거나, "
                                 ".data를 거쳤나요?)",
                           "en": "{trial}: the output is not connected to the autograd graph "
                                 "(computed under no_grad, detached, rebuilt with torch.tensor(), or via .data?)"},
    "gradients.none": {"ko": "{trial}: {label}이(가) 전달되지 않았습니다{hint}",
                       "en": "{trial}: no gradient reached {label}{hint}"},
    "gradients.param_hint": {"ko": " (파라미터가 등록되지 않았거나, 쓰이지 않았거나, .data/.detach()를 거쳐 쓰였습니다)",
                             "en": " (the parameter is not registered, not used, or used through .data/.detach())"},
    "mutation.not_returned": {"ko": "{trial}: 받은 텐서 객체(입력 {index})를 제자리에서 바꿔 그대로 반환해야 "
                                    "하는데 다른 텐서를 반환했습니다",
                              "en": "{trial}: must return the same tensor object it was given (input {index}), "
                                    "modified in place; it returned another tensor"},
    "mutation.modified": {"ko": "{trial}: 입력 {index}이(가) 제자리에서 바뀌었습니다 (원소 {changed}개 변경); "
                                "복사본으로 작업하거나 제자리가 아닌 연산을 쓰세요",
                          "en": "{trial}: input {index} was modified in place ({changed} elements changed); "
                                "work on a copy or use out-of-place operations"},
    "dtype.with_inputs": {"ko": "{trial}, {dtype} 입력: {failure}", "en": "{trial} with {dtype} inputs: {failure}"},
    "device.hint": {"ko": "힌트: 새 텐서는 device=x.device (그리고 dtype=x.dtype)로 만들거나 *_like / "
                          "x.new_*를 쓰세요",
                    "en": "hint: create new tensors with device=x.device (and dtype=x.dtype), or with *_like / "
                          "x.new_*"},
    "device.raised": {"ko": "{failure}, {device} 장치에서{hint}", "en": "{failure}, on the {device} device{hint}"},
    "device.mismatch": {"ko": "{trial}, {device} 장치에서: {failure}\n{hint}",
                        "en": "{trial} on the {device} device: {failure}\n{hint}"},
    "structure.not_module": {"ko": "{cls}은(는) nn.Module의 하위 클래스가 아닙니다",
                             "en": "{cls} is not an nn.Module subclass"},
    "structure.missing_param": {"ko": "파라미터 `{name}`이(가) 없습니다 ({fix})",
                                "en": "missing parameter `{name}` ({fix})"},
    "structure.fix_submodule": {"ko": "`{leaf}`를 가진 하위 모듈 `{owner}`를 등록하세요",
                                "en": "register the submodule `{owner}` that owns `{leaf}`"},
    "structure.fix_parameter": {"ko": "self.{name}에 nn.Parameter를 대입하세요",
                                "en": "assign an nn.Parameter to self.{name}"},
    "structure.param_shape": {"ko": "파라미터 `{name}`의 모양이 {got}입니다. 기대한 모양은 {want}입니다",
                              "en": "parameter `{name}` has shape {got}, expected {want}"},
    "structure.requires_grad": {"ko": "파라미터 `{name}`의 requires_grad={value}입니다",
                                "en": "parameter `{name}` requires_grad={value}"},
    "structure.unexpected": {"ko": "예상 밖의 파라미터 {names}", "en": "unexpected parameters {names}"},
    "structure.missing_buffer": {"ko": "버퍼 `{name}`이(가) 없습니다 (self.register_buffer를 쓰세요)",
                                 "en": "missing buffer `{name}` (use self.register_buffer)"},
    "structure.buffer_shape": {"ko": "버퍼 `{name}`의 모양이 {got}입니다. 기대한 모양은 {want}입니다",
                               "en": "buffer `{name}` has shape {got}, expected {want}"},
    "structure.keys": {"ko": "state_dict 키 {got}, 기대한 키 {want}", "en": "state_dict keys {got}, expected {want}"},
    "structure.should_be_none": {"ko": "여기서 `{name}`은(는) torch.nn처럼 None이어야 합니다",
                                 "en": "`{name}` should be None here, like in torch.nn"},
    "structure.should_be_parameter": {"ko": "`{name}`은(는) 등록된 nn.Parameter여야 합니다",
                                      "en": "`{name}` should be a registered nn.Parameter"},
    "structure.missing_attribute": {"ko": "속성 `{name}`이(가) 없습니다", "en": "attribute `{name}` is missing"},
    "statistics.not_in_place": {"ko": "{trial}: 받은 텐서를 제자리에서 채우고 그 텐서를 반환해야 합니다 "
                                      "(같은 객체를 반환하세요)",
                                "en": "{trial}: must fill the given tensor in place and return it "
                                      "(return the same object)"},
    "statistics.shape_changed": {"ko": "{trial}: 텐서의 모양이 바뀌었습니다", "en": "{trial}: the tensor's shape changed"},
    "statistics.dtype_changed": {"ko": "{trial}: 텐서의 dtype이 {dtype}(으)로 바뀌었습니다",
                                 "en": "{trial}: the tensor's dtype changed to {dtype}"},
    "statistics.same_values": {"ko": "{label}: 시드마다 같은 값이 나왔습니다; torch의 난수 생성기에서 뽑으세요",
                               "en": "{label}: every seed gave the same values; draw them from torch's "
                                     "random generator"},
    "statistics.failed": {"ko": "{label} (시드 {seeds}, 값 {count}개): {test} 검정 실패: {message}",
                          "en": "{label} (seeds {seeds}, {count} values): {test} test failed: {message}"},
    "hint": {"ko": "\n힌트: {hint}", "en": "\nhint: {hint}"},
    "raises.none": {"ko": "{trial}: {wanted} 예외가 발생하지 않았습니다", "en": "{trial}: did not raise {wanted}"},
    "raises.other": {"ko": "{trial}: {exception} ({error}) 예외가 발생했습니다. 기대한 예외는 {wanted}입니다",
                     "en": "{trial}: raised {exception} ({error}), expected {wanted}"},
    "operators.missing": {"ko": "{target}: torch.{required}를 써야 합니다; 호출한 연산: {used}",
                          "en": "{target}: must use torch.{required}; it called {used}"},
    "operators.none": {"ko": "행렬곱 연산자 없음", "en": "no matrix-product operator"},
    "operators.others": {"ko": "{target}: {required} 말고도 {others}를 씁니다; torch.{required}만 쓰세요",
                         "en": "{target}: uses {others} besides {required}; use only torch.{required}"},
    "operators.why": {"ko": "\n{required}인 이유: {reason}", "en": "\nwhy {required}: {reason}"},
    "forbidden.uses": {"ko": "{line}번째 줄: {name} 사용", "en": "line {line}: uses {name}"},
    "forbidden.reflection": {"ko": "{line}번째 줄: {name} 사용: 이 카타에서는 리플렉션을 쓸 수 없습니다",
                             "en": "line {line}: uses {name}: reflection is not allowed in this kata"},
    "forbidden.called": {"ko": "실행 중에 {name} 호출", "en": "called {name} at run time"},
    "forbidden.why": {"ko": "\n이유: {why}", "en": "\nwhy: {why}"},

    # -- stats.py: a random sample against its distribution ----------------------------------
    "stats.test.finite": {"ko": "유한성", "en": "finite"},
    "stats.test.bounds": {"ko": "범위", "en": "bounds"},
    "stats.test.mean": {"ko": "평균", "en": "mean"},
    "stats.test.variance": {"ko": "분산", "en": "variance"},
    "stats.test.shape": {"ko": "분포 모양", "en": "shape"},
    "stats.dist.uniform": {"ko": "균등", "en": "uniform"},
    "stats.dist.normal": {"ko": "정규", "en": "normal"},
    "stats.not_finite": {"ko": "텐서에 NaN이나 무한대 값이 있습니다", "en": "the tensor holds NaN or infinite values"},
    "stats.out_of_bounds": {"ko": "값 {total}개 중 {count}개가 [-{bound}, {bound}] 밖에 있습니다",
                            "en": "{count} of {total} values lie outside [-{bound}, {bound}]"},
    "stats.within_bounds": {"ko": "값 {total}개 모두 ±{bound} 안에 있습니다", "en": "all {total} values within ±{bound}"},
    "stats.mean": {"ko": "평균 {mean}, 기대한 평균 {expected} ± {margin}",
                   "en": "mean {mean}, expected {expected} ± {margin}"},
    "stats.std": {"ko": "표준편차 {std}, 기대한 표준편차 {expected} (비율 {ratio}, n={n})",
                  "en": "standard deviation {std}, expected {expected} (ratio {ratio}, n={n})"},
    "stats.ks": {"ko": "{dist} 분포에 대한 콜모고로프-스미르노프 D={d}, p={p}",
                 "en": "Kolmogorov-Smirnov D={d}, p={p} against the {dist} distribution"},

    # -- plan.py: how the submission's process ended, and the verdict ------------------------
    "fate.sigsegv": {"ko": "세그멘테이션 오류(SIGSEGV)로 죽었습니다",
                     "en": "crashed with a segmentation fault (SIGSEGV)"},
    "fate.sigabrt": {"ko": "중단되었습니다 (SIGABRT)", "en": "aborted (SIGABRT)"},
    "fate.sigbus": {"ko": "버스 오류(SIGBUS)로 죽었습니다", "en": "crashed with a bus error (SIGBUS)"},
    "fate.sigfpe": {"ko": "산술 오류(SIGFPE)로 죽었습니다", "en": "crashed with an arithmetic error (SIGFPE)"},
    "fate.sigill": {"ko": "잘못된 명령어(SIGILL)로 죽었습니다", "en": "crashed with an illegal instruction (SIGILL)"},
    "fate.sigxcpu": {"ko": "CPU 시간 한도를 다 썼습니다 (SIGXCPU)", "en": "used up its CPU-time limit (SIGXCPU)"},
    "fate.sigxfsz": {"ko": "파일 크기 한도보다 큰 파일을 썼습니다 (SIGXFSZ)",
                     "en": "wrote a file larger than the file-size limit (SIGXFSZ)"},
    "fate.sigkill": {"ko": "강제 종료되었습니다 (SIGKILL). 메모리를 너무 많이 썼을 가능성이 큽니다",
                     "en": "was killed (SIGKILL), most likely for using too much memory"},
    "fate.signal": {"ko": "{signal}(으)로 종료되었습니다", "en": "was killed by {signal}"},
    "fate.signal_number": {"ko": "시그널 {number}(으)로 종료되었습니다", "en": "was killed by signal {number}"},
    "fate.zygote": {"ko": "자신의 채점 프로세스(샌드박스의 zygote)를 죽였습니다: 결과를 돌려받을 수 없어 "
                          "슬롯을 새로 만들었습니다",
                    "en": "killed its grading process (the sandbox's zygote): no result could come back; "
                          "the slot was replaced"},
    "fate.timeout": {"ko": "{seconds}초(벽시계 시간)가 지나 시간 초과로 중지되었습니다",
                     "en": "timed out after {seconds} s (wall clock) and was stopped"},
    "fate.unfinished": {"ko": "끝나지 않았습니다", "en": "did not finish"},
    "fate.exit0": {"ko": "검사를 마치기 전에 상태 0으로 일찍 끝났습니다 (os._exit?)",
                   "en": "exited early with status 0 (os._exit?) before finishing the checks"},
    "fate.exit": {"ko": "상태 {code}(으)로 일찍 끝났습니다", "en": "exited early with status {code}"},
    "fate.out_of_memory": {"ko": " (메모리 부족?)", "en": " (out of memory?)"},
    "verdict.not_started": {"ko": "제출물을 시작할 수 없었습니다: {fate}",
                            "en": "the submission could not be started: {fate}"},
    "verdict.import_failed": {"ko": "제출물을 가져오지 못했습니다: {error}{where}",
                              "en": "importing the submission failed: {error}{where}"},
    "verdict.empty_file": {"ko": "파일이 비어 있어 {names} 중 아무것도 정의하지 않으므로 검사를 하나도 실행할 수 없었습니다",
                           "en": "the file is empty: it defines none of {names}, so no check could run"},
    "verdict.defines_none": {"ko": "제출물이 {names} 중 아무것도 정의하지 않아 검사를 하나도 실행할 수 없었습니다",
                             "en": "the submission defines none of {names}, so no check could run"},
    "verdict.process": {"ko": "제출물의 프로세스가 {fate}", "en": "the submission's process {fate}"},
    "verdict.failed": {"ko": "검사 {total}개 중 {failed}개 실패: {names}",
                       "en": "{failed} of {total} checks failed: {names}"},

    # -- pool.py / core.py: a file that cannot be graded, a bad request -----------------------
    "submission.problem": {"ko": "{file}: {problem}", "en": "{file} {problem}"},
    "submission.unreadable": {"ko": "읽을 수 없습니다: {why}", "en": "cannot be read: {why}"},
    "submission.binary": {"ko": "파이썬 소스 파일이 아닙니다 (바이너리 데이터가 들어 있습니다)",
                          "en": "is not a Python source file (it holds binary data)"},
    "submission.not_utf8": {"ko": "UTF-8 텍스트가 아닙니다 (바이트 {byte}): UTF-8 파이썬 소스로 저장하세요",
                            "en": "is not UTF-8 text (byte {byte}): save it as UTF-8 Python source"},
    "submission.syntax": {"ko": "{line}번째 줄에 문법 오류가 있습니다: {error}",
                          "en": "syntax error at line {line}: {error}"},
    "submission.unparsable": {"ko": "구문 분석할 수 없습니다: {error}", "en": "cannot be parsed: {error}"},
    "usage.no_file": {"ko": "{path}: 그런 파일이 없습니다", "en": "{path}: no such file"},
    "usage.folder": {"ko": "{path}은(는) 폴더입니다; 그 안의 파일(하나 또는 여러 개)을 지정하세요",
                     "en": "{path} is a folder; name a file (or several) inside it"},
    "usage.not_kata": {"ko": "{path}: 카타 폴더가 아닙니다 (kata.yaml 없음)",
                       "en": "{path}: not a kata folder (no kata.yaml)"},

    # -- report.py: the terminal text --------------------------------------------------------
    "status.pass": {"ko": "통과", "en": "PASS"},
    "status.fail": {"ko": "실패", "en": "FAIL"},
    "status.error": {"ko": "오류", "en": "ERROR"},
    "report.header": {"ko": "{kata}: {status}  ({seconds}초, {device}, 격리: {isolation})",
                      "en": "{kata}: {status}  ({seconds} s, {device}, isolation: {isolation})"},
    "report.output": {"ko": "출력: ", "en": "output: "},
    "report.submission_output": {"ko": "제출물의 출력:", "en": "output of the submission:"},
    "report.passed": {"ko": "검사 {total}개 중 {passed}개 통과", "en": "{passed} of {total} checks passed"},
    "sandbox.none": {"ko": "샌드박스 없음: 여기서는 bubblewrap을 실행할 수 없어 제출물이 한도만 걸린 채 "
                           "실행되었고, 내 파일을 읽고 내 프로세스에 시그널을 보낼 수 있었습니다",
                     "en": "no sandbox: bubblewrap cannot run here, so the submission ran with limits "
                           "only and could read your files and signal your processes"},

    # -- a class of submissions (grader.batch, `quizapp grade` with several files) -----------
    "batch.no_files": {"ko": "폴더에 .py 파일이 없습니다", "en": "the folder holds no .py files"},
    "batch.checks": {"ko": "검사 {passed}/{total}  {seconds:5.1f}초", "en": "{passed}/{total} checks  {seconds:5.1f} s"},
    "batch.same_as": {"ko": "같은 코드: {paths}", "en": "same code as {paths}"},
    "batch.total": {"ko": "{kata}: 제출물 {total}개, {seconds}초 (슬롯 {jobs}개, {device}, 격리: {isolation})",
                    "en": "{kata}: {total} submissions in {seconds} s ({jobs} slot(s), {device}, "
                          "isolation: {isolation})"},
    "batch.counts": {"ko": "  통과 {passed}   실패 {failed}   오류 {errors}",
                     "en": "  passed {passed}   failed {failed}   errors {errors}"},
    "batch.slowest": {"ko": "  가장 느린 채점: {items}", "en": "  slowest: {items}"},
    "batch.seconds": {"ko": "{name} {seconds}초", "en": "{name} {seconds} s"},
    "batch.same_code": {"ko": "  이름, 주석, 서식만 다른 같은 코드: {paths}",
                        "en": "  same code up to names, comments and formatting: {paths}"},
    "batch.gradebook": {"ko": "  성적표: {path}", "en": "  gradebook: {path}"},
    "batch.isolation_none": {"ko": "없음", "en": "none"},
    "batch.refuse_unsandboxed": {
        "ko": "샌드박스 없이 다른 사람의 파일을 채점하면 그 파일이 내 파일과 프로세스에 접근할 수 있습니다; "
              "그래도 하려면 --allow-unsandboxed를 주세요.",
        "en": "Grading other people's files that way lets them reach your files and processes; "
              "pass --allow-unsandboxed to do it anyway."},
    "batch.missing_paths": {"ko": "그런 파일이나 폴더가 없습니다: {paths}", "en": "no such file or folder: {paths}"},
    "batch.interrupted": {"ko": "중단됨: 아무것도 쓰지 않았습니다", "en": "interrupted: nothing was written"},
    "attempt.not_recorded": {"ko": "경고: 시도를 기록하지 못했습니다: {error}",
                             "en": "warning: the attempt was not recorded: {error}"},
}


def check_lang(lang: str) -> str:
    """``lang`` when the catalogue has it, else ValueError naming the languages it has."""
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}' (use {' or '.join(LANGS)})")
    return lang


def msg(key: str, lang: str = DEFAULT_LANG, **values: Any) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in.

    An unknown key is a KeyError and an unknown language a ValueError: a report never shows a
    key instead of a sentence."""
    try:
        entry = MESSAGES[key]
    except KeyError:
        raise KeyError(f"the grader has no message {key!r}") from None
    return entry[check_lang(lang)].format(**values)


def child_error(record: dict, lang: str = DEFAULT_LANG) -> str:
    """What a failed record of the submission's process says, in ``lang``.

    ``runner.py`` names the failures it recognises (``reason``: ``exit``, ``memory``,
    ``not_implemented``, with the ``phase``); any other exception is the submission's own
    message (``error``), shown as it is."""
    reason = record.get("reason")
    if reason not in ("exit", "memory", "not_implemented"):
        return str(record.get("error") or "")
    task = record.get("task")
    phase = msg("phase.task", lang, task=task) if task is not None else msg("phase.import", lang)
    return msg(f"child.{reason}", lang, phase=phase, code=record.get("exit_code", ""))
