"""The stand-in PicToText server for tests and for trying the app by hand.

    python -m tests.stand_in_server

The implementation ships in the package (`pictotext_desktop.standin`) so that the frozen
bundle's self-test can use it too; this module keeps the tests' import path.
"""

from pictotext_desktop.standin import *  # noqa: F403
from pictotext_desktop.standin import main

if __name__ == "__main__":
    raise SystemExit(main())
