"""One module per screen: home, quiz, kata, stats, settings, help, errors (and mock, when present)."""
