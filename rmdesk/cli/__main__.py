"""``python -m rmdesk.cli``: the same as the ``rmdesk`` command."""

from rmdesk.cli import main

raise SystemExit(main())
