"""Read a user's YAML file safely, keeping the line and column of every value."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brochure.errors import DataError, Problem, shown
from brochure.files import FileTooBig, NotRegularFile, read_bounded
from brochure.model.slips import source_lines, syntax_problem

# libyaml's parser when PyYAML was built with it (10 times faster), else the pure one.
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 1_000_000
MAX_DEPTH = 8
MAX_VALUES = 5_000  # a full career record has about 600; the handout layout 450

Key = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data from one YAML file, with where each value and key was written."""

    path: str
    data: Any
    values: dict[Key, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Key, tuple[int, int]] = field(default_factory=dict)
    texts: dict[Key, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def where(self, key: Key) -> tuple[int, int]:
        """Line and column for a value, falling back to its nearest written parent."""
        for end in range(len(key), -1, -1):
            found = self.values.get(key[:end])
            if found:
                return found
        return (1, 1)

    def problem(self, key: Key, message: str, hint: str | None = None, *,
                at_key: bool = False) -> Problem:
        """A located problem at `key`; `at_key` points at the key rather than its value."""
        line, col = (self.keys.get(key) if at_key else None) or self.where(key)
        return Problem(self.path, line, col, dotted(key), message, hint)


def dotted(key: Key) -> str:
    """`('education', 'paths', 0, 'length')` → `education.paths[0].length`."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{shown(part)}" if out else shown(part)
    return out


def read_yaml(path: Path, display: str) -> Document:
    """Parse `path` with PyYAML's safe loader; refuse anything risky with a located problem."""
    def fail(message: str, line: int = 1, col: int = 1, hint: str | None = None) -> DataError:
        return DataError([Problem(display, line, col, "", message, hint)])

    try:
        raw = read_bounded(path, MAX_BYTES)
    except NotRegularFile as exc:
        if exc.folder:
            raise fail("is a folder, not a file") from None
        raise fail("is not a regular file (a device, pipe or socket)",
                   hint="replace it with an ordinary text file") from None
    except FileTooBig as exc:
        raise fail(f"the file is {exc.size:,} bytes; the limit is {MAX_BYTES:,}",
                   hint="a career record is a few kilobytes; check that this is the right file")\
            from None
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror})") from None
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise fail("the file is saved as UTF-32", hint="save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("the file is saved as UTF-16", hint="save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail(f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", line, col,
                   hint="save the file as UTF-8") from None

    try:
        try:
            _check_events(text, fail, display, Loader)
            node = yaml.compose(text, Loader=Loader)
        except yaml.YAMLError:
            if Loader is yaml.SafeLoader:
                raise
            # libyaml's messages are terse; the pure parser says exactly what is wrong
            # (or accepts what libyaml refuses, such as a lone surrogate escape, and lets
            # the text checks name the field).
            _check_events(text, fail, display, yaml.SafeLoader)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise fail(f"character U+{code:04X} is not allowed in a YAML file", line, col,
                   hint="save the file as UTF-8 text" if code == 0 else "remove it") from None
    except yaml.MarkedYAMLError as exc:
        raise DataError([syntax_problem(display, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {exc}") from None

    doc = Document(display, None, lines=source_lines(text))
    if node is None:
        raise fail("the file is empty")
    problems: list[Problem] = []
    constructor = yaml.SafeLoader("")
    doc.data = _build(node, (), doc, problems, constructor)
    if problems:
        raise DataError(problems)
    return doc


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at `index`."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


@dataclass
class _Level:
    """Where the event pass is inside one mapping or sequence."""

    mapping: bool
    key: str | int = 0
    wants_key: bool = True
    is_key: bool = False  # the collection is itself a (complex) key


def _check_events(text: str, fail: Any, display: str, loader: type[yaml.SafeLoader]) -> None:
    """Refuse anchors, aliases, tags, deep nesting and an absurd number of values before
    anything is built; parsing stops at the first one, so a huge file is refused quickly."""
    levels: list[_Level] = []
    nodes = 0
    for event in yaml.parse(text, Loader=loader):
        line, col = (event.start_mark.line + 1, event.start_mark.column + 1) \
            if event.start_mark else (1, 1)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise fail("YAML anchors and aliases (& and *) are not allowed",
                       line, col, hint="write the value out in full")
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        if tag and tag != "!" and not (implicit is True or (isinstance(implicit, tuple)
                                                              and any(implicit))):
            raise fail(f"YAML tags such as {tag} are not allowed", line, col,
                       hint="remove the tag; quote the value if it is text")
        if not isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent |
                          yaml.CollectionEndEvent):
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            done = levels.pop()
            if not done.is_key:
                _value_done(levels)
            continue
        nodes += 1
        parent = levels[-1] if levels else None
        as_key = parent is not None and parent.mapping and parent.wants_key
        if nodes > MAX_VALUES:
            where = dotted(tuple(level.key for level in levels))
            raise DataError([Problem(display, line, col, where,
                                     f"the file holds more than {MAX_VALUES:,} values; a "
                                     "career record has a few hundred",
                                     "check that this is the right file")])
        if isinstance(event, yaml.CollectionStartEvent):
            if len(levels) >= MAX_DEPTH:
                raise fail(f"nesting is deeper than {MAX_DEPTH} levels", line, col)
            if as_key and parent is not None:
                parent.key, parent.wants_key = "?", False
            levels.append(_Level(isinstance(event, yaml.MappingStartEvent), is_key=as_key))
        elif as_key and parent is not None:
            parent.key, parent.wants_key = event.value, False
        else:
            _value_done(levels)


def _value_done(levels: list[_Level]) -> None:
    """A value ended: its mapping now wants a key, its sequence moves to the next item."""
    if levels:
        level = levels[-1]
        if level.mapping:
            level.wants_key = True
        elif isinstance(level.key, int):
            level.key += 1


def _build(node: yaml.Node, key: Key, doc: Document, problems: list[Problem],
           constructor: yaml.SafeLoader) -> Any:
    doc.values[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for knode, vnode in _pairs(node):
            name = knode.value if isinstance(knode, yaml.ScalarNode) else None
            kmark = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            if not isinstance(name, str) or knode.tag != "tag:yaml.org,2002:str":
                got = f"'{shown(name)}'" if isinstance(name, str) else "a list or group"
                problems.append(Problem(doc.path, *kmark, dotted(key),
                                        f"a key must be a plain word, got {got}"))
                continue
            if _surrogate(name):
                problems.append(Problem(doc.path, *kmark, dotted(key), _surrogate(name)))
                continue
            if name in out:
                first = doc.keys[(*key, name)]
                problems.append(Problem(doc.path, *kmark, dotted((*key, name)),
                                        f"duplicate key (first given on line {first[0]})",
                                        hint="remove one of the two"))
                continue
            doc.keys[(*key, name)] = kmark
            out[name] = _build(vnode, (*key, name), doc, problems, constructor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, i), doc, problems, constructor)
                for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    doc.texts[key] = node.value
    try:
        value = constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # YAML 1.1 reads some plain words as values it then cannot build.
        raw = shown(node.value)
        kind = node.tag.rsplit(":", 1)[-1]
        if kind == "timestamp":  # 2026-02-30
            reason = f"YAML reads {raw} as a date, but there is no such date ({exc})"
        elif kind in ("int", "float"):  # a number of thousands of digits
            reason = f"YAML reads {raw} as a number too long to hold"
        else:  # a bare '=' (YAML 1.1 'value' type)
            reason = f"YAML cannot read {raw!r} as plain text"
        problems.append(doc.problem(key, reason, f"put it in quotes: \"{raw}\""))
        return node.value
    if isinstance(value, str) and _surrogate(value):
        problems.append(doc.problem(key, _surrogate(value)))
    return value


def _surrogate(text: str) -> str:
    """A message when `text` holds a lone surrogate (only a \\uD800-style escape makes one)."""
    for ch in text:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            return f"contains a lone surrogate (U+{ord(ch):04X}); remove it"
    return ""


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    yield from node.value
