"""A zip archive written as a stream of chunks: files are added from row generators, so memory
stays constant however many rows there are (zipfile supports unseekable outputs)."""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from backend import clock
from backend.records.csv import spreadsheet_safe

CHUNK = 64 * 1024


class _Sink(io.RawIOBase):
    """Collects what zipfile writes until the generator hands it on; it cannot seek."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.size += len(chunk)
        return len(chunk)

    def take(self) -> bytes:
        data, self.parts, self.size = b"".join(self.parts), [], 0
        return data


def zip_of_csvs(files: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]
                ) -> Iterator[bytes]:
    """(file name, header, rows) for each member; yields the archive in chunks of ~64 KB."""
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, header, rows in files:
            # zip times carry no zone: the municipality's wall clock, like every page
            entry = zipfile.ZipInfo(name, date_time=clock.local(clock.now()).timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            # No zip64 below 2 GiB a member: a reader that streams the archive (Java's
            # ZipInputStream) expects a zip64 data descriptor only past 4 GB and failed on every
            # member; a member past 2 GiB (some 10 million inspections) fails here, loudly.
            with archive.open(entry, mode="w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow(header)
                for row in rows:
                    writer.writerow([spreadsheet_safe(value) for value in row])
                    if sink.size >= CHUNK:
                        yield sink.take()
                text.flush()
                text.detach()
            yield sink.take()
    yield sink.take()
