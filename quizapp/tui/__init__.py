"""The terminal UI (Textual). Entry point: :func:`quizapp.tui.app.cmd_tui`."""
