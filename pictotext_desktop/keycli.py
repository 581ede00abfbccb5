"""The `key` sub-commands: set, status, test and remove the API keys from a terminal.

    pictotext-desktop key set [--secondary]      # reads the key from stdin (hidden on a TTY)
    pictotext-desktop key status
    pictotext-desktop key test [--secondary]
    pictotext-desktop key remove [--secondary]

Exit codes: 3 for a key problem (no key, invalid key, no keyring to store it in), 6 when
PicToText can't be reached, 0 otherwise.  The full key is never printed: only the
masked form (`sk_live_…abcd`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from pictotext_desktop.api.client import PicToTextClient, mask_key
from pictotext_desktop.credentials import (
    ENV_VARS,
    ROTATION_DAYS,
    SLOTS,
    KeyStore,
    Slot,
    error_text,
)
from pictotext_desktop.errors import (
    EXIT_AUTH,
    EXIT_OK,
    EXIT_SERVICE,
    PicToTextError,
)
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.textsafe import for_terminal

SOURCE_WORDS = {"env": "environment", "session": "this session only", "keyring": "keyring"}


def add_key_parser(subparsers: Any) -> None:
    """Register `key set|status|test|remove [--secondary]` on the main parser's subparsers."""
    key = subparsers.add_parser(
        "key",
        help="store, show, test or remove the PicToText API key (kept in the OS keyring)",
        description="Manage the PicToText API keys. Keys live in the system keyring; "
        "PICTOTEXT_API_KEY / PICTOTEXT_API_KEY_SECONDARY override it for one run.",
    )
    actions = key.add_subparsers(dest="key_command", required=True, metavar="ACTION")
    helps = {
        "set": "store a key read from stdin (typed without echo on a terminal)",
        "status": "show the keyring backend and each key, masked, with its age and usage",
        "test": "check the key with PicToText (only HTTP 401 means invalid)",
        "remove": "delete the key from the keyring",
    }
    for name, text in helps.items():
        action = actions.add_parser(name, help=text, description=text)
        if name != "status":
            action.add_argument(
                "--secondary",
                action="store_true",
                help="the secondary key (used when the primary one is refused)",
            )
        if name == "test":
            # The server to test against; SUPPRESS keeps a top-level --api-url intact.
            action.add_argument("--api-url", dest="api_url", metavar="URL",
                                default=argparse.SUPPRESS,
                                help="PicToText server address for this run")


def run_key(
    args: argparse.Namespace,
    settings: SettingsStore,
    client_factory: Callable[[], PicToTextClient],
    *,
    keystore: KeyStore | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one `key` action; returns the exit code."""
    cli = _KeyCli(
        keystore or KeyStore(settings),
        client_factory,
        stdin or sys.stdin,
        stdout or sys.stdout,
        stderr or sys.stderr,
    )
    slot: Slot = "secondary" if getattr(args, "secondary", False) else "primary"
    command = getattr(args, "key_command", None) or "status"
    try:
        if command == "set":
            return cli.set(slot)
        if command == "test":
            return cli.test(slot)
        if command == "remove":
            return cli.remove(slot)
        return cli.status()
    except PicToTextError as exc:
        cli.fail(exc)
        return exc.exit_code


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "never"


class _KeyCli:
    def __init__(
        self,
        store: KeyStore,
        client_factory: Callable[[], PicToTextClient],
        stdin: TextIO,
        stdout: TextIO,
        stderr: TextIO,
    ) -> None:
        self.store = store
        self.client_factory = client_factory
        self.stdin = stdin
        self.out = stdout
        self.err = stderr

    # Every line may quote the server (its message, a reason) or the keyring backend's
    # name: control characters are shown as escapes, never sent to the terminal.
    def say(self, text: str) -> None:
        print(for_terminal(text), file=self.out)

    def warn(self, text: str) -> None:
        print(for_terminal(f"pictotext-desktop: {text}"), file=self.err)

    def fail(self, error: PicToTextError) -> None:
        """The error's paragraph: its message on one escaped line, then what to do."""
        text = error_text(error)
        tail = "\n" + error.action
        head, action = (text[: -len(tail)], error.action) if text.endswith(tail) else (text, "")
        self.warn(head)
        if action:
            print(for_terminal(action, keep_newlines=True), file=self.err)

    # -- set ---------------------------------------------------------------------------
    def _read_key(self, slot: Slot) -> str:
        if self.stdin.isatty():
            return getpass.getpass(f"Paste the {slot} PicToText API key (input hidden): ")
        return self.stdin.readline()

    def set(self, slot: Slot) -> int:
        info = self.store.backend_info
        if info.problem is not None:
            # Don't ask for a key that cannot be kept: explain first.
            self.fail(info.problem)
            self.warn(
                f"Nothing was stored. For one run, set {ENV_VARS[slot]} in the environment."
            )
            return info.problem.exit_code
        result = self.store.set(slot, self._read_key(slot))
        if result.warning:
            self.warn(f"warning: {result.warning}")
        self.say(f"Stored the {slot} key {result.masked} in {info.name}.")
        if result.overridden_by_env:
            self.warn(
                f"note: {ENV_VARS[slot]} is set, so this process and its children use the "
                "environment's key instead."
            )
        self.say(f"Check it with: pictotext-desktop key test{_flag(slot)}")
        return EXIT_OK

    # -- status ------------------------------------------------------------------------
    def status(self) -> int:
        info = self.store.backend_info
        if info.problem is not None:
            self.say(f"Keyring: none usable ({info.name})")
            self.fail(info.problem)
        else:
            self.say(f"Keyring: {info.name}")
        for slot in SLOTS:
            key = self.store.get(slot)
            if key is None:
                self.say(f"{slot.capitalize()} key: not set")
                continue
            source = self.store.source(slot) or "keyring"
            self.say(f"{slot.capitalize()} key: {mask_key(key)} (from the {SOURCE_WORDS[source]})")
            age = self.store.age_days(slot)
            usage = self.store.usage_this_month(slot)
            self.say(f"  added: {_age_words(age)}")
            self.say(
                f"  calls this month: {usage.total} ({usage.ok} succeeded, {usage.failed} failed)"
            )
            self.say(f"  last used: {_when(self.store.last_used(slot))}")
            if self.store.rotation_due(slot):
                self.say(
                    f"  note: this key is {age} days old. PicToText recommends rotating keys "
                    f"every {ROTATION_DAYS} days: create a new one in the dashboard, then "
                    f"`pictotext-desktop key set{_flag(slot)}`."
                )
        if self.store.problem is not None and info.problem is None:
            self.fail(self.store.problem)
            return self.store.problem.exit_code
        if not self.store.has_any_key():
            self.warn(
                "No API key. Store one with `pictotext-desktop key set` or set "
                f"{ENV_VARS['primary']}."
            )
            return EXIT_AUTH
        return EXIT_OK

    # -- test --------------------------------------------------------------------------
    def test(self, slot: Slot) -> int:
        key = self.store.require(slot)
        masked = mask_key(key)
        client = self.client_factory()
        try:
            check = client.check_key(key)
        finally:
            client.close()
        outcome = check.outcome
        if outcome == "unreachable":
            self.warn(f"Couldn't reach PicToText at {client.base_url}; the key {masked} was "
                      "not tested (this does not mean it is invalid).")
            if check.error is not None:
                self.fail(check.error)
            return EXIT_SERVICE
        if outcome == "invalid":
            reason = check.error.reason_code if check.error else "HTTP 401"
            self.warn(f"The {slot} key {masked} is invalid ({reason}).")
            if check.error is not None:
                self.fail(check.error)
            return EXIT_AUTH
        self.say(f"The {slot} key {masked} works (HTTP {check.status}).")
        if outcome == "account" and check.error is not None:
            self.say(f"But the account needs attention: {check.error.title}.")
            self.say(f"  {check.error.explanation}")
            self.say(f"  {check.error.action}")
        return EXIT_OK

    # -- remove ------------------------------------------------------------------------
    def remove(self, slot: Slot) -> int:
        removed = self.store.remove(slot)
        if removed:
            self.say(f"Removed the {slot} key.")
        else:
            self.say(f"No {slot} key was stored; nothing to remove.")
        if self.store.source(slot) == "env":
            self.warn(f"note: {ENV_VARS[slot]} is still set in the environment.")
        return EXIT_OK


def _flag(slot: Slot) -> str:
    return " --secondary" if slot == "secondary" else ""


def _age_words(age: int | None) -> str:
    if age is None:
        return "unknown (not added with this app)"
    if age == 0:
        return "today"
    return "1 day ago" if age == 1 else f"{age} days ago"
