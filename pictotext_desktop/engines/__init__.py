"""Recognition engines: the PicToText cloud API and the on-device reader, one interface."""
