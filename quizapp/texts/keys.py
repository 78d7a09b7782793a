"""Key binding descriptions (English, as written in ``BINDINGS``) and their Korean."""

KEY_TEXTS: dict[str, str] = {
    "Help": "도움말", "Quit": "종료", "Back": "뒤로", "Home": "홈", "Continue": "이어서",
    "Quiz": "퀴즈", "Katas": "카타", "Mock": "모의 면접", "Stats": "통계", "Settings": "설정",
    "Due only": "복습만", "Start": "시작", "More": "더", "Fewer": "덜", "Submit": "제출",
    "Next": "다음", "Confirm": "확정", "Choose": "고르기", "Tick": "체크", "New quiz": "새 퀴즈",
    "Open": "열기", "Save": "저장", "Grade": "채점", "Hint": "힌트", "Solution": "풀이",
    "$EDITOR": "$EDITOR", "Watch": "감시", "Reload": "다시 읽기", "Close": "닫기",
    "Palette": "팔레트", "Go on": "계속", "Refresh": "새로고침", "Language": "언어",
    "Focus next": "다음 칸", "Editor": "편집기", "palette": "팔레트",
    "Resume mock": "모의 면접 이어서", "I was right": "내 답이 맞아요", "Fit schedule": "일정 맞추기", "Close mock": "모의 면접 닫기",
    # the mock interview's run screen (ctrl+f "Finish" asks, y "Submit all" confirms)
    "Previous": "이전", "Items": "문항", "Load file": "파일 불러오기", "Finish": "끝내기",
    "Submit all": "모두 제출",
}
