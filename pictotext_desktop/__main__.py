"""`python -m pictotext_desktop` behaves exactly like the `pictotext-desktop` command."""

from pictotext_desktop.cli import main

raise SystemExit(main())
