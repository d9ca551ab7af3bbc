"""YAML traps and YAML 1.1 surprises: each refused with one exact, located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL, assert_valid_pdf, pdf_text

FILE = "data/careers/minimal.yaml"

BILLION_LAUGHS = b"""\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
"""

# (what, file content, expected message without the leading "error: ")
FILE_TRAPS = [
    ("billion laughs", BILLION_LAUGHS,
     f"{FILE}:1:4: YAML anchors and aliases (& and *) are not allowed\n"
     "  hint: write the value out in full"),
    ("alias without anchor", b"id: *x\n",
     f"{FILE}:1:5: YAML anchors and aliases (& and *) are not allowed\n"
     "  hint: write the value out in full"),
    ("anchor on a scalar", MINIMAL.replace("title: Test Career", "title: &t Test Career")
     .encode(), f"{FILE}:3:8: YAML anchors and aliases (& and *) are not allowed\n"
                "  hint: write the value out in full"),
    ("merge key", MINIMAL.replace("role:\n", "role:\n  <<: {schedule: x}\n").encode(),
     f"{FILE}:7:3: role: a key must be a plain word, got '<<'"),
    ("duplicate nested key", MINIMAL.replace("  schedule: Full time.\n",
                                             "  schedule: Full time.\n  schedule: Nights.\n")
     .encode(), f"{FILE}:13:3: role.schedule: duplicate key (first given on line 12)\n"
                "  hint: remove one of the two"),
    ("duplicate key in a flow mapping",
     MINIMAL.replace("{name: Care, why: It matters.}", "{name: Care, name: X, why: Y}").encode(),
     f"{FILE}:14:20: role.skills[0].name: duplicate key (first given on line 14)\n"
     "  hint: remove one of the two"),
    ("latin-1 file", MINIMAL.replace("Test Career", "Caf\xe9 worker").encode("latin-1"),
     f"{FILE}:3:11: byte 0xe9 is not valid UTF-8\n  hint: save the file as UTF-8"),
    ("encoded surrogate (CESU-8)", MINIMAL.encode().replace(b"Test Career", b"T\xed\xa0\x80"),
     f"{FILE}:3:9: byte 0xed is not valid UTF-8\n  hint: save the file as UTF-8"),
    ("UTF-16 big-endian", MINIMAL.encode("utf-16-be").join([b"\xfe\xff", b""]),
     f"{FILE}:1:1: the file is saved as UTF-16\n  hint: save it as UTF-8"),
    ("UTF-16 without a byte order mark", MINIMAL.encode("utf-16-le"),
     f"{FILE}:1:2: character U+0000 is not allowed in a YAML file\n"
     "  hint: save the file as UTF-8 text"),
    ("UTF-32", MINIMAL.encode("utf-32"),
     f"{FILE}:1:1: the file is saved as UTF-32\n  hint: save it as UTF-8"),
    ("raw control character", MINIMAL.encode().replace(b"Test Career", b"Test\x07Career"),
     f"{FILE}:3:12: character U+0007 is not allowed in a YAML file\n  hint: remove it"),
    ("raw non-character", MINIMAL.encode().replace(b"Test Career", "Test\ufffe".encode()),
     f"{FILE}:3:12: character U+FFFE is not allowed in a YAML file\n  hint: remove it"),
    ("over 1 MB in one value", b'id: "' + b"x" * 1_000_001 + b'"\n',
     f"{FILE}:1:1: the file is 1,000,008 bytes; the limit is 1,000,000\n"
     "  hint: a career record is a few kilobytes; check that this is the right file"),
    ("deep flow nesting", b"id: " + b"[" * 100_000,
     f"{FILE}:1:12: nesting is deeper than 8 levels"),
    ("deep mapping nesting", b"".join(b"  " * i + b"k:\n" for i in range(12)),
     f"{FILE}:9:17: nesting is deeper than 8 levels"),
    ("binary tag", b"id: !!binary aGVsbG8=\n",
     f"{FILE}:1:5: YAML tags such as tag:yaml.org,2002:binary are not allowed\n"
     "  hint: remove the tag; quote the value if it is text"),
    ("explicit str tag", b"id: !!str 010\n",
     f"{FILE}:1:5: YAML tags such as tag:yaml.org,2002:str are not allowed\n"
     "  hint: remove the tag; quote the value if it is text"),
    ("local tag", b"id: !career x\n",
     f"{FILE}:1:5: YAML tags such as !career are not allowed\n"
     "  hint: remove the tag; quote the value if it is text"),
    ("tag directive", b"%TAG !p! tag:yaml.org,2002:python/\n---\nid: !p!object:os.system {}\n",
     f"{FILE}:3:5: YAML tags such as tag:yaml.org,2002:python/object:os.system are not "
     "allowed\n  hint: remove the tag; quote the value if it is text"),
    ("tag on a key", b"!!python/name:os.system id: x\n",
     f"{FILE}:1:1: YAML tags such as tag:yaml.org,2002:python/name:os.system are not "
     "allowed\n  hint: remove the tag; quote the value if it is text"),
    ("two documents", MINIMAL.encode() + b"---\nid: other\n",
     f"{FILE}:25:1: invalid YAML: but found another document\n  25 | ---\n     | ^"),
    ("only a comment", b"# nothing here\n", f"{FILE}:1:1: the file is empty"),
    ("a list, not a record", b"- a\n- b\n",
     f"{FILE}:1:1: expected a group of fields (key: value lines), got a list"),
    ("a number key", MINIMAL.replace("sources:", "1: x\nsources:").encode(),
     f"{FILE}:23:1: a key must be a plain word, got '1'"),
    ("a list as a key", MINIMAL.replace("sources:", "? [a, b]\n: x\nsources:").encode(),
     f"{FILE}:23:3: a key must be a plain word, got a list or group"),
    ("escape sequence in a key", MINIMAL.replace("sources:", '"\\e[2Jwho": x\nsources:')
     .encode(), f"{FILE}:23:1: \\x1b[2Jwho: unknown field\n  hint: known fields: id, title, "
                "other_titles, soc, summary, role, education, advancement, specialisations, "
                "first_steps, more_info, sources, figures"),
    ("lone surrogate in a key", MINIMAL.replace("sources:", '"\\ud800": x\nsources:').encode(),
     f"{FILE}:23:1: contains a lone surrogate (U+D800); remove it"),
    ("a key named like a type", MINIMAL.replace("sources:", "str: x\nsources:").encode(),
     f"{FILE}:23:1: str: unknown field\n  hint: known fields: id, title, other_titles, soc, "
     "summary, role, education, advancement, specialisations, first_steps, more_info, "
     "sources, figures"),
    ("a key with brackets", MINIMAL.replace("sources:", "'list[str]': x\nsources:").encode(),
     f"{FILE}:23:1: list[str]: unknown field\n  hint: known fields: id, title, other_titles, "
     "soc, summary, role, education, advancement, specialisations, first_steps, more_info, "
     "sources, figures"),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in FILE_TRAPS],
                         ids=[c[0] for c in FILE_TRAPS])
def test_yaml_traps_are_refused_with_one_located_message(project, run, content: bytes,
                                                         expected: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=content)
    result = run("-C", folder, "build", "minimal")
    assert result.err == f"error: {expected}\n"
    assert result.code == 2
    assert not (folder / "output").exists()


# YAML 1.1 reads these plain words as something other than text; strict typing catches
# each, and the hint says how YAML read it and to quote it.
SURPRISES = [
    ("on", "true"), ("yes", "true"), ("Off", "false"), ("NO", "false"),
    ("~", "nothing (null)"), ("null", "nothing (null)"),
    (".inf", "the number inf"), ("-.Inf", "the number -inf"), (".NaN", "the number nan"),
    ("010", "the number 8"), ("0x1F", "the number 31"), ("1_000", "the number 1000"),
    ("12:30", "the number 750"), ("190:20:30", "the number 685230"), ("3.50", "the number 3.5"),
    ("2026-09-01", "a date"), ("2026-09-01 10:00:00", "a date"),
]


@pytest.mark.parametrize(("word", "read_as"), SURPRISES, ids=[w for w, _ in SURPRISES])
def test_yaml_1_1_surprises_get_a_hint_to_quote_the_value(project, run, word: str,
                                                         read_as: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("  schedule: Full time.", f"  schedule: {word}"))
    result = run("-C", folder, "build", "minimal")
    assert result.code == 2
    assert result.err == (f"error: {FILE}:12:13: role.schedule: expected text, got '{word}'\n"
                          f"  hint: YAML reads {word} as {read_as}; put it in quotes: "
                          f"\"{word}\"\n")


def test_quoted_the_same_words_are_text_and_print(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = [word for word, _ in SURPRISES]
    duties, tools = words[:10], words[10:]
    text = MINIMAL.replace("    - First duty.\n    - Second duty.\n    - Third duty.\n",
                           "".join(f'    - "{w}"\n' for w in duties))
    text = text.replace("  workplaces: [Hospitals]",
                        "  workplaces: [Hospitals]\n  tools:\n"
                        + "".join(f"    - '{w}'\n" for w in tools).rstrip("\n"))
    result = run("-C", project(minimal=text), "build", "--out", tmp_path)
    assert result.code == 0, result.err
    assert_valid_pdf(tmp_path / "minimal-handout.pdf")
    # Each word is one whole list item: a bullet before it, and after it the next item, the
    # next heading, or the end of the page (the last tool).
    front = pdf_text(tmp_path / "minimal-handout.pdf")[0] + " •"
    for word in words:
        assert f"• {word} •" in front or f"• {word} WHERE" in front or \
            f"• {word} EDUCATION" in front, word


# Plain words YAML 1.1 reads as values it then cannot build: these used to crash.
UNBUILDABLE = [
    ("no such date", "2026-02-30",
     "YAML reads 2026-02-30 as a date, but there is no such date (day is out of range for "
     "month)", "put it in quotes: \"2026-02-30\""),
    ("no such month", "2026-13-01",
     "YAML reads 2026-13-01 as a date, but there is no such date (month must be in 1..12)",
     "put it in quotes: \"2026-13-01\""),
    ("a 5,000-digit number", "1" * 5000,
     "YAML reads 1111111111111111111111111111111111111111…(5,000 characters) as a number too "
     "long to hold",
     "put it in quotes: \"1111111111111111111111111111111111111111…(5,000 characters)\""),
    ("the YAML 1.1 value key", "=", "YAML cannot read '=' as plain text",
     "put it in quotes: \"=\""),
]


@pytest.mark.parametrize(("word", "message", "hint"), [c[1:] for c in UNBUILDABLE],
                         ids=[c[0] for c in UNBUILDABLE])
def test_values_yaml_cannot_build_are_refused_not_crashed_on(project, run, word: str,
                                                            message: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("  schedule: Full time.", f"  schedule: {word}"))
    result = run("-C", folder, "build", "minimal")
    assert result.code == 2
    assert result.err == f"error: {FILE}:12:13: role.schedule: {message}\n  hint: {hint}\n"


def test_an_empty_value_says_so(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("  schedule: Full time.", "  schedule:"))
    result = run("-C", folder, "build", "minimal")
    assert result.code == 2
    assert result.err == (f"error: {FILE}:12:12: role.schedule: has no value\n"
                          "  hint: write the value after the colon, or remove the line if the "
                          "field is optional\n")
