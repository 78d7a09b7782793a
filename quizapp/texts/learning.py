"""Texts of the adaptive schedule: ``quizapp optimize`` (FSRS fitted to the learner), questions a
failed kata check brought back, and katas due for review, in Korean and English."""

TEXTS: dict[str, dict[str, str]] = {
    # -- quizapp optimize -----------------------------------------------------------------------
    "fit.reviews": {"ko": "복습 기록 {reviews}개 중 {used}개로 맞췄습니다 (같은 카드를 하루 이상 지나 다시 본 복습만 셉니다).",
                    "en": "Fitted from {used} of the {reviews} reviews in your log (those of a card "
                          "seen again on a later day)."},
    "fit.fallback": {"ko": "쓸 수 있는 복습이 {used}개뿐입니다. FSRS는 {needed}개부터 맞추므로 기본 매개변수를 그대로 씁니다. {more}개 더 쌓이면 다시 실행하세요.",
                     "en": "Only {used} of your reviews can be used; FSRS needs {needed} to fit, so "
                           "the default parameters stay in use. Run it again after {more} more."},
    "fit.stored": {"ko": "맞춘 매개변수를 저장했습니다 (#{id}, {when}). 이제부터 복습 일정은 이 값으로 잡습니다.",
                   "en": "Stored the fitted parameters (#{id}, {when}); your reviews are scheduled "
                         "with them from now on."},
    "fit.worse": {"ko": "맞춘 매개변수가 지금 쓰는 값보다 내 기록을 더 못 맞춰서 저장하지 않았습니다.",
                  "en": "The fitted parameters predict your own log worse than those in use, so "
                        "they were not stored."},
    "fit.metrics": {"ko": "예측 정확도 (낮을수록 좋음)", "en": "How well each set predicts your recalls (lower is better)"},
    "fit.col.set": {"ko": "매개변수", "en": "parameters"},
    "fit.col.log_loss": {"ko": "로그 손실", "en": "log-loss"},
    "fit.col.rmse": {"ko": "RMSE(구간)", "en": "RMSE (bins)"},
    "fit.set.defaults": {"ko": "기본값", "en": "defaults"},
    "fit.set.current": {"ko": "맞추기 전", "en": "before"},
    "fit.set.fitted": {"ko": "맞춘 값", "en": "fitted"},
    "fit.parameters": {"ko": "쓰는 매개변수: {params}", "en": "Parameters in use: {params}"},
    "fit.retention": {"ko": "목표 기억률 {desired} · 최적 기억률 {optimal}",
                      "en": "Desired retention {desired} · optimal retention {optimal}"},
    "fit.retention_hint": {"ko": "최적 기억률은 기억하는 카드 하나당 복습 시간이 가장 적은 값입니다. 쓰려면: quizapp optimize --retention {optimal}",
                           "en": "The optimal retention costs the least review time per card "
                                 "remembered. To use it: quizapp optimize --retention {optimal}"},
    "fit.no_optimal": {"ko": "최적 기억률 없음: {why}", "en": "No optimal retention: {why}"},
    "fit.took": {"ko": "맞추는 데 {s}초 걸렸습니다.", "en": "The fit took {s} s."},
    "fit.running": {"ko": "복습 {n}개로 FSRS를 맞추는 중입니다 (별도 프로세스, 최대 {limit}초)…",
                    "en": "Fitting FSRS to {n} reviews in a separate process (at most {limit} s)…"},
    "fit.failed": {"ko": "맞추지 못했습니다: {error}. 아무것도 바뀌지 않았습니다.",
                   "en": "The fit failed: {error}. Nothing was changed."},
    "fit.retention_set": {"ko": "목표 기억률을 {value}(으)로 저장했습니다. 다음 복습부터 적용됩니다.",
                          "en": "Desired retention set to {value}; it applies from the next review."},
    "fit.last_fit": {"ko": "마지막으로 맞춘 때: {when}, 복습 {used}개 사용", "en": "Last fit: {when}, from {used} reviews"},
    "fit.never": {"ko": "아직 내 기록으로 맞춘 적이 없습니다 (기본 매개변수 사용 중).",
                  "en": "Not fitted to your reviews yet (the default parameters are in use)."},
    "fit.offer": {"ko": "새로 맞출 만큼 복습이 쌓였습니다: quizapp optimize",
                  "en": "Enough new reviews for a new fit: quizapp optimize"},
    "fit.not_yet": {"ko": "다음 맞추기는 쓸 수 있는 복습이 {needed}개가 되면 (지금 {used}개).",
                    "en": "A new fit is worth it at {needed} usable reviews (now {used})."},
    # -- questions brought back by a failed kata check ----------------------------------------
    "recall.because": {"ko": "다시 나온 이유: 카타 {kata}의 검사 실패 ({checks})",
                       "en": "Back because {kata} failed: {checks}"},
    # -- katas due for review -----------------------------------------------------------------
    "home.katas_due": {"ko": "복습할 카타 {n}개", "en": "{n} katas due", "en_one": "{n} kata due"},
    "home.kata_due_next": {"ko": "복습할 카타: {kata}", "en": "Due for review: {kata}"},
}
