"""Every error kind gets the one dialog with the right buttons; the report hides secrets."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from pictotext_desktop import __version__, errors
from pictotext_desktop.ui.error_dialog import ErrorDialog, ReportContext, support_report

CASES = [
    (errors.NoApiKeyError(), {"settings", "retry"}, {"dashboard", "pricing"}),
    (errors.InvalidApiKeyError(status=401), {"settings", "retry"}, {"pricing"}),
    (errors.ApiKeyDisabledError(status=401), {"settings"}, {"pricing"}),
    (errors.EmailNotVerifiedError(status=403), {"dashboard", "retry"}, {"settings"}),
    (errors.SubscriptionRequiredError(status=403), {"dashboard"}, {"settings"}),
    (errors.InsufficientCreditsError(status=402), {"pricing", "dashboard", "retry"},
     {"settings"}),
    (errors.AiServiceError(status=500), {"retry"}, {"settings", "pricing"}),
    (errors.ServiceUnavailableError(status=503), {"retry"}, {"settings"}),
    (errors.RateLimitedError(status=429), {"retry"}, {"settings"}),
    (errors.TimeoutError_(), {"retry"}, {"settings"}),
    (errors.TlsError(), set(), {"retry", "settings"}),
    (errors.EngineUnavailableError(), set(), {"retry"}),
    (errors.NeedsCloudKeyError(), {"settings"}, {"pricing"}),
    # a key problem (issue #4): Settings offers "this session only"; Retry after unlocking
    (errors.KeyringUnavailableError(), {"settings", "retry"}, {"pricing", "dashboard"}),
    (errors.KeyringLockedError(), {"settings", "retry"}, {"pricing", "dashboard"}),
]


@pytest.mark.parametrize(("error", "present", "absent"), CASES,
                         ids=[type(c[0]).__name__ for c in CASES])
def test_buttons_follow_the_category(qtbot: Any, error: errors.PicToTextError,
                                     present: set[str], absent: set[str]) -> None:
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    names = set(dialog.button_names)
    assert present | {"details", "report", "close"} <= names
    assert not (absent & names)
    assert dialog.title_label.text() == error.title
    assert error.action in dialog.action_label.text()


def test_network_errors_have_their_own_wording(qtbot: Any) -> None:
    texts = set()
    for cls in (errors.TimeoutError_, errors.TlsError):
        dialog = ErrorDialog(cls())
        qtbot.addWidget(dialog)
        texts.add(dialog.what_label.text())
    assert len(texts) == 2


def test_dashboard_button_opens_dashboard(qtbot: Any) -> None:
    opened: list[str] = []
    dialog = ErrorDialog(errors.InsufficientCreditsError(status=402), open_url=opened.append)
    qtbot.addWidget(dialog)
    dialog.click("pricing")
    dialog.click("dashboard")
    assert opened == [errors.PRICING_URL, errors.DASHBOARD_URL]


def test_settings_and_retry_signals(qtbot: Any) -> None:
    dialog = ErrorDialog(errors.InvalidApiKeyError(status=401))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.settings_requested):
        dialog.click("settings")
    assert not dialog.isVisible()
    dialog.show()
    with qtbot.waitSignal(dialog.retry_requested):
        dialog.click("retry")


def test_details_show_technical_text(qtbot: Any) -> None:
    error = errors.error_from_response(
        402, b'{"error":{"code":402,"message":"No credits left","status":"Payment Required",'
             b'"details":[{"reason":"INSUFFICIENT_CREDITS"}]}}')
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details.isVisible()
    dialog.click("details")
    assert dialog.details.isVisible()
    text = dialog.details.toPlainText()
    assert "402" in text and "INSUFFICIENT_CREDITS" in text and "No credits left" in text
    assert "No credits left" in dialog.what_label.text()


def test_support_report_has_facts_but_no_key_or_values(qtbot: Any) -> None:
    key = "sk_live_supersecret_wxyz"
    error = errors.InvalidApiKeyError(status=401, reason="INVALID_API_KEY",
                                      server_message="Invalid or inactive API key",
                                      detail="HTTP 401 Unauthorized")
    context = ReportContext(key_last4=key[-4:], document_type="cn_id_card",
                            image_mime="image/jpeg", image_bytes=123456, engine="cloud")
    report = support_report(error, context, now=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    for expected in ("2025-01-02T03:04:05Z", "HTTP status: 401", "INVALID_API_KEY",
                     "Invalid or inactive API key", "cn_id_card", "image/jpeg", "123456",
                     "…wxyz", f"PicToText Desktop: {__version__}", "OS: ", "Python: "):
        assert expected in report
    assert key not in report and "supersecret" not in report
    dialog = ErrorDialog(error, context)
    qtbot.addWidget(dialog)
    dialog.click("report")
    assert QGuiApplication.clipboard().text() == dialog.report_text()


def test_support_report_redacts_server_message_and_detail() -> None:
    key = "sk_live_quotedback_9876"
    home = str(Path.home())
    error = errors.InvalidApiKeyError(
        status=401, server_message=f"Invalid API key {key}",
        detail=f"OSError: cannot read {Path.home() / 'Pictures' / 'card.jpg'}")
    report = support_report(error, ReportContext())
    assert key not in report and "quotedback" not in report and "…9876" in report
    assert home + "/" not in report and "~/Pictures/card.jpg" in report.replace("\\", "/")


def test_window_report_never_contains_field_values(window: Any, qtbot: Any,
                                                   cards: list[Any]) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(cards[:1])
    dialog = window.show_error(errors.AiServiceError(status=500))
    report = dialog.report_text()
    assert "张三" not in report and "sk_test_gui_key_abcd" not in report
    assert "…abcd" in report and "image/jpeg" in report


def test_window_starts_without_heavy_imports() -> None:
    """No HEIC decoder, OCR runtime or OpenCV before the first paint."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from pictotext_desktop.settings import SettingsStore\n"
        "from pictotext_desktop.ui.main_window import MainWindow\n"
        "w = MainWindow(SettingsStore(persist=False)); w.show(); app.processEvents()\n"
        "heavy = [m for m in ('pi_heif', 'pillow_heif', 'rapidocr', 'onnxruntime', 'cv2',"
        " 'numpy', 'shapely') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == ""
