"""The card's outline in the result view: where the card was found, and the person's fix.

A generated photo (bench/cards.py) has known corners: the outline must be drawn there.
Dragging a corner (mouse) or moving it (Tab, arrows) changes the corners; "Read again
with these corners" uploads the quad drawn, "Use whole photo" the photo, each through the
stand-in server, which keeps every upload's size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from bench.cards import make_photo
from pictotext_desktop import card_prepare
from pictotext_desktop.jobs import JobState
from tests.stand_in_server import StandInServer

SIZE = (1600, 1200)


def _read(window: Any, qtbot: Any, server: StandInServer, path: Path) -> Any:
    server.expect_aspect(0.3, 4.0)  # any upload is taken; its size is kept
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([path])
    window.queue_view.selectRow(0)
    view = window.result_view
    qtbot.waitUntil(lambda: view.card.outline.isVisible(), timeout=5_000)
    return view


def _in_widget(outline: Any, x: float, y: float) -> QPointF:
    """A photo pixel where the test expects it on screen: the photo fits, centred."""
    w, h = outline.width(), outline.height()
    scale = min(w / SIZE[0], h / SIZE[1])
    return QPointF((w - SIZE[0] * scale) / 2 + x * scale, (h - SIZE[1] * scale) / 2 + y * scale)


def _near(a: QPointF, b: QPointF, tolerance: float) -> bool:
    return abs(a.x() - b.x()) <= tolerance and abs(a.y() - b.y()) <= tolerance


def _last_upload_aspect(server: StandInServer) -> float:
    size = list(server.ocr_requests())[-1].image_size
    assert size is not None
    return size[0] / size[1]


def _read_again(window: Any, qtbot: Any, button: Any) -> None:
    assert button.isEnabled()
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.model.jobs[0].state == JobState.DONE


def test_the_outline_is_drawn_where_the_card_lies(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    # GIVEN a photo of a card whose corners are known, read by the window
    generated = make_photo(2, "plain", SIZE, "wood")
    path = tmp_path / "card.jpg"
    path.write_bytes(generated.data)
    view = _read(window, qtbot, server, path)
    outline = view.card.outline
    # THEN the photo is shown (not the card sent) with the card's four corners on it
    assert not view.preview.isVisible()
    drawn = outline.polygon()
    assert len(drawn) == 4 and outline.other_polygons() == []
    for x, y in generated.cards[0].corners:
        assert any(_near(_in_widget(outline, x, y), p, 3) for p in drawn), (x, y, drawn)
    # AND "What was sent" shows the straightened card instead
    qtbot.mouseClick(view.card.sent_button, Qt.MouseButton.LeftButton)
    assert view.preview.isVisible() and not outline.isVisible()
    pixmap = view.preview.pixmap()
    assert 1.5 < pixmap.width() / pixmap.height() < 1.67


def test_another_rows_photo_is_blanked_not_swapped_while_it_is_looked_at(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    # GIVEN two photos read, the first row's outline shown
    made = [make_photo(seed, "plain", SIZE, "wood") for seed in (2, 3)]
    paths = [tmp_path / f"card-{n}.jpg" for n in (1, 2)]
    for path, photo in zip(paths, made, strict=True):
        path.write_bytes(photo.data)
    server.expect_aspect(0.3, 4.0)
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths(paths)
    window.queue_view.selectRow(0)
    view = window.result_view
    outline = view.card.outline
    qtbot.waitUntil(lambda: outline.isVisible() and not outline.image.isNull(), timeout=5_000)
    # WHEN the second row is selected, before its photo is there
    window.queue_view.selectRow(1)
    # THEN the panel stays as it is (no relayout), showing nothing of the first card
    assert outline.isVisible() and not view.preview.isVisible()
    assert outline.image.isNull() and outline.polygon() == []
    assert not view.card.corners_button.isEnabled()
    # AND the second photo comes, with its own card outlined
    qtbot.waitUntil(lambda: not outline.image.isNull(), timeout=5_000)
    drawn = outline.polygon()
    for x, y in made[1].cards[0].corners:
        assert any(_near(_in_widget(outline, x, y), p, 3) for p in drawn), (x, y, drawn)


def test_two_cards_show_this_ones_outline_and_the_other_dimmed(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    generated = make_photo(1, "two", SIZE, "wood")
    path = tmp_path / "two.jpg"
    path.write_bytes(generated.data)
    view = _read(window, qtbot, server, path)
    outline = view.card.outline
    (other,) = outline.other_polygons()

    def lies_on(card: Any, drawn: list[QPointF]) -> bool:
        return all(any(_near(_in_widget(outline, x, y), p, 3) for p in drawn)
                   for x, y in card.corners)

    a, b = generated.cards
    assert (lies_on(a, outline.polygon()) and lies_on(b, other)) or (
        lies_on(b, outline.polygon()) and lies_on(a, other))
    # WHEN the dimmed card is clicked, it becomes this row's; reading it sends that card
    first = outline.polygon()
    centre = QPointF(sum(p.x() for p in other) / 4, sum(p.y() for p in other) / 4)
    QTest.mouseClick(outline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre.toPoint())
    assert outline.polygon() == other and outline.other_polygons() == [first]
    _read_again(window, qtbot, view.card.corners_button)
    assert 1.55 <= _last_upload_aspect(server) <= 1.62
    assert len(list(server.ocr_requests())) == 3  # each card's row, then this one again
    # THEN what was sent looks like the other card, not the first one
    clicked, first_card = (b, a) if lies_on(b, other) else (a, b)
    upload = list(server.ocr_requests())[-1].parts["image"].data
    assert _difference(upload, _card_alone(path, clicked)) < _difference(
        upload, _card_alone(path, first_card))


def _card_alone(path: Path, card: Any) -> bytes:
    """One generated card cut out at its true corners (what a perfect outline sends)."""
    from pictotext_desktop.card_prepare import CardChoice
    from pictotext_desktop.imaging import PrepareOptions, Source

    corners = tuple((x / SIZE[0], y / SIZE[1]) for x, y in card.corners)
    return card_prepare.prepare(Source(path=path), PrepareOptions(send="card"),
                                CardChoice(corners=corners)).data  # type: ignore[arg-type]


def _difference(a: bytes, b: bytes) -> float:
    import io

    from PIL import Image, ImageChops, ImageStat

    small = [Image.open(io.BytesIO(x)).convert("L").resize((64, 40)) for x in (a, b)]
    return float(ImageStat.Stat(ImageChops.difference(*small)).mean[0])


def test_a_dragged_corner_is_what_is_read_again(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    # GIVEN a card read by the window (the card sent)
    path = tmp_path / "card.jpg"
    path.write_bytes(make_photo(2, "plain", SIZE, "wood").data)
    view = _read(window, qtbot, server, path)
    assert 1.55 <= _last_upload_aspect(server) <= 1.62
    outline, panel = view.card.outline, view.card
    assert not panel.corners_button.isEnabled()  # nothing moved yet
    before = outline.fractions()
    # WHEN the right-hand corners are dragged further right (a much wider quad)
    for index in (1, 2):
        start = outline.polygon()[index].toPoint()
        end = start + QPoint(60, 0)
        QTest.mousePress(outline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         start)
        QTest.mouseMove(outline, start + QPoint(30, 0))
        QTest.mouseMove(outline, end)
        QTest.mouseRelease(outline, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, end)
    after = outline.fractions()
    assert after is not None and before is not None and after != before
    assert after[1][0] > before[1][0] + 0.02 and after[2][0] > before[2][0] + 0.02
    # AND "Read again with these corners" is clicked
    expected = card_prepare.drawn_quad(after, SIZE).shape.aspect
    assert expected > 1.8
    _read_again(window, qtbot, panel.corners_button)
    # THEN the quad drawn was uploaded, at its own aspect, and shown with its corners
    assert len(list(server.ocr_requests())) == 2
    assert abs(_last_upload_aspect(server) - expected) < 0.03
    window.queue_view.selectRow(0)
    qtbot.waitUntil(lambda: outline.fractions() is not None
                    and _near(QPointF(*outline.fractions()[1]), QPointF(*after[1]), 0.002))


def test_use_whole_photo_reads_the_photo_again(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    path = tmp_path / "card.jpg"
    path.write_bytes(make_photo(6, "blur", SIZE, "fabric").data)
    view = _read(window, qtbot, server, path)
    panel = view.card
    # a poor photo: the hint to fix the outline or use the whole photo is shown
    assert panel.hint.isVisible()
    _read_again(window, qtbot, panel.whole_button)
    assert abs(_last_upload_aspect(server) - SIZE[0] / SIZE[1]) < 0.01
    window.queue_view.selectRow(0)
    assert not panel.whole_button.isEnabled()  # already the whole photo
    assert "out of focus" not in view.message.text()  # the photo was not judged as a card


def test_corners_move_with_the_keyboard(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    path = tmp_path / "card.jpg"
    path.write_bytes(make_photo(2, "plain", SIZE, "wood").data)
    view = _read(window, qtbot, server, path)
    panel, outline = view.card, view.card.outline
    # "Adjust corners" puts the keyboard on the first corner; Tab goes to the second
    qtbot.mouseClick(panel.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(outline.hasFocus)
    assert outline.selected == 0
    QTest.keyClick(outline, Qt.Key.Key_Tab)
    assert outline.selected == 1 and outline.hasFocus()
    assert "2 of 4" in outline.accessibleDescription()
    before = outline.polygon()[1]
    QTest.keyClick(outline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(outline, Qt.Key.Key_Down)
    moved = outline.polygon()[1]
    assert _near(moved, QPointF(before.x() + 10, before.y() + 1), 0.01)
    assert panel.corners_button.isEnabled()
    # corners dragged together (or crossed into a bow tie) enclose nothing to read
    image = outline.image
    outline.set_photo(image, [(0, 0), (image.width(), image.height()), (image.width(), 0),
                              (0, image.height())], [])
    outline.corners_changed.emit()
    assert not panel.corners_button.isEnabled()
    qtbot.mouseClick(panel.adjust_button, Qt.MouseButton.LeftButton)
    QTest.keyClick(outline, Qt.Key.Key_Right)
    assert outline.selected == 0
    # Tab past the fourth corner leaves the outline
    for _ in range(3):
        QTest.keyClick(outline, Qt.Key.Key_Tab)
    assert outline.selected == 3 and outline.hasFocus()
    QTest.keyClick(outline, Qt.Key.Key_Tab)
    assert not outline.hasFocus()


def test_no_card_found_the_corners_can_still_be_set(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    # GIVEN a photo in which no card is found (the whole photo was sent, with a note)
    path = tmp_path / "nothing.jpg"
    path.write_bytes(make_photo(3, "none", SIZE, "paper").data)
    view = _read(window, qtbot, server, path)
    panel, outline = view.card, view.card.outline
    assert outline.polygon() == [] and not outline.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert abs(_last_upload_aspect(server) - SIZE[0] / SIZE[1]) < 0.01
    # WHEN "Adjust corners" is clicked, corners appear inside the photo, the first one
    # under the keyboard; one moved, the photo is read again with them
    qtbot.mouseClick(panel.adjust_button, Qt.MouseButton.LeftButton)
    assert len(outline.polygon()) == 4 and outline.hasFocus() and outline.selected == 0
    QTest.keyClick(outline, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    corners = outline.fractions()
    assert corners is not None
    _read_again(window, qtbot, panel.corners_button)
    expected = card_prepare.drawn_quad(corners, SIZE).shape.aspect
    assert abs(_last_upload_aspect(server) - expected) < 0.03


def test_the_photo_is_drawn_where_it_lies_after_a_resize_and_a_new_photo(qapp: Any) -> None:
    # The photo is scaled once per photo and size, then only drawn: what shows must follow
    # a resize and a new photo at once.
    from PySide6.QtGui import QColor, QImage

    from pictotext_desktop.ui.card_outline import CardOutline

    def photo(left: str, right: str) -> QImage:
        image = QImage(400, 250, QImage.Format.Format_RGB32)
        image.fill(QColor(left))
        for x in range(200, 400):
            for y in range(250):
                image.setPixelColor(x, y, QColor(right))
        return image

    def colour_at(outline: CardOutline, x: float, y: float) -> str:
        scale = min(outline.width() / 400, outline.height() / 250)
        left = (outline.width() - 400 * scale) / 2 + x * scale
        top = (outline.height() - 250 * scale) / 2 + y * scale
        return str(outline.grab().toImage().pixelColor(int(left), int(top)).name())

    outline = CardOutline()
    outline.set_photo(photo("#ff0000", "#0000ff"), [], [])
    for width, height in ((320, 200), (600, 220), (320, 200)):
        outline.resize(width, height)
        assert colour_at(outline, 100, 125) == "#ff0000", (width, height)
        assert colour_at(outline, 300, 125) == "#0000ff", (width, height)
        assert outline.grab().toImage() == outline.grab().toImage()
    outline.set_photo(photo("#00ff00", "#00ff00"), [], [])
    assert colour_at(outline, 100, 125) == colour_at(outline, 300, 125) == "#00ff00"
