"""The Roster view: the people table, its search, and the import dialog."""
