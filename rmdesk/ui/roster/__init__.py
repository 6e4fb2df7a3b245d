"""The Roster view: the people table, its search, and the import dialog."""

#: From this many people the window paints first and reads the roster in the background
#: (``loader.RosterLoader``); below it a thread is not worth it. Here, in the package, so
#: the window reads it without importing the loader before it paints.
BACKGROUND_FROM = 20_000
