"""Writing files so that a failure leaves nothing behind, and says what happened in plain words.

Every output (audio, talking books, podcast files, reader pages) is written
through :func:`replacing`: to ``.NAME.partial`` beside the target, moved into
place only when complete, and removed on any failure or interruption. A write
that fails becomes the caller's own error type with a sentence that names the
thing written and the reason (:func:`write_failure`).

    >>> import tempfile, pathlib
    >>> from pressreader.errors import RenderError
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with replacing(folder / "page.html", "the reader page", RenderError) as out:
    ...     _ = out.write(b"<p>Hi</p>")
    >>> sorted(p.name for p in folder.iterdir())
    ['page.html']
    >>> import errno
    >>> write_failure("audio", "/x/a.wav", OSError(errno.ENOSPC, "No space left on device"), needed=2_000_000)
    'cannot write audio to /x/a.wav: the disk is full (2,000,000 bytes needed)'
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import PressreaderError

__all__ = ["replacing", "write_failure"]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
}


def write_failure(
    what: str, path: str | os.PathLike[str], exc: OSError, *, needed: int | None = None, at_least: bool = False
) -> str:
    """The sentence for a failed write of ``what`` to ``path``: the reason in plain words, and for a
    full disk how much room the file needs (``at_least`` when only a lower bound is known)."""
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) and needed:
        reason += f" ({'at least ' if at_least else ''}{needed:,} bytes needed)"
    return f"cannot write {what} to {path}: {reason}"


@contextlib.contextmanager
def replacing(path: Path, what: str, error: type[PressreaderError]) -> Iterator[BinaryIO]:
    """A file to write ``path`` through: complete on success, gone (with no partial file) otherwise.

    An ``OSError`` becomes ``error`` with :func:`write_failure`'s sentence;
    any other exception (Ctrl-C included) is raised as it is, after the
    partial file is removed.
    """
    temp = path.with_name(f".{path.name}.partial")
    handle: BinaryIO | None = None
    try:
        handle = open(temp, "wb")  # noqa: SIM115 - closed below, before the rename
        yield handle
        handle.close()
        os.replace(temp, path)
    except OSError as exc:
        _discard(handle, temp)
        raise error(write_failure(what, path, exc, needed=_size(handle), at_least=True)) from exc
    except BaseException:
        _discard(handle, temp)
        raise


def _size(handle: BinaryIO | None) -> int | None:
    try:
        return handle.tell() if handle is not None and not handle.closed else None
    except (OSError, ValueError):
        return None


def _discard(handle: BinaryIO | None, temp: Path) -> None:
    if handle is not None:
        with contextlib.suppress(OSError, ValueError):
            handle.close()
    with contextlib.suppress(OSError):
        temp.unlink()
