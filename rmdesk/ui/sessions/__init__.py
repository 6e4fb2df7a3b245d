"""The Sessions view: every active pair on a timeline row, its health, quick logging of
sessions, the selected pair's sessions, notes and actions."""
