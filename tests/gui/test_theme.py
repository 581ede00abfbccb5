"""Light, dark or the system's: the override in Settings, and colours readable in both.

Every colour the app sets itself (row outcomes, findings) must reach 4.5:1 contrast with
the backgrounds it is drawn on, in the light and the dark palette, and on a palette the
OS chose that we never saw (`readable` mixes towards the text colour until it does).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from pictotext_desktop.settings import BY_KEY
from pictotext_desktop.ui import theme
from pictotext_desktop.ui.theme import MIN_CONTRAST, Tone, contrast, tone_colour

Role = QPalette.ColorRole


def odd_palette() -> QPalette:
    """A light-grey system palette, where the built-in tones alone are not readable."""
    palette = QPalette()
    for role, value in ((Role.Base, "#c8c8c8"), (Role.AlternateBase, "#c0c0c0"),
                        (Role.Window, "#cccccc"), (Role.Text, "#000000"),
                        (Role.WindowText, "#000000")):
        palette.setColor(role, QColor(value))
    return palette


@pytest.fixture
def restore_theme(qapp: Any) -> Iterator[None]:
    before = QApplication.palette()
    yield
    theme.apply_theme(theme.SYSTEM)
    QApplication.setPalette(before)


def test_contrast_of_known_pairs() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [theme.light_palette(), theme.dark_palette(),
                                     odd_palette()], ids=["light", "dark", "mid-grey"])
@pytest.mark.parametrize("tone", list(Tone))
def test_every_tone_is_readable(qapp: Any, palette: QPalette, tone: Tone) -> None:
    colour = tone_colour(tone, palette)
    for role in (Role.Base, Role.AlternateBase, Role.Window):
        assert contrast(colour, palette.color(role)) >= MIN_CONTRAST, (tone, role)


def test_an_unreadable_tone_is_mixed_until_it_is(qapp: Any) -> None:
    palette = odd_palette()
    raw = QColor(theme._LIGHT_TONES[Tone.GOOD])
    assert contrast(raw, palette.color(Role.Base)) < MIN_CONTRAST  # the case is real
    assert contrast(tone_colour(Tone.GOOD, palette), palette.color(Role.Base)) >= MIN_CONTRAST


def test_light_and_dark_tones_differ(qapp: Any) -> None:
    """Dark mode gets its own colours, not the light ones darkened into the text colour."""
    light = tone_colour(Tone.GOOD, theme.light_palette())
    dark = tone_colour(Tone.GOOD, theme.dark_palette())
    assert light.lightness() < 128 < dark.lightness()


def test_theme_setting_has_system_light_dark() -> None:
    setting = BY_KEY["theme"]
    assert setting.default == "system"
    assert setting.choices == ("system", "light", "dark")


def test_override_switches_the_palette_and_back(window: Any, restore_theme: None) -> None:
    start = QApplication.palette().color(Role.Window)
    window.store.set("theme", "dark")
    window.settings_changed()
    QApplication.processEvents()
    assert theme.is_dark(QApplication.palette())
    assert theme.is_dark(window.queue_view.palette())
    row_colour = theme.tone_colour(Tone.GOOD)
    assert contrast(row_colour, window.queue_view.palette().color(Role.Base)) >= MIN_CONTRAST
    window.store.set("theme", "light")
    window.settings_changed()
    assert not theme.is_dark(QApplication.palette())
    window.store.set("theme", "system")
    window.settings_changed()
    assert QApplication.palette().color(Role.Window) == start


def test_settings_dialog_offers_the_theme(qtbot: Any) -> None:
    from tests.gui.test_settings_dialog import make_dialog

    dialog = make_dialog(qtbot)
    combo = dialog.editors["theme"]
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == ["Same as the system", "Light", "Dark"]
    assert combo.accessibleName() == "Colours"


def test_toolbar_buttons_carry_no_mnemonic_suffix() -> None:
    assert theme.toolbar_text("开始(&S)") == "开始"
    assert theme.toolbar_text("打开文件(&O)…") == "打开文件"
    assert theme.toolbar_text("&Start") == "Start"
    assert theme.toolbar_text("Save && quit") == "Save & quit"

