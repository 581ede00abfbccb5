"""Light, dark or the system's scheme, and the few colours the app sets itself.

Everything else takes its colours from the palette.  The `theme` setting picks the
scheme: "system" follows the OS (Qt switches the palette when the OS does), "light" and
"dark" ask Qt for that scheme (`QStyleHints.setColorScheme`, Qt 6.8+).  A platform that
cannot switch (no platform theme, e.g. offscreen or a bare X server) gets the palette
from here instead, so the override works everywhere.

The colours for outcomes and findings (`outcome_colour`) are chosen per palette and
then made readable: a colour whose contrast with the background is under 4.5:1 (WCAG
AA for text) is mixed towards the palette's text colour until it is not.  This is the
one module in ui/ that names colour values.
"""

from __future__ import annotations

import enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)
MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text

Role = QPalette.ColorRole


class Tone(enum.StrEnum):
    """What a colour says: the same word in light and dark."""

    GOOD = "good"  # done, nothing to check
    PROBLEM = "problem"  # done, but a check found something
    BAD = "bad"  # failed, or nothing read
    HELD = "held"  # waiting: paused, not sent, cancelled


# Chosen for their hue; `readable` makes each legible on the palette actually in use.
_LIGHT_TONES = {Tone.GOOD: "#1b6e2a", Tone.PROBLEM: "#8a4b00", Tone.BAD: "#b3261e",
                Tone.HELD: "#4d5b6b"}
_DARK_TONES = {Tone.GOOD: "#7fd88f", Tone.PROBLEM: "#ffb870", Tone.BAD: "#ff8a80",
               Tone.HELD: "#b8c4d0"}

# Fusion-like palettes for platforms that cannot switch the scheme themselves.
_DARK_PALETTE = {
    Role.Window: "#2b2b2b", Role.WindowText: "#eeeeee", Role.Base: "#1e1e1e",
    Role.AlternateBase: "#2f2f2f", Role.Text: "#eeeeee", Role.Button: "#353535",
    Role.ButtonText: "#eeeeee", Role.BrightText: "#ffffff", Role.PlaceholderText: "#a0a0a0",
    Role.Highlight: "#2f65ca", Role.HighlightedText: "#ffffff", Role.Link: "#8ab4f8",
    Role.LinkVisited: "#c58af9", Role.ToolTipBase: "#353535", Role.ToolTipText: "#eeeeee",
    Role.Light: "#505050", Role.Midlight: "#404040", Role.Mid: "#303030",
    Role.Dark: "#1a1a1a", Role.Shadow: "#000000",
}
_DARK_DISABLED = {Role.WindowText: "#808080", Role.Text: "#808080",
                  Role.ButtonText: "#808080"}
_LIGHT_PALETTE = {
    Role.Window: "#efefef", Role.WindowText: "#000000", Role.Base: "#ffffff",
    Role.AlternateBase: "#f7f7f7", Role.Text: "#000000", Role.Button: "#efefef",
    Role.ButtonText: "#000000", Role.BrightText: "#ffffff", Role.PlaceholderText: "#6b6b6b",
    Role.Highlight: "#308cc6", Role.HighlightedText: "#ffffff", Role.Link: "#0b57d0",
    Role.LinkVisited: "#7b1fa2", Role.ToolTipBase: "#ffffdc", Role.ToolTipText: "#000000",
    Role.Light: "#ffffff", Role.Midlight: "#cacaca", Role.Mid: "#b8b8b8",
    Role.Dark: "#9f9f9f", Role.Shadow: "#767676",
}
_LIGHT_DISABLED = {Role.WindowText: "#767676", Role.Text: "#767676",
                   Role.ButtonText: "#767676"}

_system_palette: QPalette | None = None  # the palette before we set one
_overridden = False  # a scheme was asked for in this run


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio, 1.0 to 21.0."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(Role.Base)) < luminance(palette.color(Role.Text))


def readable(colour: QColor, backgrounds: list[QColor], text: QColor) -> QColor:
    """`colour`, mixed towards `text` just enough to reach MIN_CONTRAST on each background."""
    for step in range(11):
        share = step / 10
        mixed = QColor.fromRgbF(
            colour.redF() * (1 - share) + text.redF() * share,
            colour.greenF() * (1 - share) + text.greenF() * share,
            colour.blueF() * (1 - share) + text.blueF() * share)
        if all(contrast(mixed, back) >= MIN_CONTRAST for back in backgrounds):
            return mixed
    return text


_tone_cache: dict[tuple[Tone, int], QColor] = {}


def tone_colour(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The text colour for `tone` on `palette` (the application's if None).

    Asked for every painted row: remembered per palette (its cacheKey changes with it).
    """
    palette = palette if palette is not None else QGuiApplication.palette()
    key = (tone, palette.cacheKey())
    cached = _tone_cache.get(key)
    if cached is None:
        if len(_tone_cache) > 64:
            _tone_cache.clear()
        cached = _tone_cache[key] = _tone_colour(tone, palette)
    return cached  # shared: callers only read it


def _tone_colour(tone: Tone, palette: QPalette) -> QColor:
    table = _DARK_TONES if is_dark(palette) else _LIGHT_TONES
    backgrounds = [palette.color(Role.Base), palette.color(Role.AlternateBase),
                   palette.color(Role.Window)]
    return readable(QColor(table[tone]), backgrounds, palette.color(Role.Text))


def _palette(colours: dict[QPalette.ColorRole, str],
             disabled: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    for role, value in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return palette


def light_palette() -> QPalette:
    return _palette(_LIGHT_PALETTE, _LIGHT_DISABLED)


def dark_palette() -> QPalette:
    return _palette(_DARK_PALETTE, _DARK_DISABLED)


def apply_theme(choice: str) -> None:
    """Show the application in `choice` (system / light / dark) from now on.

    Qt is asked first; where the platform does not follow, the palette is set here (and
    the system's palette put back for "system").
    """
    global _system_palette, _overridden
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if choice not in THEMES:
        choice = SYSTEM
    if choice == SYSTEM and not _overridden:
        return  # nothing to undo; and no Qt enum touched before the first paint
    _overridden = True
    from PySide6.QtCore import Qt

    wanted = {SYSTEM: Qt.ColorScheme.Unknown, LIGHT: Qt.ColorScheme.Light,
              DARK: Qt.ColorScheme.Dark}[choice]
    hints = app.styleHints()
    hints.setColorScheme(wanted)
    if choice == SYSTEM:
        if _system_palette is not None:
            QGuiApplication.setPalette(_system_palette)
            _system_palette = None
        return
    if hints.colorScheme() == wanted:
        return  # the platform switched the palette itself
    if _system_palette is None:
        _system_palette = QGuiApplication.palette()
    QGuiApplication.setPalette(dark_palette() if choice == DARK else light_palette())


def toolbar_text(text: str) -> str:
    """An action's text as a toolbar button shows it: no "&", no "(&S)" / "(S)" suffix.

    Qt strips only the "&", so a Chinese "开始(&S)" would read "开始(S)" on the button.
    """
    stripped = text.replace("…", "").replace("...", "")
    if stripped.endswith(")") and len(stripped) >= 4 and stripped[-4:-2] == "(&":
        stripped = stripped[:-4]
    return stripped.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
