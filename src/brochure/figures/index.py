"""An index of the BLS tables by SOC code, so that a build reads only its occupations' rows.

The OEWS table holds every occupation in every state (38,512 rows); a brochure needs one
occupation's. The index groups the rows by SOC code and keeps the little every command asks
about the whole table (titles, states, years, footnotes) in a short header. It is kept in
the user's cache folder under the digest of the tables' bytes: tables that change in any
way (`brochure import`, an edit by hand) have another digest, so an index of older tables
is never found, and the full read that follows writes the new one. The index only saves
time: one that is missing, unreadable or damaged means a full read, never an error.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brochure.figures.bls_files import Contents, Row

FORMAT = b"brochure BLS index 1\n"
"""The first line of an index file; a new layout of the file gets a new number."""

KEEP = 8
"""How many indexes (of different tables) the cache folder keeps; older ones are removed."""

MAX_HEADER_BYTES = 10_000_000
"""Never read more than this of an index's header; the shipped tables' is about 90 KB."""


@dataclass(frozen=True)
class Occupation:
    """One SOC code's rows: its OEWS rows (national, then states) and its projections row."""

    oews: list[Row]
    projection: Row | None


@dataclass
class Index:
    """The tables' rows found by SOC code, with what commands ask about the whole table."""

    titles: dict[str, str]
    """SOC code → occupation title, for every occupation in the OEWS table."""
    states: dict[str, str]
    """Two-letter code → name of every state or territory in the OEWS table."""
    oews_years: list[int]
    """The May reference years the OEWS rows describe (one, unless mixed)."""
    footnotes: list[Row]
    projections_header: list[str]
    _occupations: dict[str, Occupation] = field(default_factory=dict)
    _unpack: Callable[[str], Occupation | None] | None = None
    """Reads one occupation from a stored index; None when every occupation is at hand."""

    @classmethod
    def of(cls, contents: Contents, projection_code: str, states: tuple[str, ...]) -> Index:
        """The index of tables read in full. `projection_code` names the projections'
        SOC code column; `states` are the OEWS area types of states and territories."""
        oews: dict[str, list[Row]] = {}
        titles: dict[str, str] = {}
        state_names: dict[str, str] = {}
        for row in contents.oews:
            oews.setdefault(row["OCC_CODE"], []).append(row)
            titles.setdefault(row["OCC_CODE"], row["OCC_TITLE"])
            if row["AREA_TYPE"] in states:
                state_names.setdefault(row["PRIM_STATE"], row["AREA_TITLE"])
        projections = {row[projection_code].strip(): row for row in contents.projections}
        occupations = {code: Occupation(oews.get(code, []), projections.get(code))
                       for code in {**oews, **projections}}
        return cls(titles, state_names, contents.oews_years(), contents.footnotes,
                   contents.projections_header, occupations)

    def oews(self, soc: str) -> list[Row]:
        """The OEWS rows of one occupation, national and state; none for an unknown code."""
        found = self._occupation(soc)
        return found.oews if found else []

    def projection(self, soc: str) -> Row | None:
        """The projections row of one occupation (00-0000: all occupations), if any."""
        found = self._occupation(soc)
        return found.projection if found else None

    def _occupation(self, soc: str) -> Occupation | None:
        if soc not in self._occupations and self._unpack is not None:
            found = self._unpack(soc)
            if found is None:
                return None
            self._occupations[soc] = found
        return self._occupations.get(soc)


def cache_folder() -> Path | None:
    """Where indexes are kept: $XDG_CACHE_HOME/brochure, by default ~/.cache/brochure
    (%LOCALAPPDATA%\\brochure on Windows); None when there is no home folder."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "brochure"


def _path(folder: Path, digest: str) -> Path:
    return folder / f"bls-{digest}.index"


def load(digest: str, reread: Callable[[], Index]) -> Index | None:
    """The stored index of the tables with this digest, or None when there is none that
    can be read. Only its header is read now, each occupation when first asked for;
    `reread` makes the index from a full read, should an occupation be unreadable then."""
    folder = cache_folder()
    if folder is None:
        return None
    path = _path(folder, digest)
    try:
        with open(path, "rb") as f:
            if f.readline(len(FORMAT)) != FORMAT:
                return None
            line = f.readline(MAX_HEADER_BYTES + 1)
            body, size = f.tell(), os.fstat(f.fileno()).st_size
        header = json.loads(line)
        if header["digest"] != digest or body + header["length"] != size:
            return None  # not this index, or not all of it
        return _index(header, path, body, reread)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _index(header: dict[str, Any], path: Path, body: int,
           reread: Callable[[], Index]) -> Index:
    """The index whose header is `header`, reading occupations from `path` on demand."""
    places: dict[str, list[int]] = header["places"]
    oews_columns: list[str] = header["oews_columns"]
    projection_columns: list[str] = header["projections_header"]
    full: list[Index] = []

    def unpack(soc: str) -> Occupation | None:
        if soc not in places:
            return None
        start, stop = places[soc]
        try:
            with open(path, "rb") as f:
                f.seek(body + start)
                oews, projection = json.loads(zlib.decompress(f.read(stop - start)))
            return Occupation(
                [dict(zip(oews_columns, row, strict=True)) for row in oews],
                None if projection is None
                else dict(zip(projection_columns, projection, strict=True)))
        except (OSError, ValueError, TypeError, zlib.error):  # removed or damaged since
            if not full:
                full.append(reread())
                store(full[0], header["digest"])  # mended for the next command
            return full[0]._occupation(soc)

    return Index(header["titles"], header["states"], header["oews_years"],
                 header["footnotes"], projection_columns, _unpack=unpack)


def store(index: Index, digest: str) -> None:
    """Keep `index` (complete, from a full read) in the cache folder, if it can be written;
    remove the oldest indexes beyond KEEP."""
    folder = cache_folder()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        data = _packed(index, digest)
        # Written aside and moved into place: a reader never sees half an index, and two
        # builds writing the same one at once both leave a whole one.
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".bls-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temporary, _path(folder, digest))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder)


def _packed(index: Index, digest: str) -> bytes:
    """The index as bytes: the format line, a JSON header line, then each occupation's rows
    compressed on their own, so that reading one needs only its own bytes."""
    oews_columns = _columns(itertools.chain.from_iterable(
        found.oews for found in index._occupations.values()))
    projection_columns = index.projections_header
    blobs: list[bytes] = []
    places: dict[str, tuple[int, int]] = {}
    offset = 0
    for soc, found in sorted(index._occupations.items()):
        rows = [[*map(row.get, oews_columns)] for row in found.oews]
        projection = (None if found.projection is None
                      else [*map(found.projection.get, projection_columns)])
        # The fastest compression: a third of the size, at a fraction of the full read.
        blob = zlib.compress(json.dumps([rows, projection], ensure_ascii=False,
                                        separators=(",", ":")).encode("utf-8"), 1)
        places[soc] = (offset, offset + len(blob))
        offset += len(blob)
        blobs.append(blob)
    header = {"digest": digest, "length": offset, "titles": index.titles,
              "states": index.states, "oews_years": index.oews_years,
              "footnotes": index.footnotes, "projections_header": projection_columns,
              "oews_columns": oews_columns, "places": places}
    line = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"".join([FORMAT, line, b"\n", *blobs])


def _columns(rows: Iterable[Row]) -> list[str]:
    """Every column name the rows use, in the order first met (a CSV reader's rows share
    one header, so this is the header)."""
    return [name for name in dict.fromkeys(itertools.chain.from_iterable(rows))
            if isinstance(name, str)]  # a CSV reader files a row's extra cells under None


def _prune(folder: Path) -> None:
    indexes = sorted(folder.glob("bls-*.index"), key=_age)
    for old in indexes[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
