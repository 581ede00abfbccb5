"""What the status bar and drop zone say, and which queue actions are enabled.

Plain functions of the state they are given (settings values, key facts, jobs), so they
are tested without a window; the window only puts their answers on its labels and
actions.  Cheap to import (the window's first paint uses `counts_text`): anything
heavier is imported inside the function that needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job, JobState


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


def engine_text(mode: str, has_key: bool, document_type: str) -> str:
    """Which engine reads `document_type` with this engine setting and key."""
    if mode == "cloud":
        return tr("PicToText cloud")
    if mode == "local":
        return tr("On this computer")
    from pictotext_desktop.engines.router import LOCAL_TYPES, engine_name

    if engine_name(mode, has_key, document_type) == "cloud":
        if has_key and document_type in LOCAL_TYPES:
            # Readable on this computer, yet uploaded because a key is set: say so.
            return tr("Automatic (PicToText cloud, because a key is set)")
        return tr("Automatic (PicToText cloud)")
    return tr("Automatic (on this computer)")


def key_text(masked: str | None, source: str | None) -> str:
    """The key in use, masked, and where it comes from; or how to set one."""
    if not masked:
        return tr("No key yet — set one in Settings")
    text = tr("Key: {masked}").format(masked=masked)
    if source == "env":
        text += tr(" (from PICTOTEXT_API_KEY)")
    return text


def drop_zone_status(engine: str, key: str, *, has_key: bool, mode: str,
                     document_type: str) -> str:
    """The drop zone's lines: the engine, the key, and what happens without a key."""
    from pictotext_desktop import catalog

    lines = [tr("Reads with: {engine}").format(engine=engine), key]
    if not has_key and mode != "cloud" and document_type == catalog.DEFAULT_TYPE:
        lines.append(tr("Chinese ID cards are read on this computer; nothing is "
                        "uploaded."))
    elif not has_key and mode != "local":
        lines.append(tr("This document type is read by the PicToText cloud and "
                        "needs a key (Ctrl+, opens Settings)."))
    return "\n".join(lines)


def rotation_note(keystore: Any) -> tuple[str, str] | None:
    """(text, tooltip) when the key in use is 90+ days old (the docs' rotation advice)."""
    from pictotext_desktop.credentials import ROTATION_DAYS

    slot = next((s for s in (keystore.active_slot, "primary", "secondary")
                 if keystore.masked(s)), None)
    age = keystore.age_days(slot) if slot is not None else None
    if slot is None or age is None or not keystore.rotation_due(slot):
        return None
    text = tr("Key is {days} days old: consider a new one (Settings)").format(days=age)
    # The Settings dialog's sentence, already translated there, says what to do.
    tooltip = (QCoreApplication.translate(
        "KeySlotBox", "This key is %1 days old. PicToText recommends rotating keys every "
        "%2 days: create a new key in the dashboard and replace this one.")
        .replace("%1", str(age)).replace("%2", str(ROTATION_DAYS)))
    return text, tooltip


def counts_of(counts: dict[JobState, int]) -> tuple[int, int, int, int, int]:
    """(waiting, working, done, failed, cancelled) from `QueueModel.counts()`."""
    from pictotext_desktop.jobs import JobState

    return (counts[JobState.WAITING], sum(n for state, n in counts.items() if state.busy),
            counts[JobState.DONE], counts[JobState.FAILED], counts[JobState.CANCELLED])


def counts_text(waiting: int, busy: int, done: int, failed: int, cancelled: int = 0) -> str:
    """The queue's counts; cancelled rows only when there are some (Start sends them)."""
    parts = [tr("{n} waiting").format(n=waiting), tr("{n} working").format(n=busy),
             tr("{n} done").format(n=done), tr("{n} failed").format(n=failed)]
    if cancelled:
        parts.append(tr("{n} cancelled").format(n=cancelled))
    return " · ".join(parts)


def calls_text(calls: int) -> str:
    return tr("Calls this session: {n}").format(n=calls)


@dataclass(frozen=True)
class Enabled:
    """Which queue actions make sense now."""

    start: bool = False
    pause: bool = False
    cancel: bool = False
    retry: bool = False
    remove: bool = False
    clear: bool = False
    export: bool = False


def enabled_actions(jobs: Sequence[Job], *, running: bool, paused: bool,
                    selection: bool) -> Enabled:
    from pictotext_desktop.jobs import JobState

    states = {j.state for j in jobs}  # one pass over a queue of 1,000, not five
    has_waiting = JobState.WAITING in states
    startable = has_waiting or JobState.CANCELLED in states
    return Enabled(
        start=startable and (not running or paused),
        pause=running and not paused,
        cancel=running or has_waiting,
        retry=any(s.retryable for s in states),
        remove=selection,
        clear=any(s.finished for s in states),
        export=JobState.DONE in states,
    )
