"""Reading a rendered window's pixels and encoding them as JPEG or PNG.

A frame goes to the page as one binary websocket message: a 4-byte
big-endian header length, a small JSON header (view id, sequence number,
size, MIME type, still or interactive), then the image bytes. It is built
once and the same bytes go to every page showing the view.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Frame:
    """One encoded picture of a view."""

    view: str
    seq: int
    width: int
    height: int
    mime: str
    still: bool
    data: bytes
    message: bytes = field(default=b"", repr=False)

    def __post_init__(self) -> None:
        header = json.dumps({
            "v": self.view, "seq": self.seq, "w": self.width, "h": self.height,
            "mime": self.mime, "still": self.still,
        }, separators=(",", ":")).encode()
        self.message = struct.pack(">I", len(header)) + header + self.data


def parse(message: bytes) -> tuple[dict, bytes]:
    """Split a frame message into its header and image bytes (tests, bench)."""
    (n,) = struct.unpack(">I", message[:4])
    return json.loads(message[4:4 + n]), message[4 + n:]


class Encoder:
    """Grabs one window's back buffer and writes it as JPEG/PNG in memory.

    Used only by the render thread; the filters are reused frame after frame.
    """

    def __init__(self, window: Any) -> None:
        from vtkmodules.vtkIOImage import vtkJPEGWriter, vtkPNGWriter
        from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

        self.grab = vtkWindowToImageFilter()
        self.grab.SetInput(window)
        self.grab.SetInputBufferTypeToRGB()
        self.grab.ReadFrontBufferOff()  # the frame just rendered, not what a screen shows
        self.grab.ShouldRerenderOff()   # we render ourselves, once
        self.jpeg = vtkJPEGWriter()
        self.jpeg.WriteToMemoryOn()
        self.jpeg.SetInputConnection(self.grab.GetOutputPort())
        self.png = vtkPNGWriter()
        self.png.WriteToMemoryOn()
        self.png.SetInputConnection(self.grab.GetOutputPort())

    def read(self) -> None:
        """Copy the rendered pixels out of the window (call right after Render)."""
        self.grab.Modified()
        self.grab.Update()

    def encode(self, quality: int) -> tuple[bytes, str]:
        """The pixels last read: JPEG at *quality*, or PNG when quality is 100."""
        if quality >= 100:
            self.png.Write()
            return bytes(memoryview(self.png.GetResult())), "image/png"
        self.jpeg.SetQuality(max(1, min(int(quality), 99)))
        self.jpeg.Write()
        return bytes(memoryview(self.jpeg.GetResult())), "image/jpeg"

    def png_bytes(self) -> bytes:
        """The pixels last read as PNG."""
        self.png.Write()
        return bytes(memoryview(self.png.GetResult()))
