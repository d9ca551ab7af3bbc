"""The shipped catalogue: its coverage, its own words, its titles and sources, and the figures
a reader would question (DC among the states, state phrases, two employment counts)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import MINIMAL, ROOT, pdf_text
from needs import publisher_files, publisher_folder

CAREERS = ROOT / "data" / "careers"
ONET = publisher_folder("onet")
SEEDS = ROOT.parent / "shared" / "seeds"
MAJOR_GROUPS = {f"{n}" for n in range(11, 54, 2)}  # 11, 13, ... 53: the 22 major SOC groups
RUN = 8
"""The shortest run of words, copied from another text, that a record may not contain."""

SOURCES = [
    {"name": "Duties, skills and training written for this handout from the BLS Occupational "
             "Outlook Handbook, O*NET and the bodies named here",
     "year": 2026},
    {"name": "This includes information from the O*NET 29.3 Database by the U.S. Department of "
             "Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY "
             "4.0 license",
     "year": 2025,
     "url": "https://creativecommons.org/licenses/by/4.0/",
     "note": "O*NET® is a trademark of USDOL/ETA. This handout has modified some of this "
             "information; USDOL/ETA has not approved, endorsed, or tested these "
             "modifications."},
]


def records() -> dict[str, dict[str, object]]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(CAREERS.glob("*.yaml"))}


def strings(value: object) -> Iterator[str]:
    """Every text in a record, URLs left out."""
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str) and not value.startswith("https://"):
        yield value


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("’", ""))


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1)}


# The catalogue --------------------------------------------------------------------------------

def test_catalogue_covers_every_major_group() -> None:
    """At least 100 careers, one or more in each of the 22 major SOC groups (issue 14).
    Fails until the new careers written beside this branch are merged."""
    found = records()
    missing = sorted(MAJOR_GROUPS - {str(record["soc"])[:2] for record in found.values()})
    assert len(found) >= 100 and not missing, (
        f"{len(found)} careers (100 wanted); none yet in major groups {', '.join(missing)}")


def test_every_record_ends_with_the_agreed_sources_block() -> None:
    wrong = [name for name, record in records().items() if record["sources"] != SOURCES]
    assert wrong == []


def test_the_readme_and_checklists_beside_the_records_are_ignored(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "p"
    (folder / "data" / "careers").mkdir(parents=True)
    (folder / "data" / "careers" / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "data" / "careers" / "README.md").write_text(
        (CAREERS / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "data" / "careers" / "CHECKLIST-welder.md").write_text(
        "# Welder\n\n- [x] AWS certification checked\n", encoding="utf-8")
    result = run("-C", folder, "check")
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith("6 fit, 0 failed\n")
    listed = run("-C", folder, "list").out
    assert "README" not in listed and "CHECKLIST" not in listed


# Own words ------------------------------------------------------------------------------------

def _published_texts() -> dict[str, set[tuple[str, ...]]]:
    texts: dict[str, set[tuple[str, ...]]] = {}
    for name, column in (("Task Statements.txt", "Task"), ("Occupation Data.txt", "Description")):
        with open(ONET / name, encoding="utf-8", newline="") as file:
            found: set[tuple[str, ...]] = set()
            for row in csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE):
                found |= runs(row[column])
            texts[f"O*NET {name}"] = found
    for seed in sorted(SEEDS.glob("*.txt")):
        texts[f"seed {seed.name}"] = runs(seed.read_text(encoding="utf-8"))
    return texts


@publisher_files("onet")
def test_no_record_copies_eight_words_from_onet_or_the_seed_texts() -> None:
    published = _published_texts()
    copied = []
    for name, record in records().items():
        for text in strings(record):
            for source, found in published.items():
                copied += [f"{name}: '{' '.join(r)}' is in {source}" for r in runs(text) & found]
    assert copied == []


# "Also called" --------------------------------------------------------------------------------

def _filed_titles() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Title → SOC codes O*NET files it under: as a whole entry, and as either half of an
    entry written 'Long Title (Short Title)'."""
    from openpyxl import load_workbook

    entries: list[tuple[str, str]] = []
    with open(ONET / "Sample of Reported Titles.txt", encoding="utf-8", newline="") as file:
        entries += [(row["O*NET-SOC Code"], row["Reported Job Title"])
                    for row in csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)]
    book = load_workbook(ONET / "Alternate Titles.xlsx", read_only=True)
    sheet = book.worksheets[0]
    for code, _, title, short, *_ in sheet.iter_rows(min_row=2, values_only=True):
        entries += [(str(code), str(title))] + ([(str(code), str(short))] if short else [])
    book.close()
    whole: dict[str, set[str]] = {}
    halves: dict[str, set[str]] = {}
    for code, title in entries:
        soc = code[:7]
        whole.setdefault(_key(title), set()).add(soc)
        parts = re.fullmatch(r"(.+?)\s*\((.+)\)", title.strip())
        for part in parts.groups() if parts else (title,):
            halves.setdefault(_key(part), set()).add(soc)
    return whole, halves


def _key(title: str) -> str:
    return " ".join(words(title))


JOINED = {"31-1120": {"31-1121", "31-1122"}, "21-1018": {"21-1011", "21-1014"},
          "25-9045": {"25-9042", "25-9043"}}
"""BLS codes that join several O*NET occupations (O*NET has none under the BLS code
itself): their titles are those O*NET files under the joined occupations."""


@publisher_files("onet")
def test_also_called_titles_are_filed_under_the_records_own_soc_code() -> None:
    whole, halves = _filed_titles()
    wrong = []
    for name, record in records().items():
        soc = str(record["soc"])
        for title in record.get("other_titles") or []:  # type: ignore[attr-defined]
            key = _key(title)
            # A title O*NET lists as a whole entry must be listed so under this code;
            # otherwise it must at least be part of an entry under this code.
            codes = whole.get(key, set()) | halves.get(key, set())
            if not ({soc} | JOINED.get(soc, set())) & codes:
                wrong.append(f"{name} ({soc}): {title!r} is filed under "
                             f"{', '.join(sorted(codes)) or 'no code'}")
    assert wrong == []


# Figures a reader would question --------------------------------------------------------------

NOT_STATES = {"District of Columbia", "Puerto Rico", "Guam", "Virgin Islands"}


def test_only_the_50_states_are_ranked_for_any_occupation() -> None:
    from brochure.figures.tables import Tables

    tables = Tables(ROOT / "data" / "bls")
    ranked_elsewhere = {code: [s.name for s in tables.join(code).top_states.states]
                        for code in {row["OCC_CODE"] for row in tables.contents.oews}}
    assert {code: names for code, names in ranked_elsewhere.items()
            if NOT_STATES & set(names)} == {}
    # Economists: DC has the most jobs (3,000), so it is shown apart, not ranked.
    economists = tables.join("19-3011").top_states
    assert [s.name for s in economists.states] == [
        "Maryland", "Massachusetts", "Virginia", "New York", "California"]
    assert [(s.name, s.employment.value) for s in economists.others] == [
        ("District of Columbia", 3000)]


@pytest.mark.parametrize("layout", ["handout", "trifold"])  # the flyer has no state table
def test_dc_is_shown_apart_from_the_top_5_states(project, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 layout: str) -> None:
    folder = project(economist=MINIMAL.replace("id: minimal", "id: economist")
                     .replace("soc: 29-2072", "soc: 19-3011"))
    result = run("-C", folder, "build", "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    text = " ".join(pdf_text(tmp_path / f"economist-{layout}.pdf"))
    ranking = text[text.index("these 5 employ the most"):text.index("Not a state")]
    assert "of the 50 states, these 5 employ the most" in text
    for name, jobs in (("Maryland", "1,130"), ("Massachusetts", "1,030"), ("Virginia", "950"),
                       ("New York", "910"), ("California", "860")):
        assert f"{name} {jobs}" in ranking
    assert "District of Columbia" not in ranking
    assert ("Not a state, so not ranked: District of Columbia, 3,000 jobs, median $167,590."
            in text)


def test_a_state_with_no_released_count_reads_naturally(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "medical-records-technician", "--state", "VT",
                 "--out", tmp_path)
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "medical-records-technician-handout-vt.pdf")[1]
    assert "not released people" not in back
    assert ("Yearly pay by percentile in the U.S. and in Vermont; BLS released no count of "
            "the people who do this job there. BLS OEWS, May 2025.") in back


@pytest.mark.parametrize(("layout", "expected"), [
    ("handout", "Yearly pay by percentile in the U.S. and in the District of Columbia, where "
                "270 people do this job."),
    ("flyer", "In the District of Columbia: median $72,040 a year"),
])
def test_the_district_of_columbia_takes_the(run, tmp_path: Path, layout: str,  # type: ignore[no-untyped-def]
                                            expected: str) -> None:
    result = run("-C", ROOT, "build", "medical-records-technician", "--state", "DC",
                 "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    text = " ".join(pdf_text(tmp_path / f"medical-records-technician-{layout}-dc.pdf"))
    assert expected in text
    assert "in District" not in text and "In District" not in text


def test_state_phrases_read_naturally_for_every_state_and_territory() -> None:
    from brochure.compose.compose import compose
    from brochure.compose.plan import Text
    from brochure.options import Options
    from brochure.project import Project

    project = Project(ROOT)
    awkward = re.compile(r"\b(?:in|In) (?:District of Columbia|Virgin Islands)|"
                         r"not released (?:people|a year|to)|earn not released")
    found = []
    # Delaware has no released pay for data scientists, Vermont no employment count for
    # medical records specialists; every state and territory is tried for both.
    for career in map(project.load_career, ("medical-records-technician", "data-scientist")):
        for state in project.tables.states:
            figures = project.tables.figures(career, state)
            for layout in ("handout", "flyer"):
                plan = compose(career, figures, project.layout(layout),
                               options=Options(state=state))
                found += [f"{career.id} {state} {layout}: {block.text}"
                          for page in plan.pages for frame in page.frames
                          for block in frame.blocks
                          if isinstance(block, Text) and awkward.search(block.text)]
    assert found == []


def test_the_self_employed_are_explained_where_the_two_counts_differ(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "hairstylist", "registered-nurse", "--out", tmp_path)
    assert result.code == 0, result.err
    hairstylist = pdf_text(tmp_path / "hairstylist-handout.pdf")[1]
    assert ("Two counts: OEWS's 305,710 is wage and salary jobs; the Projections' 575,200 also "
            "counts self-employed workers (47.6% in 2024).") in hairstylist
    nurse = pdf_text(tmp_path / "registered-nurse-handout.pdf")[1]
    assert "3,379,720" in nurse and "3,391,000" in nurse  # within 10 %: no note
    assert "self-employed" not in nurse


def test_the_counts_differ_by_more_than_10_percent() -> None:
    from brochure.figures.tables import Tables

    tables = Tables(ROOT / "data" / "bls")
    differ = {code: tables.join(code).counts_differ
              for code in ("39-5012", "27-1024", "49-3023", "29-1141", "29-9021", "15-2051")}
    # +88 %, +34 %, +14 %; +0.3 %, +9.97 %, −6.3 % (OEWS May 2025 against Projections 2024)
    assert differ == {"39-5012": True, "27-1024": True, "49-3023": True,
                      "29-1141": False, "29-9021": False, "15-2051": False}


# Sources on the page --------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["handout", "trifold", "flyer"])
def test_sources_name_their_kinds_and_onets_licence(run, tmp_path: Path, layout: str) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "welder", "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    text = " ".join(pdf_text(tmp_path / f"welder-{layout}.pdf"))
    assert ("Duties, skills and training written for this handout from the BLS Occupational "
            "Outlook Handbook, O*NET and the bodies named here") in text
    assert "used under the CC BY 4.0 license" in text
    # The licence's address prints in its short form; its link keeps the full address.
    assert "creativecommons.org/licenses/by/4.0" in text
    links = {str(a.get_object()["/A"]["/URI"])
             for page in PdfReader(tmp_path / f"welder-{layout}.pdf").pages
             for a in page.get("/Annots") or []}
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    assert ("This handout has modified some of this information; USDOL/ETA has not approved, "
            "endorsed, or tested these modifications.") in text


def test_the_entry_level_names_its_programme_and_years(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "welder", "--out", tmp_path)
    assert result.code == 0, result.err
    front = pdf_text(tmp_path / "welder-handout.pdf")[0]
    assert ("High school diploma or equivalent Typical entry education · BLS Projections "
            "2024–34") in front
