"""`pictotext-desktop --self-test`: prove that every heavy part works in this install.

Meant for a freshly built wheel or frozen bundle, where a missing native library or data
file shows up only when the part is first used.  Each check runs on its own (one failure
does not hide the others) and prints one line: PASS/FAIL, seconds, and a short detail.
The exit code is 0 only if every check passed.

The checks: the keyring backend (having none is reported, not a failure: headless
machines have none), HEIC encode + decode through the app's imaging pipeline, a real
HTTPS request with certificate verification to the built-in stand-in server, a two-page
PDF scanned (pages rendered by PDFium, prepared, read over that server), a photo
counted and prepared in a card worker process (the window's), the on-device
engine loading its models, and a window shown (offscreen if there is no display).
Settings go to a temporary folder; no key or field value is ever printed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import logging
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources as _resources
from pathlib import Path
from typing import Any, TextIO

from pictotext_desktop import APP_NAME, __version__, logs
from pictotext_desktop.errors import PicToTextError

CA_PEM = "selftest/selftest-ca.pem"
LEAF_CERT_PEM = "selftest/selftest-loopback-cert.pem"
LEAF_KEY_PEM = "selftest/selftest-loopback-key.pem"
DOCUMENT_TYPE = "cn_id_card"


class CheckFailed(Exception):
    """A check ran but found something wrong; the message is the detail to print."""


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    seconds: float
    detail: str
    skipped: bool = False


class CheckSkipped(Exception):
    """A part this build leaves out on purpose (the cloud flavour's on-device engine)."""


# -- the individual checks -------------------------------------------------------------
def check_keyring() -> str:
    """Which keyring backend the app would use.  None at all is fine (session-only keys)."""
    from pictotext_desktop.credentials import detect_backend

    info = detect_backend()
    if info.available:
        return info.name
    return "none (session-only keys)"


def _tiny_card(size: tuple[int, int] = (320, 200)) -> Any:
    """A small card-like RGB picture: light background, dark bars, a photo block."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (236, 240, 245))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((4, 4, w - 5, h - 5), outline=(40, 60, 90), width=3)
    for row in range(4):
        y = 30 + row * 34
        draw.rectangle((20, y, w // 2, y + 12), fill=(30, 30, 30))
    draw.rectangle((w - 100, 30, w - 24, 130), fill=(150, 120, 110))
    return image


HEIC_SAMPLE = "selftest/selftest-card.heic"  # 128×96, see resources/selftest/README.md


def check_heic() -> str:
    """Decode a phone-style HEIC photo and re-encode it as the upload JPEG.

    The sample is committed: the app ships pi-heif, which reads HEIC but cannot write it.
    """
    from pictotext_desktop.imaging import PrepareOptions, Source, prepare

    with _resource_file(HEIC_SAMPLE) as path:
        data = path.read_bytes()
    prepared = prepare(Source(data=data, name="selftest.heic"), PrepareOptions(format="jpeg"))
    if prepared.source_format not in ("HEIF", "HEIC"):
        raise CheckFailed(f"decoded as {prepared.source_format}, expected HEIF")
    if prepared.size != (128, 96):
        raise CheckFailed(f"decoded size {prepared.size[0]}×{prepared.size[1]}, expected 128×96")
    if not prepared.data.startswith(b"\xff\xd8"):
        raise CheckFailed("the upload was not encoded as JPEG")
    return f"{len(data)} bytes HEIC -> {len(prepared.data)} bytes JPEG, 128×96"


def check_card_worker() -> str:
    """Count and prepare a photo in a card worker process (card_worker.py), as the window
    does: in a frozen app the worker starts this same executable (freeze_support), and it
    must neither start a second app nor load Qt or the on-device runtime."""
    from pictotext_desktop.card_worker import CardPool
    from pictotext_desktop.imaging import PrepareOptions, Source

    pool = CardPool(1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "selftest-card.jpg"
        _tiny_card((640, 480)).save(path, "JPEG", quality=90)
        options = PrepareOptions(send="card")
        try:
            pool.count(Source(path=path), options)
            done = pool.prepare(Source(path=path), options, None, 120)
            pids = pool.pids
            loaded = [m for m in pool._run("modules", Source(path=path))
                      if m.split(".")[0] in ("onnxruntime", "rapidocr")
                      or (m.split(".")[0] == "PySide6" and not _from_bootloader(m))]
        finally:
            pool.shutdown()
    if not pids or os.getpid() in pids:
        raise CheckFailed("no worker process was used")
    if loaded:
        raise CheckFailed(f"the worker process loaded {', '.join(loaded[:3])}")
    if not done.image.data.startswith(b"\xff\xd8") or done.kept is None:
        raise CheckFailed("the worker's upload was not a JPEG")
    if any(_alive(pid) for pid in pids):
        raise CheckFailed("a worker process was left running")
    return f"prepared in process {pids[0]}: {done.image.size[0]}×{done.image.size[1]} JPEG"


def _from_bootloader(module: str) -> bool:
    """A frozen app's every process, a card worker too, gets QtCore from PyInstaller's
    PySide6 run-time hook (it registers qt.conf) before any code of ours runs; no Qt object
    is made there.  Anything more (QtGui, QtWidgets) would be ours."""
    return bool(getattr(sys, "frozen", False)) and (
        module in ("PySide6", "PySide6.QtCore") or module.startswith("PySide6.support"))


def _alive(pid: int) -> bool:
    """Still running (not a zombie)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class PemCertificate:
    """The slice of trustme's API StandInServer uses: `issue_cert(...).configure_cert(ctx)`.

    Loads the committed loopback-only leaf certificate (resources/selftest/) instead of
    generating one, so the self-test needs no trustme and no cryptography package.
    """

    def __init__(self, cert_path: Path, key_path: Path) -> None:
        self.cert_path = cert_path
        self.key_path = key_path

    def issue_cert(self, *hosts: str) -> PemCertificate:
        allowed = {"127.0.0.1", "localhost"}
        if not set(hosts) <= allowed:
            raise ValueError(f"the self-test certificate covers only {sorted(allowed)}")
        return self

    def configure_cert(self, context: Any) -> None:
        context.load_cert_chain(str(self.cert_path), str(self.key_path))


@contextlib.contextmanager
def _resource_file(name: str) -> Iterator[Path]:
    """A real file path for a shipped resource (extracted to a temp file if it is not one)."""
    from pictotext_desktop.paths import resource

    with _resources.as_file(resource(name)) as path:
        if not path.is_file():
            raise CheckFailed(f"resource {name} is missing from this install")
        yield path


def check_https() -> str:
    """A real HTTPS request, certificate verified against the self-test CA only."""
    from pictotext_desktop.imaging import PrepareOptions, Source, prepare

    buffer = io.BytesIO()
    _tiny_card().save(buffer, format="JPEG", quality=85)
    image = prepare(Source(data=buffer.getvalue(), name="selftest.jpg"), PrepareOptions())
    with _tls_stand_in() as (client, key):
        result = client.recognize(image, DOCUMENT_TYPE, key)
    _expect_example(result.fields)
    return f"{len(result.fields)} fields over TLS (verified) in {result.timings['request']:.2f} s"


def check_pdf() -> str:
    """Scan a two-page PDF: pages found and rendered (PDFium), prepared, each read over TLS.

    A bundle without PDFium's library fails here rather than on a person's first PDF.
    """
    from pictotext_desktop import pdf_input
    from pictotext_desktop.imaging import PrepareOptions, prepare

    with tempfile.TemporaryDirectory(prefix="pictotext-selftest-") as folder:
        path = Path(folder) / "selftest.pdf"
        first, second = _tiny_card((856, 540)), _tiny_card((540, 856))
        first.save(path, "PDF", resolution=150, save_all=True, append_images=[second])
        sources = pdf_input.sources_for(path)
        problem = next((s for s in sources if isinstance(s, pdf_input.PdfProblem)), None)
        if problem is not None:
            raise CheckFailed(f"the PDF was refused: {problem.error.message}")
        images = [prepare(source, PrepareOptions()) for source in sources]
        with _tls_stand_in() as (client, key):
            for image in images:
                _expect_example(client.recognize(image, DOCUMENT_TYPE, key).fields)
    if len(images) != 2:
        raise CheckFailed(f"{len(images)} pages found, expected 2")
    (width, height), (width2, height2) = images[0].size, images[1].size
    if width <= height or width2 >= height2:
        raise CheckFailed("the pages were not rendered the way they were made")
    return f"2 pages rendered ({width}×{height}, {width2}×{height2}) and read over TLS"


def _expect_example(fields: dict[str, Any]) -> None:
    from pictotext_desktop.standin import load_examples

    expected = load_examples()[DOCUMENT_TYPE]
    got = {k: v for k, v in fields.items() if k in expected}
    if got != expected:
        wrong = sorted(k for k in expected if got.get(k) != expected[k])
        raise CheckFailed(f"{len(wrong)} of {len(expected)} fields differ: {', '.join(wrong)}")


@contextlib.contextmanager
def _tls_stand_in() -> Iterator[tuple[Any, str]]:
    """(client, key) for the built-in stand-in server over TLS, verified against the
    self-test CA only; the key is a fresh test key, never printed."""
    from pictotext_desktop.api.client import ClientConfig, PicToTextClient
    from pictotext_desktop.standin import StandInServer

    key = "sk_test_selftest_" + secrets.token_hex(8)
    logs.register_secret(key)
    with contextlib.ExitStack() as stack:
        ca = stack.enter_context(_resource_file(CA_PEM))
        cert = stack.enter_context(_resource_file(LEAF_CERT_PEM))
        private = stack.enter_context(_resource_file(LEAF_KEY_PEM))
        server = stack.enter_context(StandInServer(tls=PemCertificate(cert, private)))
        server.add_key(key)
        if not server.url.startswith("https://"):
            raise CheckFailed("the stand-in server did not start with TLS")
        client = PicToTextClient(ClientConfig(base_url=server.url, ca_bundle=str(ca),
                                              rate_limit=0))
        # A loopback request must never go through a proxy from the environment.
        client.session.trust_env = False
        stack.callback(client.close)
        yield client, key


SELFTEST_LINE = "PICTOTEXT 2026 1105"  # printed on the self-test card, read back on-device


def check_local_engine() -> str:
    """The on-device engine loads its models and reads printed text back exactly.

    The card goes through the whole reading path (image pipeline, detection, crop,
    recognition, field extraction), which in the bundle runs on cv2_compat, not OpenCV.
    """
    from pictotext_desktop.paths import build_flavor

    if build_flavor() == "cloud":
        raise CheckSkipped("this cloud-only build has no on-device engine")
    from PIL import ImageDraw, ImageFont

    from pictotext_desktop.engines import local
    from pictotext_desktop.imaging import PrepareOptions, Source, prepare

    engine = local.LocalEngine()
    was_loaded = engine.loaded
    started = time.perf_counter()
    engine.preload()
    load = time.perf_counter() - started
    card = _tiny_card((856, 540))
    ImageDraw.Draw(card).text((40, 440), SELFTEST_LINE, fill=(20, 20, 20),
                              font=ImageFont.load_default(size=44))
    buffer = io.BytesIO()
    card.save(buffer, format="PNG")
    image = prepare(Source(data=buffer.getvalue(), name="selftest.png"), PrepareOptions())
    started = time.perf_counter()
    engine.recognize(image, DOCUMENT_TYPE)
    read = time.perf_counter() - started
    texts = [line.text for line in local.get_runtime().read(local.decode_for_ocr(image))]
    wanted = SELFTEST_LINE.replace(" ", "")
    if not any(wanted in text.replace(" ", "") for text in texts):
        raise CheckFailed(f"the printed line was not read back (read {len(texts)} lines)")
    primitives = sys.modules["cv2"]
    using = ("OpenCV " + primitives.__version__ if primitives.__name__ == "cv2"
             else "built-in image primitives")
    models = "compact models" if local.model_params() else "rapidocr's models"
    loaded = f"{models} already loaded" if was_loaded else f"{models} loaded in {load:.2f} s"
    return f"{loaded}, one card read in {read:.2f} s, printed line read back ({using})"


def _null_keyring() -> Any:
    """An empty in-memory keyring: the test window must not touch the person's keyring."""
    from keyring.backend import KeyringBackend

    class _Empty(KeyringBackend):
        priority = 0

        def get_password(self, service: str, username: str) -> str | None:
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            return None

        def delete_password(self, service: str, username: str) -> None:
            return None

    return _Empty()  # type: ignore[no-untyped-call]


def check_window() -> str:
    """Qt starts and the main window is shown, processes events and closes."""
    from pictotext_desktop.qt_deps import missing_qt_libraries, no_display

    if no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    missing = missing_qt_libraries()
    if missing:
        raise CheckFailed(missing.replace("\n", " "))
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    # Qt's own chatter ("This plugin does not support …") goes to the log, not the report.
    previous_handler = qInstallMessageHandler(_qt_message_to_log)
    try:
        return _show_window(app)
    finally:
        qInstallMessageHandler(previous_handler)


def _qt_message_to_log(mode: Any, context: Any, message: str) -> None:
    logging.getLogger("pictotext_desktop.selftest.qt").debug("%s", message)


def _show_window(app: Any) -> str:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QMainWindow

    platform_name = str(app.platformName())
    window: QMainWindow
    if importlib.util.find_spec("pictotext_desktop.ui.main_window") is None:
        window = QMainWindow()
        what = "plain window (the main window is not in this build)"
    else:  # present: any import or construction error is a real failure
        from pictotext_desktop.credentials import KeyStore
        from pictotext_desktop.settings import SettingsStore
        from pictotext_desktop.ui.main_window import MainWindow

        store = SettingsStore(persist=False)
        window = MainWindow(store, keystore=KeyStore(store, backend=_null_keyring()))
        what = "main window"
    try:
        window.show()
        deadline = time.monotonic() + 5.0
        while not _exposed(window):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if time.monotonic() > deadline:
                raise CheckFailed(f"the {what} was not shown within 5 s")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
        size = window.size()
    finally:
        shutdown = getattr(window, "shutdown", None)
        window.close()
        if callable(shutdown):
            shutdown()
        window.deleteLater()
        QCoreApplication.processEvents()
    return f"{what} shown ({size.width()}×{size.height()}, Qt platform {platform_name})"


def _exposed(window: Any) -> bool:
    handle = window.windowHandle()
    return bool(window.isVisible() and handle is not None and handle.isExposed())


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("keyring", check_keyring),
    ("heic", check_heic),
    ("https", check_https),
    ("pdf", check_pdf),
    ("card-worker", check_card_worker),  # before the on-device runtime is loaded
    ("local-engine", check_local_engine),
    ("window", check_window),
)


# -- running ---------------------------------------------------------------------------
def _describe(exc: BaseException) -> str:
    if isinstance(exc, CheckFailed):
        return str(exc)
    if isinstance(exc, PicToTextError):
        text = f"{type(exc).__name__}: {exc.title}. {exc.message}"
        return f"{text} ({exc.detail})" if exc.detail else text
    return f"{type(exc).__name__}: {exc}"


def run_check(name: str, check: Callable[[], str]) -> Outcome:
    started = time.perf_counter()
    skipped = False
    try:
        detail = check()
        passed = True
    except CheckSkipped as exc:
        detail, passed, skipped = str(exc), True, True
    except Exception as exc:  # each check is isolated: report and go on
        detail = _describe(exc)
        passed = False
    seconds = time.perf_counter() - started
    return Outcome(name, passed, seconds, logs.redact(" ".join(detail.split())), skipped)


@contextlib.contextmanager
def _private_config() -> Iterator[None]:
    """Settings in a temporary folder for the duration, so nothing of the user's changes."""
    from pictotext_desktop.settings import CONFIG_DIR_ENV

    previous = os.environ.get(CONFIG_DIR_ENV)
    with tempfile.TemporaryDirectory(prefix="pictotext-selftest-") as folder:
        os.environ[CONFIG_DIR_ENV] = folder
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(CONFIG_DIR_ENV, None)
            else:
                os.environ[CONFIG_DIR_ENV] = previous


def run_self_test(
    stream: TextIO,
    checks: tuple[tuple[str, Callable[[], str]], ...] = CHECKS,
) -> int:
    """Run every check, print one line each and a summary; 0 only if all passed."""
    import platform

    stream.write(f"{APP_NAME} {__version__} self-test (Python {platform.python_version()}, "
                 f"{platform.system()} {platform.machine()})\n")
    stream.flush()
    outcomes: list[Outcome] = []
    width = max(len(name) for name, _ in checks)
    with _private_config():
        for name, check in checks:
            outcome = run_check(name, check)
            outcomes.append(outcome)
            status = "SKIP" if outcome.skipped else "PASS" if outcome.passed else "FAIL"
            stream.write(f"{status}  {name:<{width}}  {outcome.seconds:6.2f} s  "
                         f"{outcome.detail}\n")
            stream.flush()
    failed = [o.name for o in outcomes if not o.passed]
    if failed:
        stream.write(f"self-test FAILED: {len(failed)} of {len(outcomes)} checks failed "
                     f"({', '.join(failed)})\n")
        return 1
    skipped = sum(o.skipped for o in outcomes)
    note = f" ({skipped} skipped: not part of this build)" if skipped else ""
    stream.write(f"self-test passed: all {len(outcomes)} checks{note}\n")
    return 0
