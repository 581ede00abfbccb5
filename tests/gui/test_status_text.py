"""The window's status texts and enabled actions, as functions of state (no window).

ui/status_text.py words what the status bar and drop zone say and decides which queue
actions are enabled; the window only shows its answers (tests/gui cover that it does).
"""

from __future__ import annotations

import pytest

from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.ui import dialogs, status_text


def jobs(*states: JobState) -> list[Job]:
    return [Job(source=Source(name=f"{i}.jpg", data=b""), document_type="cn_id_card",
                state=state) for i, state in enumerate(states)]


@pytest.mark.parametrize(("mode", "has_key", "doc_type", "expected"), [
    ("cloud", False, "cn_id_card", "PicToText cloud"),
    ("local", True, "passport", "On this computer"),
    ("auto", False, "cn_id_card", "Automatic (on this computer)"),
    ("auto", True, "cn_id_card", "Automatic (PicToText cloud, because a key is set)"),
    ("auto", True, "passport", "Automatic (PicToText cloud)"),
])
def test_engine_text_follows_the_routing_rule(mode: str, has_key: bool, doc_type: str,
                                              expected: str) -> None:
    assert status_text.engine_text(mode, has_key, doc_type) == expected


def test_key_text_and_what_happens_without_a_key() -> None:
    assert status_text.key_text("…abcd", "env") == "Key: …abcd (from PICTOTEXT_API_KEY)"
    assert status_text.key_text("…abcd", "keyring") == "Key: …abcd"
    no_key = status_text.key_text(None, None)
    assert no_key == "No key yet — set one in Settings"
    local = status_text.drop_zone_status("X", no_key, has_key=False, mode="auto",
                                         document_type="cn_id_card")
    assert local.splitlines()[-1].startswith("Chinese ID cards are read on this computer")
    cloud = status_text.drop_zone_status("X", no_key, has_key=False, mode="auto",
                                         document_type="passport")
    assert "needs a key" in cloud.splitlines()[-1]
    assert status_text.drop_zone_status("X", "Key: …abcd", has_key=True, mode="auto",
                                        document_type="passport") == \
        "Reads with: X\nKey: …abcd"


def test_counts_text() -> None:
    counts = dict.fromkeys(JobState, 0) | {JobState.WAITING: 2, JobState.SENDING: 1,
                                           JobState.PREPARING: 1, JobState.DONE: 3}
    assert status_text.counts_of(counts) == (2, 2, 3, 0, 0)
    assert status_text.counts_text(2, 2, 3, 0) == "2 waiting · 2 working · 3 done · 0 failed"
    counts[JobState.CANCELLED] = 4  # cancelled rows are counted (Start sends them again)
    assert status_text.counts_of(counts) == (2, 2, 3, 0, 4)
    assert status_text.counts_text(*status_text.counts_of(counts)) == \
        "2 waiting · 2 working · 3 done · 0 failed · 4 cancelled"


def test_enabled_actions() -> None:
    idle = status_text.enabled_actions(jobs(JobState.WAITING, JobState.FAILED),
                                       running=False, paused=False, selection=False)
    assert idle == status_text.Enabled(start=True, cancel=True, retry=True, clear=True)
    running = status_text.enabled_actions(jobs(JobState.SENDING, JobState.DONE),
                                          running=True, paused=False, selection=True)
    assert running == status_text.Enabled(pause=True, cancel=True, remove=True, clear=True,
                                          export=True)
    paused = status_text.enabled_actions(jobs(JobState.WAITING), running=True, paused=True,
                                         selection=False)
    assert paused.start and not paused.pause
    cancelled = status_text.enabled_actions(jobs(JobState.CANCELLED, JobState.DONE),
                                            running=False, paused=True, selection=False)
    assert cancelled.start  # Start sends cancelled rows again
    assert status_text.enabled_actions([], running=False, paused=False,
                                       selection=False) == status_text.Enabled()


def test_the_quit_question_says_what_would_be_lost() -> None:
    assert dialogs.quit_text(0, 0) is None
    assert dialogs.quit_text(2, 0) == "2 result(s) were never copied or exported."
    assert dialogs.quit_text(0, 3) == "3 image(s) still waiting to be read."
    assert dialogs.quit_text(1, 1) == ("1 result(s) not copied or exported and 1 image(s) "
                                       "still waiting.")
