"""Texts of the command line's output (tables, summaries, messages), in Korean and English."""

TEXTS: dict[str, dict[str, str]] = {
    # -- kata list ------------------------------------------------------------------------------
    "cli.kata.col.id": {"ko": "ID", "en": "ID"},
    "cli.kata.col.level": {"ko": "난이도", "en": "LEVEL"},
    "cli.kata.col.minutes": {"ko": "분", "en": "MIN"},
    "cli.kata.col.topics": {"ko": "주제", "en": "TOPICS"},
    "cli.kata.col.done": {"ko": "진행", "en": "DONE"},
    "cli.kata.col.title": {"ko": "제목", "en": "TITLE"},
    "cli.kata.done": {"ko": "통과", "en": "done"},
    "cli.kata.tried": {"ko": "시도", "en": "tried"},
    "cli.kata.due": {"ko": "복습", "en": "due"},
    "cli.kata.broken": {"ko": "읽을 수 없음: {error}", "en": "broken: {error}"},
    "cli.kata.none": {"ko": "{folder}에 카타가 없습니다", "en": "no katas in {folder}"},
    "cli.kata.count": {"ko": "카타 {n}개. 읽기: quizapp kata show ID; 시작: quizapp kata start ID",
                       "en": "{n} katas. Read one: quizapp kata show ID; "
                             "start it: quizapp kata start ID",
                       "en_one": "{n} kata. Read one: quizapp kata show ID; "
                                 "start it: quizapp kata start ID"},
    "cli.kata.broken_count": {"ko": "카타 폴더 {n}개를 읽지 못했습니다; 이유: `quizapp kata lint {ids}`",
                              "en": "{n} kata folder(s) could not be read; "
                                    "`quizapp kata lint {ids}` says why."},
    # -- kata show ------------------------------------------------------------------------------
    "cli.kata.difficulty": {"ko": "난이도", "en": "difficulty"},
    "cli.kata.minutes": {"ko": "약 {m}분", "en": "about {m} min"},
    "cli.kata.topics": {"ko": "주제", "en": "topics"},
    "cli.kata.source": {"ko": "출처", "en": "source"},
    "cli.kata.define": {"ko": "정의할 것", "en": "define"},
    "cli.kata.hints": {"ko": "힌트", "en": "hints"},
    "cli.kata.hints_note": {"ko": "{n}개, 앱(`quizapp`)에서 하나씩 볼 수 있습니다",
                            "en": "{n}, shown one at a time in the app (`quizapp`)"},
    "cli.kata.start": {"ko": "시작", "en": "start"},
    "cli.kata.grade": {"ko": "채점", "en": "grade"},
    "cli.kata.your_file": {"ko": "내 파일", "en": "your file"},
    "cli.kata.exists": {"ko": "(이미 있음: `quizapp kata start {id} --force`는 시작 파일로 덮어씁니다)",
                        "en": "(exists: `quizapp kata start {id} --force` replaces it with the starter)"},
    "cli.kata.unusable": {"ko": "카타 '{id}'를 쓸 수 없습니다: {error}",
                          "en": "kata '{id}' cannot be used: {error}"},
    # -- kata start -----------------------------------------------------------------------------
    "cli.kata.file_exists": {
        "ko": "{file}이(가) 이미 있고 작업 내용이 들어 있을 수 있어 그대로 두었습니다.\n"
              "  채점:      quizapp grade {id} {file}\n"
              "  새로 시작: quizapp kata start {id}{dir} --force   (시작 파일로 덮어씁니다)",
        "en": "{file} already exists and may hold your work; it was left as it is.\n"
              "  grade it:   quizapp grade {id} {file}\n"
              "  start over: quizapp kata start {id}{dir} --force   (replaces it with the starter)"},
    "cli.kata.cannot_write": {"ko": "시작 파일을 쓸 수 없습니다: {error}",
                              "en": "cannot write the starter: {error}"},
    "cli.kata.started": {"ko": "고친 다음 채점하세요: quizapp grade {id} {file}",
                         "en": "Edit it, then grade it: quizapp grade {id} {file}"},
    # -- stats --------------------------------------------------------------------------------
    "cli.stats.db": {"ko": "진도 데이터베이스: {db}", "en": "Progress database: {db}"},
    "cli.stats.summary": {"ko": "복습 {reviews} · 카타 시도 {katas} · 지금 복습할 것 {due} · 새 문제 {new}"
                                " · 연속 {streak}",
                          "en": "Reviews {reviews} · kata attempts {katas} · due now {due} · new {new}"
                                " · streak {streak}"},
    "cli.stats.days": {"ko": "{n}일", "en": "{n} days", "en_one": "{n} day"},
    "cli.stats.keep_streak": {"ko": " (오늘 풀면 이어집니다)", "en": " (practise today to keep it)"},
    "cli.stats.changed": {"ko": "마지막 복습 뒤에 고쳐진 문제 {n}개: 다시 복습합니다.",
                          "en": "{n} question(s) edited since you last reviewed them: due again."},
    "cli.stats.target": {"ko": "면접일 {date} ({when})", "en": "Interview day {date} ({when})"},
    "cli.stats.today": {"ko": "오늘", "en": "today"},
    "cli.stats.in_days": {"ko": "{n}일 남음", "en": "in {n} days"},
    "cli.stats.days_ago": {"ko": "{n}일 지남", "en": "{n} days ago"},
    "cli.stats.no_questions": {"ko": "문제 은행에 문제가 없습니다.", "en": "No questions found in the banks."},
    "cli.stats.col.topic": {"ko": "주제", "en": "Topic"},
    "cli.stats.col.questions": {"ko": "문제", "en": "Qs"},
    "cli.stats.col.seen": {"ko": "푼 것", "en": "Seen"},
    "cli.stats.col.due": {"ko": "복습", "en": "Due"},
    "cli.stats.col.recall": {"ko": "지금 기억", "en": "Recall now"},
    "cli.stats.col.on": {"ko": "{date}에", "en": "On {date}"},
    "cli.stats.katas": {"ko": "카타", "en": "Katas"},
    "cli.stats.kata_never": {"ko": "시도하지 않음", "en": "never tried"},
    "cli.stats.kata_passed": {"ko": "{when}에 통과", "en": "passed {when}"},
    "cli.stats.kata_last": {"ko": " (마지막 시도 {status} {when})", "en": " (last attempt {status} {when})"},
    "cli.stats.kata_failing": {"ko": "아직 통과 못 함 (마지막 {status} {when})",
                               "en": "failing (last {status} {when})"},
    "cli.stats.kata_attempts": {"ko": ", 시도 {n}번", "en": ", {n} attempts", "en_one": ", {n} attempt"},
    "cli.stats.year": {"ko": "지난 1년", "en": "The last 365 days"},
    "cli.stats.schedule": {"ko": "복습 일정 (FSRS)", "en": "The schedule (FSRS)"},
    "cli.stats.calibration": {"ko": "예측과 실제: FSRS가 예측한 기억률과 실제로 맞힌 비율 (월별)",
                              "en": "Predicted against recalled: the retention FSRS predicted and "
                                    "the share you recalled, per month"},
    "cli.stats.no_calibration": {"ko": "아직 복습 기록이 없습니다.", "en": "No reviews yet."},
    "cli.stats.cal.month": {"ko": "월", "en": "Month"},
    "cli.stats.cal.reviews": {"ko": "복습", "en": "Reviews"},
    "cli.stats.cal.predicted": {"ko": "예측", "en": "Predicted"},
    "cli.stats.cal.recalled": {"ko": "실제", "en": "Recalled"},
    "cli.stats.cal.metrics": {"ko": "복습 {n}개에 대해 지금 매개변수의 로그 손실 {log_loss} · RMSE {rmse}",
                              "en": "Parameters in use over {n} reviews: log-loss {log_loss} · "
                                    "RMSE {rmse}"},
    "cli.stats.mocks": {"ko": "최근 모의 면접", "en": "Recent mock interviews"},
    "cli.stats.minutes": {"ko": "{n}분", "en": "{n} min"},
    "cli.stats.unfinished": {"ko": "끝나지 않음", "en": "unfinished"},
    "cli.stats.orphans": {"ko": "복습한 문제 {n}개가 문제 은행에서 빠졌습니다 (기록은 남아 있습니다).",
                          "en": "{n} reviewed question(s) are no longer in the banks "
                                "(their history is kept)."},
}
