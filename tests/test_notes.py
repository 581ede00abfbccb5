"""The notes the core writes: made once before the window shows any."""

from __future__ import annotations

from pictotext_desktop import notes


def test_warm_up_makes_every_expression_before_the_first_note_is_shown() -> None:
    """The window's intake thread calls jobs.warm_up at the first drop; a row showing a
    note or a file's error afterwards compiles nothing on the GUI thread."""
    from pictotext_desktop import file_messages, jobs

    notes._pattern.cache_clear()
    jobs.warm_up()
    misses = notes._pattern.cache_info().misses
    assert misses == len(set(notes.TEMPLATES) | set(file_messages.TEMPLATES))
    shown = notes.note(notes.TURNED, degrees=180)
    assert notes.parse(shown) == (notes.TURNED, {"degrees": "180"})
    assert file_messages.parse("not a known message") is None
    assert notes._pattern.cache_info().misses == misses
