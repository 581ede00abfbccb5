"""The log file: keys and ID numbers never reach it, it rotates, the level is respected.

Every assertion reads the log FILE back, because that is what a support person receives.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictotext_desktop import __version__, about, logs

SHAPED_KEY = "sk_live_SHAPEDkey00000000wxyz"  # recognised by shape, never registered
REGISTERED = "Zq9RegisteredOpaqueToken4321"  # no recognisable shape: only registration hides it
ID_NUMBER = "11010519491231002X"

log = logging.getLogger("pictotext_desktop.test_logs")


@pytest.fixture(autouse=True)
def clean_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    logs.shutdown()
    logs.forget_secrets()
    root.setLevel(level)


def read_log(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text("utf-8")


def test_setup_writes_to_the_folder_named_by_the_environment(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setenv("PICTOTEXT_LOG_DIR", str(tmp_path / "from-env"))
    path = logs.setup("INFO")
    log.info("hello from the test")
    assert path == tmp_path / "from-env" / "pictotext-desktop.log"
    assert "hello from the test" in read_log(path)
    assert logs.current_log_file() == path


def test_keys_are_redacted_in_messages_arguments_and_tracebacks(tmp_path: Path) -> None:
    path = logs.setup("DEBUG", tmp_path)
    logs.register_secret(REGISTERED)

    log.info("message with %s inside", SHAPED_KEY)  # in the arguments
    log.info(f"message text holds {REGISTERED}")  # in the message itself
    log.warning("header was %r", {"Authorization": f"Bearer {REGISTERED}"})
    try:
        raise RuntimeError(f"server refused {SHAPED_KEY} and {REGISTERED}")
    except RuntimeError:
        log.exception("request failed")  # in the formatted traceback

    text = read_log(path)
    assert SHAPED_KEY not in text
    assert REGISTERED not in text
    assert "sk_live_SHAPED" not in text  # not even a prefix of the secret part
    assert "…wxyz" in text
    assert "…4321" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: " + logs.WITHHELD in text  # the message could quote document data
    assert "Bearer …4321" in text


def test_bearer_tokens_of_any_shape_are_masked(tmp_path: Path) -> None:
    path = logs.setup("INFO", tmp_path)
    log.info("sent Authorization: Bearer opaque-token-value-9876")
    text = read_log(path)
    assert "opaque-token-value" not in text
    assert "Bearer …9876" in text


def test_id_numbers_never_reach_the_file(tmp_path: Path) -> None:
    path = logs.setup("INFO", tmp_path)
    log.info("parsed %s from the card", ID_NUMBER)
    log.info("also lower-case x: %s", ID_NUMBER.lower())
    log.info("timestamp 1700000000123456789 stays")  # 19 digits: not an ID number
    text = read_log(path)
    assert ID_NUMBER not in text and ID_NUMBER.lower() not in text
    assert text.count(logs.ID_NUMBER_MASK) == 2
    assert "1700000000123456789" in text


def test_redaction_reaches_other_handlers_too(tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    """Records are redacted when made, so any handler -- here pytest's -- sees no key."""
    logs.setup("INFO", tmp_path)
    with caplog.at_level(logging.INFO):
        log.info("key %s", SHAPED_KEY)
    # caplog's handler sits on the root logger before ours.
    assert SHAPED_KEY not in caplog.text
    assert "key …wxyz" in caplog.text


def test_rotation_is_configured_and_happens(tmp_path: Path) -> None:
    path = logs.setup("INFO", tmp_path)
    handlers = [h for h in logging.getLogger().handlers
                if isinstance(h, logs.RotatingLogFile)]
    assert len(handlers) == 1
    assert handlers[0].maxBytes == logs.MAX_BYTES == 1_000_000
    assert handlers[0].backupCount == logs.BACKUP_COUNT == 5
    line = "x" * 1000
    for _ in range(1100):  # a little over 1 MB
        log.info(line)
    read_log(path)
    assert (tmp_path / "pictotext-desktop.log.1").is_file()
    assert path.stat().st_size < logs.MAX_BYTES


def test_rotation_keeps_backup_count_files_newest_first(tmp_path: Path) -> None:
    """As logging.handlers.RotatingFileHandler: .1 is the newest old file, the oldest goes."""
    path = tmp_path / "small.log"
    handler = logs.RotatingLogFile(path, max_bytes=100, backup_count=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    small = logging.getLogger("pictotext_desktop.test_logs.small")
    small.propagate = False
    small.addHandler(handler)
    try:
        for number in range(10):
            small.warning("line %d %s", number, "y" * 40)  # two lines fill a file
    finally:
        small.removeHandler(handler)
        handler.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.log", "small.log.1",
                                                          "small.log.2"]
    assert path.read_text("utf-8").startswith("line 8 ")
    assert (tmp_path / "small.log.1").read_text("utf-8").startswith("line 6 ")
    assert (tmp_path / "small.log.2").read_text("utf-8").startswith("line 4 ")
    assert all(f.stat().st_size < 100 for f in tmp_path.iterdir())


def test_level_setting_is_respected_and_setup_is_idempotent(tmp_path: Path) -> None:
    path = logs.setup("WARNING", tmp_path)
    log.info("info-at-warning")
    log.warning("warning-at-warning")
    assert logs.setup("DEBUG", tmp_path) == path  # again: level changes, no second handler
    log.debug("debug-at-debug")
    text = read_log(path)
    assert "info-at-warning" not in text
    assert "warning-at-warning" in text
    assert "debug-at-debug" in text
    assert text.count("warning-at-warning") == 1
    ours = [h for h in logging.getLogger().handlers
            if isinstance(h, logs.RotatingLogFile)]
    assert len(ours) == 1


def test_unknown_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="DEBUG, INFO, WARNING, ERROR"):
        logs.setup("LOUD", tmp_path)


def test_no_console_output(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """The CLI's stderr carries one line per failure: logging must not add to it."""
    logs.setup("DEBUG", tmp_path)
    log.error("only in the file")
    out, err = capfd.readouterr()
    assert "only in the file" not in out + err
    streams = [h for h in logging.getLogger().handlers
               if isinstance(h, logging.StreamHandler)
               and getattr(h, "stream", None) in (sys.stderr, sys.__stderr__)]
    assert streams == []


def test_a_folder_that_cannot_be_created_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    path = logs.setup("INFO", blocker / "logs")
    log.info("goes nowhere")
    assert path == blocker / "logs" / "pictotext-desktop.log"
    assert not path.exists()
    assert logs.current_log_file() is None


def test_crash_report_has_versions_and_a_redacted_traceback() -> None:
    logs.register_secret(REGISTERED)
    try:
        raise ValueError(f"bad key {REGISTERED} for {ID_NUMBER} in {Path.home() / 'x.jpg'}")
    except ValueError as exc:
        report = logs.crash_report(type(exc), exc, exc.__traceback__, thread_name="MainThread")
    assert report.startswith("PicToText Desktop crash report")
    assert f"PicToText Desktop: {__version__}" in report
    assert "Python: " in report and "Qt: " in report and "libheif: " in report
    assert "Thread: MainThread" in report
    assert "Traceback (most recent call last)" in report
    assert "ValueError: " + logs.WITHHELD in report
    assert REGISTERED not in report and ID_NUMBER not in report
    assert str(Path.home()) + "/x.jpg" not in report


def test_the_apps_own_errors_show_reason_and_title_not_message() -> None:
    from pictotext_desktop.errors import EmptyFileError

    value = "".join(["张", "三"])  # a field value known only at run time
    file_name = "".join(["李四", "_front.jpg"])  # a file name with a person's name
    try:
        try:
            raise KeyError(value)  # e.g. a lookup that quotes it
        except KeyError as inner:
            raise EmptyFileError(message=f"{file_name} is empty (0 bytes)") from inner
    except EmptyFileError as exc:
        report = logs.crash_report(type(exc), exc, exc.__traceback__)
    assert (f"pictotext_desktop.errors.EmptyFileError: {EmptyFileError.reason}: "
            f"{EmptyFileError.title}") in report
    assert "KeyError: " + logs.WITHHELD in report  # the chained cause, message withheld
    assert "张三" not in report
    assert file_name not in report and "李四" not in report


def test_versions_name_every_library_that_matters() -> None:
    versions = about.versions()
    for name in ("PicToText Desktop", "Python", "Qt", "PySide6", "Pillow", "pi-heif",
                 "libheif", "OS"):
        assert versions[name], name
    import pi_heif
    import PIL

    assert versions["Pillow"] == PIL.__version__
    assert versions["pi-heif"] == pi_heif.__version__
    assert versions["libheif"] == pi_heif.libheif_version()
    environment = about.support_environment()
    assert f"PicToText Desktop: {__version__}" in environment
    assert "Build: Python package" in environment
    assert str(Path.home()) not in environment
