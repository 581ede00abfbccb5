"""PicToText Desktop: photos of identity documents in, checked structured data out."""

import os as _os

__version__ = "0.1.0"
APP_NAME = "PicToText Desktop"
APP_ID = "pictotext-desktop"

# onnxruntime's official wheels (the on-device engine) collect telemetry by default: the
# first inference session writes a device id and an event queue under ~/.cache/Microsoft
# and a long-running process later contacts Microsoft's telemetry host.  The switch is read
# once, when onnxruntime initialises, so it is set here, before anything can import it,
# whichever way the app starts (CLI, window, --self-test, the frozen bundle).  Always "1":
# the app promises no telemetry, so a stray ORT_DISABLE_TELEMETRY=0 must not turn it on.
_os.environ["ORT_DISABLE_TELEMETRY"] = "1"
