"""The on-device reader's model sessions (engines/local.py): onnxruntime's worker threads
spin while they wait for work unless told otherwise.  On two cores that spinning takes
CPU from the card step of the next photo and from the rest of the machine, for no
reading gained (bench/hard_set.py, "nospin").  rapidocr makes its sessions itself; these
are the same model files in sessions made with the threads asked to sleep (or spin), kept
so a comparison can switch between them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SPINNING = "session.intra_op.allow_spinning"


@contextmanager
def made_spinning(spin: bool) -> Iterator[None]:
    """rapidocr's model sessions made while the block runs have threads that spin or
    sleep (`spin`): the models are loaded once, as wanted (unchanged when this rapidocr
    makes its session options some other way)."""
    try:
        from rapidocr.inference_engine.onnxruntime.main import OrtInferSession
    except ImportError:
        yield
        return
    own = OrtInferSession.__dict__.get("_init_sess_opts")
    if not isinstance(own, staticmethod):
        yield
        return
    make = own.__func__

    def options(cfg: Any) -> Any:
        made = make(cfg)
        made.add_session_config_entry(SPINNING, "1" if spin else "0")
        return made

    setattr(OrtInferSession, "_init_sess_opts", staticmethod(options))  # noqa: B010
    try:
        yield
    finally:
        setattr(OrtInferSession, "_init_sess_opts", own)  # noqa: B010


def set_sessions(ocr: Any, spin: bool, kept: dict[bool, list[Any]]) -> None:
    """Point rapidocr's three model sessions at ones whose threads spin or sleep
    (`spin`), made once from the same model files and kept in `kept`; left as they are
    when this rapidocr does not show its sessions."""
    holders: list[Any] = [getattr(getattr(ocr, f"text_{role}", None), "session", None)
                          for role in ("det", "cls", "rec")]
    if not all(hasattr(h, "session") for h in holders):
        return
    if not kept:
        kept[_spins(holders[0].session)] = [h.session for h in holders]
    if spin not in kept:
        import onnxruntime

        made = []
        for holder in holders:
            old = holder.session
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 4
            options.enable_cpu_mem_arena = False
            options.add_session_config_entry(SPINNING, "1" if spin else "0")
            made.append(onnxruntime.InferenceSession(
                old._model_path, sess_options=options, providers=old.get_providers()))
        kept[spin] = made
    for holder, session in zip(holders, kept[spin], strict=True):
        holder.session = session


def _spins(session: Any) -> bool:
    entries = getattr(session, "_sess_options", None)
    get = getattr(entries, "get_session_config_entry", None)
    try:
        return str(get(SPINNING)) != "0" if callable(get) else True
    except Exception:  # not set: onnxruntime's default, spinning
        return True
