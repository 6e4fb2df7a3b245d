"""The Pairing board: cohort lists, drag and drop, live verdicts, suggestions."""
