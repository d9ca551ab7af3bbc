"""A starter career record for any occupation in the tables, for a person to fill in.

Every field the schema requires is there, holding a placeholder that starts with "TODO:"
and says what to write. With O*NET files, duties and education notes come as drafts
("DRAFT: ...") copied from O*NET for the person to rewrite in their own words. The record
passes the schema as written, and `brochure check` reports each TODO and DRAFT left.
"""

from __future__ import annotations

import json
import re
from datetime import date

from brochure.figures.tables import Tables
from brochure.importers.onet import Occupation
from brochure.model.placeholders import DRAFT, PLACEHOLDER

MAX_OTHER_TITLES = 6
MAX_DUTIES = 10
NAME_LIMIT, LINE_LIMIT = 80, 200  # the schema's lengths for a name and for a line
# O*NET's credit as its CC BY 4.0 licence asks for it when the text is modified; the same
# words as in every record under data/careers (see its README).
ONET_CREDIT = ("This includes information from the {version} by the U.S. Department of Labor, "
               "Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 "
               "license")
ONET_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
ONET_MODIFIED = ("O*NET® is a trademark of USDOL/ETA. This handout has modified some of this "
                 "information; USDOL/ETA has not approved, endorsed, or tested these "
                 "modifications.")


def career_id(title: str) -> str:
    """'Software Developers' → 'software-developers'."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")


def starter(soc: str, career: str, tables: Tables, found: Occupation | None) -> str:
    """The text of `data/careers/<career>.yaml` for SOC code `soc`."""
    title = found.title if found else tables.title(soc) or soc
    figures = tables.join(soc)
    entry = figures.entry_education.value
    lines = [
        f"# Starter record for {title} (SOC {soc}), written by 'brochure new'.",
        "# Replace every \"TODO: ...\" with your own words, and rewrite every \"DRAFT: ...\";",
        "# 'brochure check' lists those left. Pay, top states, outlook and entry education",
        "# are joined from the BLS tables by the soc code: do not type them here",
        f"# ({figures.pay.citation.short} {figures.pay.citation.period}, "
        f"{figures.outlook.citation.short} {figures.outlook.citation.period}).",
        f"id: {career}",
        "# The title printed on the handout: BLS names occupations in the plural; a person's",
        "# job title (singular) usually reads better.",
        f"title: {_quote(title)}",
        *_other_titles(found),
        f"soc: {soc}",
        f"summary: {_todo('one sentence under the title: what the job is, in plain words')}",
        "",
        "role:",
        *_duties(found),
        "  workplaces:",
        f"    - {_todo('a kind of employer or setting, such as Hospitals')}",
        f"  schedule: {_todo('typical hours and shifts')}",
        "  skills:",
        f"    - name: {_todo('a key skill')}",
        f"      why: {_todo('why the job needs it, in one short sentence')}",
        f"    - name: {_todo('another skill')}",
        f"      why: {_todo('why it matters')}",
        "  tools: []",
        "",
        "education:",
        *_education(found, entry),
        f"  time_to_enter: {_todo('how long until a first job')}",
        "  paths:",
        f"    - name: {_todo('a route in, such as a certificate')}",
        f"      length: {_todo('how long it takes')}",
        f"      credential: {_todo('what it leads to')}",
        "",
        "first_steps:",
        f"  - {_todo('something a student can do now')}",
        f"  - {_todo('another concrete step')}",
        "",
        "more_info:",
        f"  label: {_todo('where to read more, such as the BLS Occupational Outlook Handbook')}",
        "  url: https://www.bls.gov/ooh/",
        "",
        "sources:",
        f"  - name: {_todo('what you drew the text from')}",
        f"    year: {date.today().year}",
        *_onet_source(found),
    ]
    return "\n".join(lines) + "\n"


def _other_titles(found: Occupation | None) -> list[str]:
    if found is None:
        return ["other_titles: []  # other names for the same job, up to six"]
    seen = {found.title.casefold()}
    titles = []
    for name in [*found.reported_titles, *found.alternate_titles]:
        short = re.sub(r"\s*\([^)]*\)$", "", name).strip()  # "Coder (Medical Coder)"
        if short.casefold() not in seen and 0 < len(short) <= NAME_LIMIT:
            seen.add(short.casefold())
            titles.append(short)
        if len(titles) == MAX_OTHER_TITLES:
            break
    if not titles:
        return ["other_titles: []  # other names for the same job, up to six"]
    return ["# Titles people report for this job, from O*NET: keep those your readers use.",
            "other_titles:", *(f"  - {_quote(t)}" for t in titles)]


def _duties(found: Occupation | None) -> list[str]:
    tasks = found.tasks[:MAX_DUTIES] if found else []
    if len(tasks) < 3:
        return ["  duties:", *(f"    - {_todo(what)}" for what in (
            "a duty, one short sentence", "a second duty", "a third duty (up to ten)"))]
    return ["  # DRAFT: copied from O*NET task statements. Rewrite each duty in your own",
            "  # words, short and plain, and delete the 'DRAFT: ' in front; never publish",
            "  # O*NET's sentences as they are. Keep three to ten.",
            "  duties:", *(f"    - {_quote(DRAFT + ' ' + t)}" for t in tasks)]


def _education(found: Occupation | None, entry: str | None) -> list[str]:
    bls = f" (BLS: typical entry is {entry.lower()})" if entry else ""
    if found is None or not (found.education or found.job_zone):
        return [f"  typical_entry: {_todo('how most people enter, in plain words' + bls)}"]
    shares = "; ".join(f"{_short(name)} {share:.0f}%" for name, share in found.education[:3])
    notes = []
    if found.job_zone:
        notes.append(f"O*NET Job Zone {found.job_zone} of 5")
    if shares:
        notes.append(f"Education the job needs, as its workers say: {shares}")
    if entry:
        notes.append(f"BLS typical entry: {entry}")
    draft = f"{DRAFT} {'. '.join(notes)}."
    return ["  # DRAFT: education notes from O*NET and BLS. Turn them into one plain sentence",
            "  # on how most people enter, and delete the 'DRAFT: ' in front.",
            *(f"  #   {_short(name)}: {share:.0f}%" for name, share in found.education),
            f"  typical_entry: {_quote(draft[:LINE_LIMIT])}"]


def _onet_source(found: Occupation | None) -> list[str]:
    if found is None:
        return []
    version = found.version or "O*NET Database"
    return [f"  # Keep this source while your text draws on O*NET ({found.code}): its licence",
            "  # asks for this attribution, and for a note that the words were changed.",
            f"  - name: {_quote(ONET_CREDIT.format(version=version))}",
            f"    year: {found.year or date.today().year}",
            f"    url: {ONET_LICENCE}",
            f"    note: {_quote(ONET_MODIFIED)}"]


def _todo(what: str) -> str:
    return _quote(f"{PLACEHOLDER} {what}")


def _quote(text: str) -> str:
    # JSON strings are YAML double-quoted scalars: safe for any character.
    return json.dumps(text, ensure_ascii=False)


def _short(category: str) -> str:
    """'Post-Secondary Certificate - awarded for training ...' → 'Post-Secondary Certificate'."""
    return re.split(r" - | \(", category)[0].strip()
