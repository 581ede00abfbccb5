"""The API key's status in the status bar and drop zone, read off the GUI thread.

Reading it opens the OS keyring: choosing its backend (imports and D-Bus, ~0.15 s), then
the entries, and a locked keyring asks for its password and waits for the answer
(gnome-keyring's unlock prompt).  The window must go on painting meanwhile, so
`KeyStatus.refresh()` reads in a thread of its own, as the result store is opened
(`QueueController.open_results`), and the answer comes back by a signal.  Until it has,
the status bar says "Checking the API key…".

What else needs the key while it is being read (docs/architecture.md):
- Start and the engine setting "auto" read it where they use it: in the upload thread's
  pool (`EngineRouter.engine_for`), which waits on the keystore's lock until this read
  ends, so the first image goes where the key says, and the GUI thread never waits.
- Settings waits for it: `MainWindow.open_settings` opens the dialog (which reads the
  keystore in the GUI thread) once the status is known.
- An error dialog's report names the key's last 4 only once it is known.

The key itself never leaves the keystore: `KeyFacts` holds masked keys (prefix and last 4).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pictotext_desktop.ui import status_text

if TYPE_CHECKING:
    from pictotext_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
SLOTS = ("primary", "secondary")


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


@dataclass(frozen=True)
class KeyFacts:
    """What the status bar shows of the keystore, read at once in the reading thread.

    Answers the questions `status_text.rotation_note` asks a keystore, from memory.
    """

    masks: Mapping[str, str | None]  # slot -> masked key (`sk_live_…abcd`) or None
    primary_source: str | None  # "env", "session", "keyring"
    active_slot: str
    ages: Mapping[str, int | None]  # slot -> days since the key was added here
    due: Mapping[str, bool]  # slot -> 90+ days old

    @property
    def shown(self) -> str | None:
        return self.masks.get("primary") or self.masks.get("secondary")

    @property
    def has_key(self) -> bool:
        return self.shown is not None

    def masked(self, slot: str) -> str | None:
        return self.masks.get(slot)

    def age_days(self, slot: str) -> int | None:
        return self.ages.get(slot)

    def rotation_due(self, slot: str) -> bool:
        return self.due.get(slot, False)


NO_KEY = KeyFacts(masks={}, primary_source=None, active_slot="primary", ages={}, due={})


def read_facts(keystore: Any) -> KeyFacts:
    """In the reading thread: the questions the status bar asks, in the order it asks them,
    so a slot is read from the keyring only when the answer needs it (a key in
    PICTOTEXT_API_KEY opens no keyring entry, and so no unlock prompt)."""
    _ = keystore.backend_info  # choose the backend here, not in the GUI thread
    masks: dict[str, str | None] = {}

    def masked(slot: str) -> str | None:
        if slot not in masks:
            masks[slot] = keystore.masked(slot)
        return masks[slot]

    shown = masked("primary") or masked("secondary")
    active = str(keystore.active_slot)
    # The slot `status_text.rotation_note` looks at: the first of these with a key.
    slot = next((s for s in (active, "primary", "secondary") if masked(s)), None)
    return KeyFacts(
        masks=masks,
        primary_source=keystore.source("primary") if shown else None,
        active_slot=active,
        ages={slot: keystore.age_days(slot)} if slot else {},
        due={slot: keystore.rotation_due(slot)} if slot else {},
    )


class KeyStatus(QObject):
    """The window's view of the key: `facts` (None while being read) and its labels."""

    known = Signal(object)  # KeyFacts, in the GUI thread, once a read has ended
    _read = Signal(int, object)  # (read number, KeyFacts or exception) from the thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.facts: KeyFacts | None = None
        self._reads = 0  # the number of the newest read asked for
        self._reading = False  # a thread is reading (maybe an older read)
        self._read.connect(self._on_read)

    @property
    def pending(self) -> bool:
        return self.facts is None

    def refresh(self) -> None:
        """Read the key's status again (at start, after a key change); until it has been
        read, `facts` is None and the labels say so.  One thread at a time: a read asked
        for while one runs starts when it ends (its answer is older, so it is dropped)."""
        self.facts = None
        self._reads += 1
        if not self._reading:
            self._start()
        self.show()

    def ensure_read(self) -> None:
        """Start reading unless the status is known or being read."""
        if self.facts is None and not self._reading:
            self.refresh()

    def _start(self) -> None:
        self._reading = True
        number = self._reads
        keystore = self.window.keystore  # built in the GUI thread: it reads nothing yet

        def run() -> None:
            try:
                outcome: object = read_facts(keystore)
            except Exception as exc:  # a keystore bug: shown as "no key", logged by type
                outcome = exc
            with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                self._read.emit(number, outcome)

        threading.Thread(target=run, name="pictotext-key-status", daemon=True).start()

    def _on_read(self, number: int, outcome: object) -> None:
        """In the GUI thread: show the answer, or read again if a newer read was asked."""
        self._reading = False
        if number != self._reads:
            self._start()
            return
        if not isinstance(outcome, KeyFacts):
            log.warning("could not read the key status: %s", type(outcome).__name__)
            outcome = NO_KEY
        self.facts = outcome
        self.show()
        self.known.emit(outcome)

    # -- what the window shows ----------------------------------------------------------
    def engine_text(self) -> str:
        """Which engine reads the selected type; "auto" says it is checking the key."""
        mode = str(self.window.store.get("engine"))
        if self.facts is None and mode not in ("cloud", "local"):
            return tr("Automatic (checking the API key…)")
        has_key = self.facts is not None and self.facts.has_key
        return status_text.engine_text(mode, has_key, self.window.doc_type.value())

    def show(self) -> None:
        """Put the key status on the status bar and the drop zone (cheap: no keyring)."""
        window, facts = self.window, self.facts
        engine = self.engine_text()
        if facts is None:
            key_text = tr("Checking the API key…")
        else:
            key_text = status_text.key_text(facts.shown, facts.primary_source)
        window.key_status.setText(key_text)
        window.engine_status.setText(tr("Engine: {name}").format(name=engine))
        # Until the key is known, no advice about a missing one (has_key=True says none).
        window.drop_zone.set_status(status_text.drop_zone_status(
            engine, key_text, has_key=facts is None or facts.has_key,
            mode=str(window.store.get("engine")), document_type=window.doc_type.value()))
        # A gentle note when the key in use is 90+ days old (the docs' rotation advice).
        note = status_text.rotation_note(facts) if facts is not None else None
        window.rotation_status.setVisible(note is not None)
        text, tooltip = note or ("", "")
        window.rotation_status.setText(text)
        window.rotation_status.setToolTip(tooltip)

    def keystore_for_report(self) -> Any:
        """The keystore when an error report may ask it for the key's last 4 without
        waiting on the keyring (a key is known, so it is in memory), else None."""
        if self.facts is None or not self.facts.has_key:
            return None
        return self.window.keystore
