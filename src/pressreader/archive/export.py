"""One WARC of chosen sites, for other archives: :func:`export_warc`.

The records are copied byte for byte from the archive's own WARC files (each
record is a complete gzip member), after a ``warcinfo`` record naming the
export. The file is written beside its target and renamed into place, so a
failed export leaves nothing behind.

    >>> import tempfile, pathlib
    >>> from pressreader.archive.store import Archive
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "none.warc.gz"
    >>> with Archive(":memory:") as archive:
    ...     export_warc(archive, out)
    0
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import ArchiveError
from .store import Archive
from .warc import copy_captures

__all__ = ["export_warc"]


def export_warc(archive: Archive, target: Path, sites: tuple[str, ...] = ()) -> int:
    """Write the kept pages of ``sites`` (every site when empty) to ``target``; returns how many.

    Raises :class:`~pressreader.errors.ArchiveError` naming the file when it
    cannot be written, or when a kept page cannot be read.
    """
    captures = [c for c in (archive.capture(i) for i, _site in archive.captured(sites)) if c is not None]
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as out:
            copied = copy_captures(archive.pages or Path("."), captures, out, name=target.name)
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ArchiveError(f"cannot write the WARC file {target}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return copied
