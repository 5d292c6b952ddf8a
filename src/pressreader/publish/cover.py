"""A podcast's cover: a square PNG with the feed's name in large, high-contrast letters.

Podcast apps ask for a square image of 1400 to 3000 pixels. The cover is drawn
here, never fetched: yellow capitals (#ffdd00) on near-black (#0b0c0c), a
contrast of about 15:1, in a plain pixel font scaled as large as the name allows,
one word or more to a line. Letters outside the font (accented ones are written
without their accent first) are drawn as a middle dot.

    >>> png = cover_png("Warwickshire PCC")
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", png_size(png)
    (True, (1400, 1400))
"""

from __future__ import annotations

import struct
import unicodedata
import zlib

from ..errors import OptionsError

__all__ = ["BACKGROUND", "FOREGROUND", "cover_png", "png_size"]

BACKGROUND = (0x0B, 0x0C, 0x0C)
FOREGROUND = (0xFF, 0xDD, 0x00)

# A 5x7 pixel font: each glyph is seven rows of five columns, "#" inked.
_GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "#####"),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("####.", "....#", "....#", ".###.", "....#", "....#", "####."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": (".###.", "#....", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "....#", ".###."),
    "&": (".##..", "#..#.", "#.#..", ".#...", "#.#.#", "#..#.", ".##.#"),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    "'": ("..#..", "..#..", ".....", ".....", ".....", ".....", "....."),
    ".": (".....", ".....", ".....", ".....", ".....", ".##..", ".##.."),
    ",": (".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."),
    " ": (".....", ".....", ".....", ".....", ".....", ".....", "....."),
}
_UNKNOWN = (".....", ".....", ".....", "..#..", ".....", ".....", ".....")
_CELL_W, _CELL_H = 6, 9  # a glyph and the space after it / below it, in font pixels


def _letters(text: str) -> str:
    """``text`` in capitals, accents dropped, quotes straightened."""
    flat = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in flat if not unicodedata.combining(ch)).upper()


def _lines(words: list[str], per_line: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _layout(text: str) -> list[str]:
    """The lines that give the largest letters on a square: the most even fit of words to lines."""
    words = _letters(text[:120]).split()[:12] or ["PODCAST"]  # a cover holds a name, not a paragraph
    best: list[str] = []
    best_scale = 0.0
    for per_line in range(max(len(w) for w in words), sum(len(w) + 1 for w in words) + 1):
        lines = _lines(words, per_line)
        scale = min(1 / (max(len(line) for line in lines) * _CELL_W), 1 / (len(lines) * _CELL_H))
        if scale > best_scale:
            best, best_scale = lines, scale
    return best


def cover_png(title: str, size: int = 1400) -> bytes:
    """A ``size`` x ``size`` PNG (1400 to 3000) with ``title`` drawn large in high contrast."""
    if not isinstance(size, int) or isinstance(size, bool) or not 1400 <= size <= 3000:
        raise OptionsError(f"a podcast cover is 1400 to 3000 pixels square, not {size!r}", field="size", value=size)
    lines = _layout(title)
    margin = size // 10
    room = size - 2 * margin
    scale = max(1, min(room // (max(len(line) for line in lines) * _CELL_W), room // (len(lines) * _CELL_H)))
    block_h = (len(lines) * _CELL_H - 2) * scale
    top = (size - block_h) // 2
    rows = [bytearray(size) for _ in range(size)]  # palette index 0: background, 1: letters
    for number, line in enumerate(lines):
        width = (len(line) * _CELL_W - 1) * scale
        left = (size - width) // 2
        y0 = top + number * _CELL_H * scale
        for position, ch in enumerate(line):
            glyph = _GLYPHS.get(ch, _UNKNOWN)
            x0 = left + position * _CELL_W * scale
            for gy, pattern in enumerate(glyph):
                for gx, pixel in enumerate(pattern):
                    if pixel == "#":
                        x = x0 + gx * scale
                        for y in range(y0 + gy * scale, y0 + (gy + 1) * scale):
                            rows[y][x: x + scale] = b"\x01" * scale
    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 before each row
    return _png(size, size, raw)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png(width: int, height: int, raw: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    palette = bytes(BACKGROUND) + bytes(FOREGROUND)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"PLTE", palette)
            + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))


def png_size(png: bytes) -> tuple[int, int]:
    """The width and height a PNG's header states."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width, height
