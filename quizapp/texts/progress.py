"""Texts of what quizapp exports and shows about progress: the Anki deck's labels and the
review heatmap, in Korean and English."""

TEXTS: dict[str, dict[str, str]] = {
    # -- the Anki deck (card labels) ----------------------------------------------------------
    "anki.answer": {"ko": "정답", "en": "Answer"},
    "anki.explanation": {"ko": "해설", "en": "Explanation"},
    "anki.source": {"ko": "출처", "en": "Source"},
    "anki.model_answer": {"ko": "모범 답안", "en": "Model answer"},
    "anki.key_points": {"ko": "핵심 포인트", "en": "Key points"},
    "anki.also": {"ko": "다른 정답", "en": "Also accepted"},
    "anki.output": {"ko": "출력", "en": "Output"},
    "anki.pick_one": {"ko": "하나를 고르세요.", "en": "Pick one."},
    "anki.pick_all": {"ko": "해당하는 것을 모두 고르세요.", "en": "Pick all that apply."},
    "anki.true_or_false": {"ko": "참인가요, 거짓인가요?", "en": "True or false?"},
    "anki.true": {"ko": "참", "en": "True"},
    "anki.false": {"ko": "거짓", "en": "False"},
    "anki.deck_description": {
        "ko": "quizapp의 PyTorch 면접 문제입니다. 새로 내보낸 덱을 다시 가져오면 같은 노트가 "
              "갱신되고 복습 기록은 그대로 남습니다.",
        "en": "PyTorch interview questions from quizapp. Importing a newer export updates these "
              "notes and keeps their review history."},
    # -- the review heatmap -------------------------------------------------------------------
    "heatmap.less": {"ko": "적음", "en": "Less"},
    "heatmap.more": {"ko": "많음", "en": "More"},
    "heatmap.days_active": {"ko": "활동 {n:,}일", "en": "{n:,} active days",
                            "en_one": "{n:,} active day"},
    "heatmap.reviews": {"ko": "복습 {n:,}회", "en": "{n:,} reviews", "en_one": "{n:,} review"},
    "heatmap.kata_attempts": {"ko": "카타 {n:,}회", "en": "{n:,} kata attempts",
                              "en_one": "{n:,} kata attempt"},
    "heatmap.longest_streak": {"ko": "최장 연속 {n:,}일", "en": "longest streak {n:,} days",
                               "en_one": "longest streak {n:,} day"},
    "heatmap.current_streak": {"ko": "현재 연속 {n:,}일", "en": "current streak {n:,} days",
                               "en_one": "current streak {n:,} day"},
}
