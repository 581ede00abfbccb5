"""`python -m pictotext_desktop` behaves exactly like the `pictotext-desktop` command.

`freeze_support()` first: in the frozen app a card worker process (card_worker.py) starts
this same executable, which must run that worker and end, not start a second app."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from pictotext_desktop.cli import main

    raise SystemExit(main())
