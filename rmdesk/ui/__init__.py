"""Qt widgets over the Workspace: thin adapters, undo commands and dialogs."""
