"""Search finds careers by the words people use: other titles O*NET lists, SOC codes with or
without the dash, plurals and small typos; occupations without a record can be started."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.figures.find import Finder, Hit, Record, occupations, words
from brochure.project import Project
from conftest import ROOT


@pytest.fixture(scope="module")
def finder() -> Finder:
    project = Project(ROOT)
    records = []
    for career_id in project.career_ids():
        career = project.load_career(career_id)
        records.append(Record(career_id, career.title, tuple(career.other_titles), career.soc))
    return Finder(project.tables.titles, records)


def first(finder: Finder, query: str) -> Hit:
    hits = finder.find(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def test_coder_finds_medical_records_technician(finder: Finder) -> None:
    hit = first(finder, "coder")
    assert (hit.career, hit.soc, hit.matched) == ("medical-records-technician", "29-2072",
                                                 "Coder")


def test_medical_coder(finder: Finder) -> None:
    hit = first(finder, "medical coder")
    assert hit.career == "medical-records-technician"
    assert hit.matched == "Medical Coder"


def test_programmer_is_an_occupation_to_start(finder: Finder) -> None:
    hit = first(finder, "programmer")
    assert (hit.title, hit.soc, hit.career) == ("Computer Programmers", "15-1251", None)


@pytest.mark.parametrize("query", ["292072", "29-2072", " 29-2072 ", "29-2072.00"])
def test_a_soc_code_with_or_without_the_dash(finder: Finder, query: str) -> None:
    hits = finder.find(query)
    assert [h.soc for h in hits] == ["29-2072"]
    assert hits[0].career == "medical-records-technician"


def test_the_start_of_a_code_lists_its_group(finder: Finder) -> None:
    socs = [h.soc for h in finder.find("15-12", limit=100)]
    assert socs and all(s.startswith("15-12") for s in socs)
    assert "15-1252" in socs and "15-1251" in socs


def test_plurals(finder: Finder) -> None:
    nurses = [h.career for h in finder.find("nurses")[:3]]
    assert "registered-nurse" in nurses
    assert [h.career for h in finder.find("nurse")[:3]] == nurses


def test_web_developer(finder: Finder) -> None:
    hit = first(finder, "web developer")
    assert (hit.title, hit.soc) == ("Web Developers", "15-1254")


@pytest.mark.parametrize(("typo", "career"), [("pharmasist", "pharmacist"),
                                              ("electrcian", "electrician"),
                                              ("plumbr", "plumber")])
def test_small_typos(finder: Finder, typo: str, career: str) -> None:
    assert first(finder, typo).career == career


def test_nothing_for_nonsense(finder: Finder) -> None:
    assert finder.find("zzqxv") == []
    assert finder.find("   ") == []


def test_every_occupation_in_the_tables_can_be_found_by_its_title(finder: Finder) -> None:
    project = Project(ROOT)
    for soc, title in occupations(project.tables.titles).items():
        found = {h.soc for h in finder.find(title, limit=50)}
        assert soc in found, title


def test_groups_are_not_occupations() -> None:
    titles = {"29-0000": "Healthcare", "29-2070": "Medical Records group",
              "29-2072": "Medical Records Specialists", "31-1120": "Home Health Aides",
              "00-0000": "All Occupations"}
    assert sorted(occupations(titles)) == ["29-2072", "31-1120"]


def test_a_bls_code_o_net_splits_takes_their_titles() -> None:
    extra = {"31-1121": ("Home Health Aides", "Home Care Aide"),
             "31-1122": ("Personal Care Aides", "Caregiver")}
    finder = Finder({"31-1120": "Home Health and Personal Care Aides"}, [], extra)
    assert first(finder, "caregiver").soc == "31-1120"


def test_words_are_singular_and_plain() -> None:
    assert words("Nurses, Secretaries & Cafés") == ["nurse", "secretary", "cafe"]


def test_the_index_credits_o_net() -> None:
    import gzip

    text = gzip.decompress((ROOT / "src" / "brochure" / "figures" / "titles.tsv.gz")
                           .read_bytes()).decode("utf-8")
    assert "CC BY 4.0" in text and "O*NET" in text
    assert Path(ROOT / "tools" / "title_index.py").is_file()


def test_a_title_of_its_own_ranks_before_an_odd_other_title(finder: Finder) -> None:
    # O*NET lists "Police" among the administrative assistants' titles too.
    assert first(finder, "police").career == "police-officer"
    assert first(finder, "cop").career == "police-officer"
