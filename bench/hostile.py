"""The CLI against a hostile API server: peak memory, time and exit code per attack.

Run from the repository root:  python bench/hostile.py [--trickle-interval 1] [--timeout 300]
                                                        [--code DIR] [--cases huge,gzip_bomb]

Starts tests/hostile_server.py on 127.0.0.1 and runs `python -m pictotext_desktop scan
card.jpg` in a subprocess per case, so the peak RSS is that process's own (os.wait4).
Cases: a normal answer (the reference), a 200 MB answer, a ~1 MB gzip body that
inflates to 1 GB, an endless chunked answer, and one byte every --trickle-interval
seconds (which runs into the client's whole-exchange deadline, 120 s by default).
--code DIR runs another checkout's package (e.g. an older one, to compare); a child
still running after --timeout is killed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_server import HostileServer, gzip_bomb  # noqa: E402
from tests.image_corpus import card_image  # noqa: E402

KEY = "sk_live_benchHOSTILEkey0000"
CASES: dict[str, tuple[str, dict[str, object]]] = {
    "ok": ("a normal answer", {}),
    "huge": ("200 MB answer", {}),
    "gzip_bomb": ("1 MB gzip -> 1 GB", {}),
    "endless": ("endless chunked answer", {}),
    "trickle": ("1 byte every N s", {}),
}


def run_case(url: str, card: Path, code_dir: Path, work: Path,
             timeout: float) -> tuple[float, float, str, str]:
    """(peak RSS MB, seconds, exit code, last stderr line) of one `scan` subprocess."""
    env = dict(os.environ, PICTOTEXT_API_KEY=KEY, PICTOTEXT_API_URL=url,
               PICTOTEXT_CONFIG_DIR=str(work / "config"), PICTOTEXT_LOG_DIR=str(work / "logs"),
               PYTHONPATH=str(code_dir))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        env.pop(name, None)
    err_path = work / "stderr.txt"
    started = time.monotonic()
    with open(err_path, "wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "pictotext_desktop", "scan", "--engine", "cloud",
             str(card)],
            env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=err,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout and not killed:
                child.send_signal(signal.SIGKILL)
                killed = True
            time.sleep(0.05)
    seconds = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    code = f"killed after {timeout:g} s" if killed else str(child.returncode)
    lines = err_path.read_text("utf-8", "replace").strip().splitlines()
    last = lines[-1] if lines else ""
    return usage.ru_maxrss / 1024, seconds, code, last.split(": ", 1)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trickle-interval", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="kill a scan still running after this many seconds")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the checkout whose pictotext_desktop package is run")
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    gzip_bomb()  # built once, before any timing
    print(f"code: {args.code}   python: {sys.version.split()[0]}")
    print(f"{'case':<24} {'peak RSS MB':>11} {'seconds':>8}  exit  message")
    with tempfile.TemporaryDirectory() as tmp, HostileServer() as server:
        work = Path(tmp)
        card = work / "card.jpg"
        card_image().save(card, "JPEG", quality=90)
        for name in cases:
            label, settings = CASES[name]
            if name == "trickle":
                settings = {"trickle_interval": args.trickle_interval,
                            "trickle_size": 1_000_000}
                label = f"1 byte every {args.trickle_interval:g} s"
            server.behave(name, **settings)
            rss, seconds, code, message = run_case(server.url, card, args.code, work,
                                                   args.timeout)
            print(f"{label:<24} {rss:>11.0f} {seconds:>8.1f}  {code:>4}  {message[:100]}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
