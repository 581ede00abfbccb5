"""The preview shows the selected row's own picture, decoded after the selection.

A selection decoded the prepared image in its own turn of the event loop (3-20 ms on top
of the rows and the paint); the picture is decoded in a later turn now.  Whatever the
pace of the selections, the picture shown is the selected row's, never the one before
it, and a picture that cannot be decoded says so.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from PySide6.QtWidgets import QApplication

from pictotext_desktop.imaging import PreparedImage, Source
from pictotext_desktop.jobs import Job, JobState
from tests.gui.test_at_a_glance import GOOD_ID, cn_record, show

COLOURS = {"red.jpg": (220, 30, 30), "green.jpg": (30, 200, 40), "blue.jpg": (30, 40, 220)}


def prepared(colour: tuple[int, int, int], size: tuple[int, int] = (1600, 1000)) -> PreparedImage:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    return PreparedImage(data=buffer.getvalue(), mime_type="image/jpeg", filename="x.jpg",
                         size=size, source_size=size, source_format="JPEG")


def job_with(name: str, image: PreparedImage) -> Job:
    return Job(source=Source(name=name, data=b""), document_type="cn_id_card",
               state=JobState.DONE, record=cn_record(name, GOOD_ID), prepared=image)


def centre_colour(view: Any) -> tuple[int, int, int]:
    image = view.preview.pixmap().toImage()
    pixel = image.pixelColor(image.width() // 2, image.height() // 2)
    return pixel.red(), pixel.green(), pixel.blue()


def near(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) < 25 for x, y in zip(a, b, strict=True))


def test_each_selection_shows_its_own_picture_even_when_selections_outpace_decoding(
        window: Any, qtbot: Any) -> None:
    # GIVEN three finished rows, each prepared image a different colour
    jobs = [job_with(name, prepared(colour)) for name, colour in COLOURS.items()]
    show(window, jobs)
    view = window.result_view
    shown: list[tuple[int, int, int]] = []
    # WHEN the person goes down the rows faster than a picture is decoded
    for row in range(3):
        window.queue_view.selectRow(row)
        if not view.preview.pixmap().isNull():
            shown.append(centre_colour(view))
    # THEN nothing of an earlier row was ever shown for a later one, and the last
    # selected row's picture appears, at the preview's size and the image's aspect
    qtbot.waitUntil(lambda: not view.preview.pixmap().isNull(), timeout=5_000)
    assert near(centre_colour(view), COLOURS["blue.jpg"])
    assert all(near(c, COLOURS["blue.jpg"]) for c in shown[2:])
    pixmap = view.preview.pixmap()
    assert pixmap.height() <= 220 and abs(pixmap.width() / pixmap.height() - 1.6) < 0.05
    # AND going back shows the first row's picture, never the blue one in between
    window.queue_view.selectRow(0)
    assert view.preview.pixmap().isNull() or near(centre_colour(view), COLOURS["red.jpg"])
    qtbot.waitUntil(lambda: not view.preview.pixmap().isNull()
                    and near(centre_colour(view), COLOURS["red.jpg"]), timeout=5_000)


def test_the_selection_itself_does_not_decode_the_picture(window: Any, qtbot: Any) -> None:
    # GIVEN a finished row with a large prepared image
    show(window, [job_with("big.jpg", prepared((90, 90, 90), (2400, 1500)))])
    view = window.result_view
    # WHEN it is selected
    window.queue_view.selectRow(0)
    # THEN the selection returns before the picture is there (blank, not "No preview");
    # the picture follows by itself, once
    assert view.preview.pixmap().isNull() and view.preview.text() == ""
    qtbot.waitUntil(lambda: not view.preview.pixmap().isNull(), timeout=5_000)
    assert near(centre_colour(view), (90, 90, 90))


def test_a_picture_that_cannot_be_decoded_says_no_preview(window: Any, qtbot: Any) -> None:
    # GIVEN a row whose prepared bytes are not an image Qt can read
    broken = PreparedImage(data=b"\xff\xd8 not a jpeg", mime_type="image/jpeg",
                           filename="x.jpg", size=(800, 500), source_size=(800, 500),
                           source_format="JPEG")
    show(window, [job_with("broken.jpg", broken)])
    view = window.result_view
    # WHEN it is selected
    window.queue_view.selectRow(0)
    # THEN the preview says there is none, instead of staying blank
    qtbot.waitUntil(lambda: view.preview.text() == "No preview", timeout=5_000)
    assert view.preview.pixmap().isNull()
    QApplication.processEvents()
