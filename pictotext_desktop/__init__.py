"""PicToText Desktop: photos of identity documents in, checked structured data out."""

__version__ = "0.1.0"
APP_NAME = "PicToText Desktop"
APP_ID = "pictotext-desktop"
