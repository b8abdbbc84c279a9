"""Reading a rendered window's pixels and encoding them as JPEG or PNG.

A frame goes to the page as one binary websocket message: a 4-byte
big-endian header length, a small JSON header (view id, sequence number,
size, MIME type, still or interactive), then the image bytes. It is built
once and the same bytes go to every page showing the view.
"""

from __future__ import annotations

import functools
import io
import json
import struct
from dataclasses import dataclass, field
from typing import Any

# JPEG quality from which VTK's progressive writer is used even when Pillow is installed:
# at still quality it makes files ≈ 10 % smaller than Pillow's optimised baseline.
PROGRESSIVE_FROM = 80


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


@functools.lru_cache(maxsize=1)
def _pillow() -> Any:
    """Pillow's Image module when it is installed (matplotlib brings it), else None."""
    try:
        from PIL import Image
    except ImportError:
        return None
    return Image


class Encoder:
    """Grabs one window's rendered pixels and writes them as JPEG/PNG in memory.

    Used only by the render thread; the filters are reused frame after frame.
    The pixels come from the front buffer when the window swaps buffers: that
    is the image VTK has already resolved from its multisampled frame buffer,
    so reading it is a copy (≈ 1 ms at 800 × 540) where the back buffer costs a
    second resolve (≈ 5 ms with software OpenGL).

    Interactive frames (JPEG below :data:`PROGRESSIVE_FROM`) go through Pillow,
    when it is installed, as an optimised baseline JPEG: the same bytes as
    VTK's progressive writer at half the time, and quicker for the browser to
    decode. Still frames use VTK's progressive writer (smaller at high quality).
    """

    def __init__(self, window: Any) -> None:
        from vtkmodules.vtkIOImage import vtkJPEGWriter, vtkPNGWriter
        from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

        self.window = window
        self.grab = vtkWindowToImageFilter()
        self.grab.SetInput(window)
        self.grab.SetInputBufferTypeToRGB()
        self.grab.ShouldRerenderOff()   # we render ourselves, once
        self.jpeg = vtkJPEGWriter()
        self.jpeg.WriteToMemoryOn()
        self.jpeg.SetInputConnection(self.grab.GetOutputPort())
        self.png = vtkPNGWriter()
        self.png.WriteToMemoryOn()
        self.png.SetInputConnection(self.grab.GetOutputPort())
        self.size: tuple[int, int] = (0, 0)  # of the pixels last read

    def read(self) -> None:
        """Copy the rendered pixels out of the window (call right after Render)."""
        # After Render() the finished frame is the front buffer, unless the app turned swapping off.
        swaps = getattr(self.window, "GetSwapBuffers", lambda: 1)()
        self.grab.SetReadFrontBuffer(1 if swaps else 0)
        self.grab.Modified()
        self.grab.Update()
        dims = self.grab.GetOutput().GetDimensions()
        self.size = (dims[0], dims[1])

    def encode(self, quality: int) -> tuple[bytes, str]:
        """The pixels last read: JPEG at *quality*, or PNG when quality is 100."""
        if quality >= 100:
            return self.png_bytes(), "image/png"
        quality = max(1, min(int(quality), 99))
        pil = _pillow() if quality < PROGRESSIVE_FROM else None
        if pil is not None:
            return self._pillow_jpeg(pil, quality), "image/jpeg"
        self.jpeg.SetQuality(quality)
        self.jpeg.Write()
        return bytes(memoryview(self.jpeg.GetResult())), "image/jpeg"

    def _pillow_jpeg(self, pil: Any, quality: int) -> bytes:
        w, h = self.size
        pixels = memoryview(self.grab.GetOutput().GetPointData().GetScalars())
        # VTK's rows run bottom-up: a negative stride flips them without a copy.
        image = pil.frombuffer("RGB", (w, h), pixels, "raw", "RGB", 0, -1)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True)
        return out.getvalue()

    def png_bytes(self) -> bytes:
        """The pixels last read as PNG."""
        # VTK's PNG writer appends each file to its memory result: start it afresh,
        # or every capture would be the first one followed by all the others.
        self.png.SetResult(self._empty())
        self.png.Write()
        return bytes(memoryview(self.png.GetResult()))

    @staticmethod
    def _empty() -> Any:
        from vtkmodules.vtkCommonCore import vtkUnsignedCharArray

        return vtkUnsignedCharArray()
