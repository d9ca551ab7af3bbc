"""Find careers by the words people use: titles, other titles, the titles O*NET lists for
each occupation (titles.tsv.gz, written by tools/title_index.py), and SOC codes with or
without the dash. Plurals and small typos still match: "nurses", "pharmasist".

Every occupation in the BLS tables can be found, with or without a career record; a hit
without a record is an occupation a counsellor can start a record for.
"""

from __future__ import annotations

import bisect
import gzip
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

TITLES_FILE = "titles.tsv.gz"
EXACT, START, TYPO = 3.0, 2.0, 1.0
"""How well a word of the query matches a word of a title: the same word, the start of one
(the word is still being typed), or the same word with a letter wrong, missing, extra or
two swapped."""
LIMIT = 30


@dataclass(frozen=True)
class Record:
    """A career record as search sees it."""

    id: str
    title: str
    other_titles: tuple[str, ...]
    soc: str


@dataclass(frozen=True)
class Hit:
    """One career or occupation found: the title to show, its SOC code, the record's id
    (None when there is no record yet) and, when another of its titles matched, that one."""

    title: str
    soc: str
    career: str | None
    matched: str | None = None


@dataclass(frozen=True)
class _Entry:
    title: str
    soc: str
    career: str | None
    names: tuple[str, ...]
    """Its titles: the shown one first, then the record's other titles, then O*NET's."""


def words(text: str) -> list[str]:
    """Text as search compares it: lower case, without accents or punctuation, each word
    in its singular ("nurses" → "nurse", "secretaries" → "secretary")."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [_singular(w) for w in re.findall(r"[a-z0-9]+", plain)]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _close(a: str, b: str, most: int) -> bool:
    """Whether `a` becomes `b` by at most `most` letters changed, added, removed or two
    neighbours swapped."""
    if abs(len(a) - len(b)) > most:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > most:
            return False
        previous2, previous = previous, row
    return previous[-1] <= most


@cache
def onet_titles() -> dict[str, tuple[str, ...]]:
    """SOC code → the titles O*NET lists for it, O*NET's own title first."""
    data = resources.files("brochure.figures").joinpath(TITLES_FILE).read_bytes()
    found: dict[str, list[str]] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            soc, _, title = line.partition("\t")
            found.setdefault(soc, []).append(title)
    return {soc: tuple(titles) for soc, titles in found.items()}


def occupations(titles: dict[str, str]) -> dict[str, str]:
    """The detailed occupations among the tables' codes: not 'All Occupations' and not a
    group (29-2070 is the group of 29-2072; 31-1120 is an occupation, the group of none)."""
    codes = sorted(titles)
    groups = set()
    for code in codes:
        stem = code.rstrip("0").rstrip("-")
        at = bisect.bisect_left(codes, stem)
        while at < len(codes) and codes[at].startswith(stem):
            if codes[at] != code:
                groups.add(code)
                break
            at += 1
    return {code: titles[code] for code in codes if code not in groups and code != "00-0000"}


class Finder:
    """Search over every occupation in the tables and every career record."""

    def __init__(self, tables_titles: dict[str, str], records: Iterable[Record],
                 extra: dict[str, tuple[str, ...]] | None = None) -> None:
        extra = onet_titles() if extra is None else extra
        entries = []
        with_record = set()
        for record in records:
            with_record.add(record.soc)
            names = [record.title, *record.other_titles]
            if record.soc in tables_titles:
                names.append(tables_titles[record.soc])
            names += self._onet(extra, record.soc)
            entries.append(_Entry(record.title, record.soc, record.id, _distinct(names)))
        for soc, title in occupations(tables_titles).items():
            if soc not in with_record:
                names = [title, *self._onet(extra, soc)]
                entries.append(_Entry(title, soc, None, _distinct(names)))
        self.entries = entries
        self._words: dict[str, list[tuple[int, int, int]]] = {}
        """Each word → where it is: entry, name and the name's length in words."""
        for e, entry in enumerate(entries):
            for n, name in enumerate(entry.names):
                split = words(name)
                for word in set(split):
                    self._words.setdefault(word, []).append((e, n, len(split)))
        self._vocabulary = sorted(self._words)

    @staticmethod
    def _onet(extra: dict[str, tuple[str, ...]], soc: str) -> list[str]:
        """O*NET's titles for a BLS code; for a code BLS joins from several O*NET ones
        (31-1120 from 31-1121 and 31-1122), theirs."""
        if soc in extra:
            return list(extra[soc])
        stem = soc.rstrip("0")
        if soc.endswith("0") and len(stem) >= 6:
            return [t for code, titles in sorted(extra.items()) if code.startswith(stem)
                    for t in titles]
        return []

    def find(self, query: str, limit: int = LIMIT) -> list[Hit]:
        """The careers and occupations that match `query`, best first."""
        code = re.sub(r"[\s.]", "", query)
        if re.fullmatch(r"\d{2}-?\d{0,4}(00)?", code) and len(code) >= 2:
            digits = code.replace("-", "")[:6]
            hits = [e for e in self.entries if e.soc.replace("-", "").startswith(digits)]
            hits.sort(key=lambda e: (e.soc, e.career is None, e.title.lower()))
            return [Hit(e.title, e.soc, e.career) for e in hits[:limit]]
        asked = list(dict.fromkeys(words(query)))
        if not asked:
            return []
        scores: dict[tuple[int, int], float] | None = None
        lengths: dict[tuple[int, int], int] = {}
        for word in asked:
            found: dict[tuple[int, int], float] = {}
            for known, how in self._matches(word):
                for e, n, size in self._words[known]:
                    lengths[(e, n)] = size
                    if found.get((e, n), 0) < how:
                        found[(e, n)] = how
            if scores is None:
                scores = found
            else:
                scores = {key: scores[key] + how for key, how in found.items() if key in scores}
            if not scores:
                return []
        assert scores is not None
        best: dict[int, tuple[float, int]] = {}
        for (e, n), score in scores.items():
            size = lengths[(e, n)]
            whole = size == len(asked) and score == EXACT * len(asked)
            # The whole of a title (its own more than another), then its own title holding
            # the words ("programmer" in Computer Programmers), then shorter titles.
            score += (0 if not whole else 4 if n == 0 else 2) + (1 if n == 0 else 0) \
                - 0.05 * size
            if (e, 0) in scores:
                score += 2 - 0.2 * lengths[(e, 0)]
            if e not in best or best[e][0] < score:
                best[e] = (score, n)
        ranked = sorted(best.items(), key=lambda item: (
            -item[1][0], self.entries[item[0]].career is None, self.entries[item[0]].title))
        out: list[Hit] = []
        for e, (_, n) in ranked[:limit]:
            entry = self.entries[e]
            matched = entry.names[n] if n else None
            out.append(Hit(entry.title, entry.soc, entry.career, matched))
        return out

    def _matches(self, word: str) -> list[tuple[str, float]]:
        """The known words `word` may stand for, and how well."""
        out = [(word, EXACT)] if word in self._words else []
        if len(word) >= 2:
            at = bisect.bisect_right(self._vocabulary, word)
            while at < len(self._vocabulary) and self._vocabulary[at].startswith(word):
                out.append((self._vocabulary[at], START))
                at += 1
        most = 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0
        if most and not out:
            for known in self._vocabulary:
                if known[0] == word[0] and _close(word, known, most):
                    out.append((known, TYPO))
        return out


def _distinct(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(" ".join(words(name)), name)
    return tuple(seen.values())
