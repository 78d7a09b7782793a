"""The command layer: every ``quizapp`` subcommand's handler lives here, one module per command.

A handler takes the parsed ``argparse.Namespace`` and returns an exit code from
``quizapp.exit_codes``. Handlers are the only code besides the TUI that prints, reads arguments,
picks the language or starts the app; the domain modules they call return values.
"""
