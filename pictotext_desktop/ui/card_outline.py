"""The card step in the result view: where the card was found, and the person's fix.

`CardOutline` draws the photo with the outline of every card found in it (this job's card
highlighted, another card in the same photo dimmed); this job's four corners can be
dragged with the mouse, or, with the keyboard, reached with Tab and moved with the arrow
keys (Shift: ten times as far).  `CardPanel` puts it above the result with a switch
between the photo and what was sent (the straightened card, or the whole photo) and two
actions: "Read again with these corners" and "Use whole photo".  Both are the person's
deliberate choice, carried on the job (`card_prepare.CardChoice`) and read again like
Read again does (never blocked by "never pay twice").

The photo and its cards come from `card_prepare.look` (what the card step found, kept by
the photo's bytes), decoded at about the outline's size in the window's looks worker
process (`card_worker.look`), waited for by a thread of its own: a selection must not wait
for a 12 MP photo to decode (until the photo is there the panel shows the preview, or a
blank outline when another row's photo was shown; the last few photos are kept, so going
back to a row is instant), and decoding in a thread of this process held the GIL the GUI
thread waited for during a batch.  The waiting thread
is kept (one for the panel): starting a thread per selection made the GUI thread wait
for it to start, which under load cost tens of milliseconds.
Only a row the card step prepared shows it: before that, the preview is the row's
thumbnail as always.
docs/adr/0013-cards-in-the-scan.md.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pictotext_desktop import card_worker
from pictotext_desktop.card_prepare import CardChoice, CardSource, Found
from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, lower_this_thread_priority

Point = tuple[float, float]
LookedPhoto = tuple[QImage, Found]  # the photo at the outline's size, the cards in it
# px: the photo is decoded at about this size for the outline (at most 230 px high on
# screen, 460 at 200 %).  800 lets a 12 MP JPEG be decoded at a quarter of its size (1024
# needed half): 6 ms of the look thread's CPU instead of 17, much of it holding the GIL
# the GUI thread waits for during a batch.
LOOK_SIDE = 800
HANDLE = 6  # px: a corner's handle radius
GRAB = 14  # px: how near a press must be to a corner to take it
NEW_MARGIN = 0.15  # of the photo: where corners start when no card was found
MIN_AREA = 0.01  # of the photo: corners enclosing less (dragged together) are not read
KEPT_PHOTOS = 4  # decoded photos kept for the rows selected last
CORNER_NAMES = ("top left", "top right", "bottom right", "bottom left")


def tr(text: str) -> str:
    return QCoreApplication.translate("CardOutline", text)


def _area(corners: Sequence[Point] | None) -> float:
    """The share of the photo the corners enclose, in the order they are drawn."""
    if not corners:
        return 0.0
    pairs = zip(corners, [*corners[1:], corners[0]], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def _photo_of(job: Job) -> Source | None:
    """The photo behind a job the card step may cut: a plain file, a pasted image or a PDF
    page, or one card of it; merged rows and gone files have none."""
    from pictotext_desktop.pdf_input import PdfPage

    source = job.source
    photo = source.photo if isinstance(source, CardSource) else source  # not read here
    if isinstance(photo, PdfPage):
        return source  # rendered when looked at, in the look thread
    if type(photo) is not Source:
        return None
    return source if photo.path is not None or photo.data else None


def _to_qimage(looked: card_worker.OutlinePhoto) -> QImage:
    width, height = looked.size
    return QImage(looked.rgb, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class CardOutline(QWidget):
    """The photo with the cards' outlines; this job's corners move (mouse, Tab + arrows)."""

    corners_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        # The photo scaled to where it is drawn, made once per photo and size: scaling the
        # looked-at photo at every paint cost about 7 ms a paint.
        self._drawn: tuple[tuple[int, int, int], QPixmap] | None = None
        self.current: list[QPointF] = []  # this job's corners, in image pixels
        self.others: list[list[QPointF]] = []  # the photo's other cards, dimmed
        self.selected = -1  # the corner the keyboard moves
        self._dragging = -1
        self.setMinimumHeight(150)
        self.setMaximumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Card outline"))
        self._describe()

    # -- what is shown -----------------------------------------------------------------
    def set_photo(self, image: QImage, current: Sequence[Point],
                  others: Sequence[Sequence[Point]]) -> None:
        self.image = image
        self.current = [QPointF(x, y) for x, y in current]
        self.others = [[QPointF(x, y) for x, y in quad] for quad in others]
        self.selected = -1
        self._dragging = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if len(self.current) == 4
                            else Qt.FocusPolicy.NoFocus)  # no Tab stop without corners
        self._describe()
        self.update()

    def fractions(self) -> tuple[Point, Point, Point, Point] | None:
        """This job's corners as fractions of the photo (what `CardChoice` carries)."""
        if len(self.current) != 4 or self.image.isNull():
            return None
        w, h = self.image.width(), self.image.height()
        a, b, c, d = ((p.x() / w, p.y() / h) for p in self.current)
        return a, b, c, d

    def _frame(self) -> tuple[float, QPointF]:
        """Scale and offset from image pixels to the widget (the photo fits, centred)."""
        if self.image.isNull():
            return 1.0, QPointF(0, 0)
        iw, ih = self.image.width(), self.image.height()
        scale = min(self.width() / iw, self.height() / ih)
        return scale, QPointF((self.width() - iw * scale) / 2, (self.height() - ih * scale) / 2)

    def to_widget(self, point: QPointF) -> QPointF:
        scale, offset = self._frame()
        return QPointF(point.x() * scale + offset.x(), point.y() * scale + offset.y())

    def to_image(self, point: QPointF) -> QPointF:
        scale, offset = self._frame()
        x = (point.x() - offset.x()) / scale
        y = (point.y() - offset.y()) / scale
        return QPointF(min(max(x, 0.0), float(self.image.width())),
                       min(max(y, 0.0), float(self.image.height())))

    def polygon(self) -> list[QPointF]:
        """This job's corners where they are drawn (widget coordinates)."""
        return [self.to_widget(p) for p in self.current]

    def other_polygons(self) -> list[list[QPointF]]:
        return [[self.to_widget(p) for p in quad] for quad in self.others]

    def _scaled_photo(self, width: float, height: float) -> QPixmap:
        ratio = self.devicePixelRatioF()
        size = QSize(max(1, round(width * ratio)), max(1, round(height * ratio)))
        key = (self.image.cacheKey(), size.width(), size.height())
        if self._drawn is None or self._drawn[0] != key:
            pixmap = QPixmap.fromImage(self.image.scaled(
                size, Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            pixmap.setDevicePixelRatio(ratio)
            self._drawn = (key, pixmap)
        return self._drawn[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if self.image.isNull():
            return
        scale, offset = self._frame()
        width, height = self.image.width() * scale, self.image.height() * scale
        photo = self._scaled_photo(width, height)
        painter.drawPixmap(QRectF(offset.x(), offset.y(), width, height), photo,
                           QRectF(photo.rect()))
        dim = palette.color(QPalette.ColorRole.Shadow)
        dim.setAlpha(110)  # another card of the photo: dimmed, its outline dashed
        for quad in self.other_polygons():
            painter.setBrush(dim)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Light), 1.5,
                                Qt.PenStyle.DashLine))
            painter.drawPolygon(QPolygonF(quad))
        if len(self.current) != 4:
            return
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(highlight, 2.5))
        points = self.polygon()
        painter.drawPolygon(QPolygonF(points))
        for i, point in enumerate(points):
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(highlight if i == self.selected else palette.color(
                QPalette.ColorRole.Base))
            painter.drawEllipse(point, HANDLE, HANDLE)

    # -- moving a corner ---------------------------------------------------------------
    def _corner_at(self, point: QPointF) -> int:
        best, best_d = -1, float(GRAB)
        for i, p in enumerate(self.polygon()):
            d = ((p.x() - point.x()) ** 2 + (p.y() - point.y()) ** 2) ** 0.5
            if d <= best_d:
                best, best_d = i, d
        return best

    def _move(self, index: int, to_image: QPointF) -> None:
        self.current[index] = to_image
        self._describe()
        self.update()
        self.corners_changed.emit()

    def take_other(self, index: int = 0) -> None:
        """Make another card of the photo this job's (a click on it, or the button)."""
        if not 0 <= index < len(self.others):
            return
        taken = self.others.pop(index)
        if len(self.current) == 4:
            self.others.insert(index, self.current)
        self.current = taken
        self._describe()
        self.update()
        self.corners_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        corner = self._corner_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and corner >= 0:
            self._dragging = self.selected = corner
            self.update()
            return
        for i, quad in enumerate(self.other_polygons()):
            if QPolygonF(quad).containsPoint(event.position(), Qt.FillRule.OddEvenFill):
                self.take_other(i)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging >= 0:
            self._move(self._dragging, self.to_image(event.position()))
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging >= 0:
            self._move(self._dragging, self.to_image(event.position()))
            self._dragging = -1
            return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tab walks the four corners before the focus moves on (Shift+Tab backwards)."""
        if event.type() == QEvent.Type.KeyPress and len(self.current) == 4:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Tab: 1, Qt.Key.Key_Backtab: -1}.get(Qt.Key(event.key()), 0)
            following = self.selected + step
            if step and 0 <= following < 4 and self.selected >= 0:
                self.selected = following
                self._describe()
                self.update()
                return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if len(self.current) == 4:
            backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
            self.selected = 3 if backwards else 0
            self._describe()
            self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.selected = -1
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        move = moves.get(Qt.Key(event.key()))
        if move is None or not 0 <= self.selected < len(self.current):
            super().keyPressEvent(event)
            return
        steps = 10 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        at = self.to_widget(self.current[self.selected])
        self._move(self.selected, self.to_image(QPointF(at.x() + move[0] * steps,
                                                        at.y() + move[1] * steps)))

    def _describe(self) -> None:
        """Say which corner the keys move, for a screen reader."""
        if 0 <= self.selected < len(self.current):
            name = {"top left": tr("top left"), "top right": tr("top right"),
                    "bottom right": tr("bottom right"),
                    "bottom left": tr("bottom left")}[CORNER_NAMES[self.selected]]
            self.setAccessibleDescription(tr(
                "Corner {n} of 4 ({name}): the arrow keys move it, Tab goes to the next"
            ).format(n=self.selected + 1, name=name))
        elif len(self.current) == 4:
            self.setAccessibleDescription(tr("The card's outline: drag a corner to fix it"))
        else:
            self.setAccessibleDescription("")


class CardPanel(QWidget):
    """The view's picture: the photo with the outline or what was sent, with the switch
    and the fixes in a column beside it (the view stays narrow)."""

    read_requested = Signal(object, object)  # Job, CardChoice
    _looked = Signal(object, object)  # (source, rotate), (QImage, Found) or None: from a thread

    def __init__(self, preview: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview  # the view's picture of what was sent
        self.job: Job | None = None
        self.send_setting: Callable[[], str] = lambda: "card"
        self._key: tuple[object, ...] | None = None
        self._start: tuple[Point, Point, Point, Point] | None = None
        self._photos: OrderedDict[tuple[int, int], tuple[object, LookedPhoto | None]] = \
            OrderedDict()  # (id(source), rotate) -> (source, what look() gave)
        self._wanted: tuple[int, int] | None = None  # the photo being decoded for the view
        self._pool: ThreadPoolExecutor | None = None  # decodes the photos, one at a time
        self._looked.connect(self._photo_looked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()  # the picture, and the switch and fixes in a column beside it
        layout.addLayout(row)
        self.outline = CardOutline()
        self.outline.corners_changed.connect(self._update_buttons)
        row.addWidget(preview, 1)
        row.addWidget(self.outline, 1)
        self.side = QWidget()
        column = QVBoxLayout(self.side)
        column.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.side)
        switch = QHBoxLayout()
        self.photo_button = QPushButton(tr("Photo"))
        self.sent_button = QPushButton(tr("What was sent"))
        for button in (self.photo_button, self.sent_button):
            button.setCheckable(True)
            button.setAutoExclusive(True)
            switch.addWidget(button)
        column.addLayout(switch)
        self.photo_button.setToolTip(tr("The photo, with the card found in it"))
        self.sent_button.setToolTip(tr("The image that was read: the card, straightened, "
                                       "or the whole photo"))
        self.photo_button.setChecked(True)
        self.photo_button.toggled.connect(lambda _on: self._show_mode())
        self.adjust_button = QPushButton(tr("Adjust corners"))
        self.adjust_button.setToolTip(tr("Put the card's corners where they belong: drag "
                                         "them, or Tab to a corner and use the arrow keys"))
        self.adjust_button.clicked.connect(self.adjust)
        self.other_button = QPushButton(tr("The other card"))
        self.other_button.setToolTip(tr("Outline the photo's other card instead (or click "
                                        "it), then read again with its corners"))
        self.other_button.clicked.connect(lambda: self.outline.take_other(0))
        self.corners_button = QPushButton(tr("Read again with these corners"))
        self.corners_button.clicked.connect(self.read_with_corners)
        self.whole_button = QPushButton(tr("Use whole photo"))
        self.whole_button.setToolTip(tr("Read the whole photo instead of the card cut out"))
        self.whole_button.clicked.connect(self.use_whole_photo)
        for button in (self.adjust_button, self.other_button, self.corners_button,
                       self.whole_button):
            column.addWidget(button)
        column.addStretch(1)
        self.hint = QLabel(tr("If the card was not found right, adjust its corners or use "
                              "the whole photo, then it is read again."))
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self._step_aside()

    def _step_aside(self) -> None:
        """Only the picture, as before the card step: nothing to outline for this row."""
        self.job = None
        for widget in (self.outline, self.side, self.hint):
            widget.setVisible(False)
        self.preview.setVisible(True)

    def show_job(self, job: Job | None) -> None:
        """Show `job`'s photo and cards when the card step prepared it; else step aside."""
        key = (id(job), id(job.prepared) if job else None, job.rotate if job else 0,
               job.card if job else None, job.state.busy if job else False)
        if key == self._key:
            return
        self._key = key
        self.job = job
        photo = self._photo_key(job) if job is not None else None
        if job is None or photo is None:
            self._wanted = None
            self._step_aside()
            return
        kept = self._photos.get(photo)
        if kept is not None and kept[0] is job.source:
            self._photos.move_to_end(photo)
            self._show_photo(job, kept[1])
            return
        self._wanted = photo  # decoded in a worker; until it is there:
        if not self.outline.isHidden():
            # another row's photo is shown: blanked (nothing of another person's card), the
            # panel left as it is.  Swapping it for the preview and back laid the result
            # view out twice: 10-35 ms of the GUI thread per selection during a batch.
            self.outline.set_photo(QImage(), [], [])
        else:
            for widget in (self.outline, self.side, self.hint):
                widget.setVisible(False)
            self.preview.setVisible(True)  # the preview stays until it is there
        self._update_buttons()
        source, rotate = job.source, job.rotate
        if self._pool is None:  # one thread, kept: starting a thread waits for it to run
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="card-look")
        self._pool.submit(self._look, photo, source, rotate)

    def shutdown(self) -> None:
        """On quit: photos not yet decoded are not; the one being decoded ends first."""
        self._wanted = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _photo_key(self, job: Job) -> tuple[int, int] | None:
        """Which photo the outline shows for `job`, or None when there is nothing to
        outline (not prepared yet, no photo, the card step off and no card chosen)."""
        from pictotext_desktop import card_prepare

        if job.prepared is None or _photo_of(job) is None:
            return None
        if job.card is None and self.send_setting() != card_prepare.SEND_CARD:
            return None
        return (id(job.source), job.rotate)

    def _look(self, photo: tuple[int, int], source: Source, rotate: int) -> None:
        """In a thread: the photo at the outline's size, and the cards found in it."""
        if photo != self._wanted:
            return  # another row was selected meanwhile
        if not card_worker.looks_take(source):
            lower_this_thread_priority()  # decoded here, not only waited for
        looked: LookedPhoto | None
        try:  # decoded and looked at in a worker process: this one's GIL stays free
            photo_looked = card_worker.look(source, rotate, LOOK_SIDE)
            looked = (_to_qimage(photo_looked), photo_looked.found)
        except PicToTextError:
            looked = None  # a photo that cannot be shown: the preview stays
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._looked.emit((photo, source), looked)

    def _photo_looked(self, key: tuple[tuple[int, int], object], looked: object) -> None:
        photo, source = key
        self._photos[photo] = (source, looked)  # type: ignore[assignment]
        while len(self._photos) > KEPT_PHOTOS:
            self._photos.popitem(last=False)
        job = self.job
        if job is not None and photo == self._wanted and source is job.source:
            self._wanted = None
            self._show_photo(job, looked)  # type: ignore[arg-type]

    def _show_photo(self, job: Job, looked: LookedPhoto | None) -> None:
        if looked is None or not self._load(job, *looked):
            self._step_aside()
            return
        self.side.setVisible(True)
        checks = job.record.checks if job.record is not None else []
        self.hint.setVisible(any(c.field == "photo" for c in checks))
        self._show_mode()
        self._update_buttons()

    def _load(self, job: Job, image: QImage, found: Found) -> bool:
        choice = job.card
        drawn = choice.corners_for(job.rotate) if choice is not None else None
        if found.frame_is_card and drawn is None:
            return False  # already the card: sent as it is, nothing to outline
        index = job.source.index if isinstance(job.source, CardSource) else 0
        quads = [list(q.corners) for q in found.quads]
        current: list[Point] = quads.pop(index) if index < len(quads) else []
        if drawn is not None:
            current = [(x * image.width(), y * image.height()) for x, y in drawn]
        self.outline.set_photo(image, current, quads)
        self._start = self.outline.fractions()
        return True

    def _show_mode(self) -> None:
        photo = self.photo_button.isChecked() and self.job is not None
        self.outline.setVisible(photo)
        self.preview.setVisible(not photo)

    def _update_buttons(self) -> None:
        job = self.job
        idle = job is not None and not job.state.busy
        whole = job is not None and job.card is not None and job.card.whole
        corners = self.outline.fractions()
        moved = corners is not None and (whole or corners != self._start)
        self.corners_button.setEnabled(idle and moved and _area(corners) >= MIN_AREA)
        self.whole_button.setEnabled(idle and not whole)
        self.adjust_button.setEnabled(idle)
        self.other_button.setVisible(bool(self.outline.others))
        self.other_button.setEnabled(idle)

    # -- actions -----------------------------------------------------------------------
    def adjust(self) -> None:
        """Show the photo and put the keyboard on the first corner (corners near the
        photo's edges when no card was found)."""
        self.photo_button.setChecked(True)
        if len(self.outline.current) != 4 and not self.outline.image.isNull():
            w, h = self.outline.image.width(), self.outline.image.height()
            m = NEW_MARGIN
            self.outline.set_photo(self.outline.image, [
                (w * m, h * m), (w * (1 - m), h * m), (w * (1 - m), h * (1 - m)),
                (w * m, h * (1 - m))], [[(p.x(), p.y()) for p in q] for q in self.outline.others])
        self.outline.setFocus(Qt.FocusReason.TabFocusReason)
        self._update_buttons()

    def read_with_corners(self) -> None:
        corners = self.outline.fractions()
        if self.job is not None and corners is not None:
            self.read_requested.emit(self.job, CardChoice(corners=corners,
                                                          rotate=self.job.rotate))

    def use_whole_photo(self) -> None:
        if self.job is not None:
            self.read_requested.emit(self.job, CardChoice(whole=True))
