"""Shared Qt pieces: signals from workspace events, undo, tasks, dialogs, icons, settings."""
