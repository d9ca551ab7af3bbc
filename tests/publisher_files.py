"""Small files in the publishers' exact formats: BLS OEWS workbooks and flat files, the
Employment Projections workbook, and O*NET text files with synthetic sentences."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

OEWS_HEADER = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE",
               "I_GROUP", "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
               "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN",
               "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
               "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"]
TOP_NOTE = "#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year "

Pay = tuple[object, object, object, object, object]


def oews_row(area: str, title: str, kind: str, state: str, code: str, occupation: str,
             employment: object, pay: Pay, *, hourly: object = None, group: str = "detailed",
             annual_only: bool = False) -> list[object]:
    """One row as BLS writes it: numbers as numbers, markers as text."""
    hourly_pay = ["*"] * 5 if annual_only else [
        round(v / 2080, 2) if isinstance(v, int) else v for v in pay]
    local = (None, None) if kind == "1" else (3.5, 1.02)
    return [area, title, kind, state, "000000", "Cross-industry", "cross-industry", "1235",
            code, occupation, group, employment, 1.1, *local, None, None,
            hourly or (hourly_pay[2] if annual_only else 27.3), 56790, 0.4, *hourly_pay,
            *pay, "TRUE" if annual_only else "", ""]


def oews_workbook(path: Path, year: int, rows: list[list[object]], *, state: bool = False,
                  notes: bool = True, footer: bool = False) -> Path:
    """`national_M<year>_dl.xlsx` or `state_M<year>_dl.xlsx`, with BLS's four sheets."""
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = f"{'state' if state else 'national'}_M{year}_dl"
    data.append(OEWS_HEADER)
    for row in rows:
        data.append(row)
    if footer:
        data.append([])
        data.append(["Footnotes:"])
        data.append(["(1) Estimates for detailed occupations do not sum to the totals."])
    fields = book.create_sheet("Field Descriptions")
    for line in ([f"May {year} OEWS Estimates"], [], ["Occupational Employment and Wage "
                 "Statistics (OEWS) Survey"], ["Bureau of Labor Statistics, Department of "
                 "Labor"], [], ["Field", "Field Description"],
                 ["occ_code", "The 6-digit Standard Occupational Classification (SOC) code"],
                 [], ["Notes:"], ["*  = indicates that a wage estimate is not available"],
                 ["**  = indicates that an employment estimate is not available"],
                 *([[TOP_NOTE]] if notes else [])):
        fields.append(line)
    book.create_sheet("UpdateTime").append(["alldataupdate"])
    book.create_sheet("Filler")
    book.save(path)
    return path


PROJECTIONS_HEADER = [
    "{base} National Employment Matrix title", "{base} National Employment Matrix code",
    "Occupation type", "Employment, {base}", "Employment, {end}",
    "Employment distribution, percent, {base}", "Employment distribution, percent, {end}",
    "Employment change, numeric, {period}", "Employment change, percent, {period}",
    "Percent self employed, {base}", "Occupational openings, {period} annual average",
    "Median annual wage, dollars, {base}[1]", "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
    "Related Occupational Outlook Handbook (OOH) content xlsx"]


def projections_workbook(path: Path, base: int, rows: list[list[object]]) -> Path:
    """`occupation.xlsx`: an index, other tables, and Table 1.2 with its title row, BLS's
    header text, indented titles, and footnote rows under the table."""
    end = base + 10
    names = {"base": base, "end": end, "period": f"{base}–{str(end)[2:]}"}
    book = Workbook()
    index = book.active
    assert index is not None
    index.title = "Index"
    index.append(["Occupation.xlsx contents"])
    index.append([f"Table 1.1 Employment by major occupational group, {base} and projected "
                  f"{end}"])
    index.append([f"Table 1.2 Occupational projections, {base}–{end}, and worker "
                  f"characteristics, {base}"])
    other = book.create_sheet("Table 1.1")
    other.append([f"Table 1.1 Employment by major occupational group, {base} and projected "
                  f"{end} (Employment in thousands)"])
    other.append(["{base} National Employment Matrix title".format(**names),
                  "{base} National Employment Matrix code".format(**names)])
    other.append(["Total, all occupations", "00-0000"])
    table = book.create_sheet("Table 1.2")
    table.append([f"Table 1.2 Occupational projections, {base}–{end}, and worker "
                  f"characteristics, {base} (Employment in thousands)"])
    table.append([h.format(**names) for h in PROJECTIONS_HEADER])
    for row in rows:
        table.append(row)
    table.append(["Footnotes:"])
    table.append(["[1] Data are from the Occupational Employment and Wage Statistics "
                  "program, U.S. Bureau of Labor Statistics."])
    table.append(['Note: Data is unavailable for values denoted with a "—".'])
    table.append(["Source: Employment Projections program, U.S. Bureau of Labor Statistics"])
    book.save(path)
    return path


def projection_row(title: str, code: str, start: float, end: float, percent: float,
                   openings: float, education: str = "—", kind: str = "Line item",
                   depth: int = 3) -> list[object]:
    return ["  " * depth + title, code, kind, start, end, 0.1, 0.1, round(end - start, 1),
            percent, 2.0, openings, 56000, education, "None", "None", "—"]


def flat_files(folder: Path, year: int) -> Path:
    """BLS's OEWS flat files: oe.data.0.Current keyed by series id, with oe.area,
    oe.occupation and oe.footnote beside it, tab-separated and padded as BLS pads them."""
    folder.mkdir(parents=True, exist_ok=True)

    def series(kind: str, area: str, occupation: str, datatype: str) -> str:
        return f"OEU{kind}{area}000000{occupation}{datatype}"

    points = [
        (series("N", "0000000", "292072", "01"), "200100", ""),
        (series("N", "0000000", "292072", "13"), "53000", ""),
        (series("N", "0000000", "292072", "08"), "25.48", ""),
        (series("N", "0000000", "292072", "15"), "-", "5"),
        (series("N", "0000000", "000000", "13"), "51000", ""),
        (series("S", "4800000", "292072", "01"), "20100", ""),
        (series("S", "4800000", "292072", "13"), "49990", ""),
        (series("S", "5000000", "292072", "01"), "-", "8"),
        (series("S", "5000000", "292072", "13"), "50010", ""),
        (series("N", "0000000", "292072", "01").replace("000000292072", "621000292072"),
         "99999", ""),  # an industry series: not kept
    ]
    lines = ["series_id                     \tyear\tperiod\t       value\tfootnote_codes"]
    lines += [f"{sid}\t{year}\tA01\t{value:>12}\t{notes}" for sid, value, notes in points]
    lines.append(f"{points[1][0]}\t{year - 1}\tA01\t       40000\t")  # an older year
    (folder / "oe.data.0.Current").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "oe.area").write_text(
        "state_code\tarea_code\tareatype_code\tarea_name\n"
        "00\t0000000\tN\tNational\n48\t4800000\tS\tTexas\n50\t5000000\tS\tVermont\n",
        encoding="utf-8")
    (folder / "oe.occupation").write_text(
        "occupation_code\toccupation_name\tdisplay_level\tselectable\tsort_sequence\n"
        "000000\tAll Occupations\t0\tT\t1\n292072\tMedical Records Specialists\t4\tT\t2\n",
        encoding="utf-8")
    (folder / "oe.footnote").write_text(
        "footnote_code\tfootnote_text\n5\tThis wage is equal to or greater than $115.00 per "
        "hour or $239,200 per year.\n8\tEstimate not released.\n", encoding="utf-8")
    return folder / "oe.data.0.Current"


ONET_SOC = "15-1252"


def onet_files(folder: Path, *, excel: bool = False) -> Path:
    """O*NET database files for one occupation, in O*NET's columns, with synthetic
    sentences written for the tests (no O*NET text is copied here)."""
    folder.mkdir(parents=True, exist_ok=True)
    code = f"{ONET_SOC}.00"
    title = "Software Developers"
    tables: dict[str, list[list[str]]] = {
        "Occupation Data": [["O*NET-SOC Code", "Title", "Description"],
                            [code, title, "Synthetic description for the tests."],
                            ["29-2072.00", "Medical Records Specialists", "Synthetic."]],
        "Task Statements": [["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type",
                             "Incumbents Responding", "Date", "Domain Source"],
                            *([code, title, str(900 + n), f"Synthetic task number {n}.",
                               "Core" if n < 4 else "Supplemental", str(90 - n), "08/2024",
                               "Incumbent"] for n in range(1, 6))],
        "Sample of Reported Titles": [
            ["O*NET-SOC Code", "Title", "Reported Job Title", "Shown in My Next Move"],
            [code, title, "Test Engineer (Test Eng)", "N"],
            [code, title, "Program Builder", "Y"],
            [code, title, "Software Developers", "Y"]],
        "Alternate Titles": [["O*NET-SOC Code", "Title", "Alternate Title", "Short Title",
                              "Source(s)"], [code, title, "Code Writer", "", "08"]],
        "Job Zones": [["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"],
                      [code, title, "4", "08/2024", "Analyst"]],
        "Education, Training, and Experience": [
            ["O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID",
             "Scale Name", "Category", "Data Value", "N", "Standard Error"],
            [code, title, "2.D.1", "Required Level of Education", "RL", "RL scale", "6",
             "70.5", "20", "1"],
            [code, title, "2.D.1", "Required Level of Education", "RL", "RL scale", "3",
             "20.0", "20", "1"],
            [code, title, "2.D.1", "Required Level of Education", "RL", "RL scale", "1", "0",
             "20", "0"]],
        "Education, Training, and Experience Categories": [
            ["Element ID", "Element Name", "Scale ID", "Scale Name", "Category",
             "Category Description"],
            ["2.D.1", "Required Level of Education", "RL", "RL scale", "1", "Level one"],
            ["2.D.1", "Required Level of Education", "RL", "RL scale", "3",
             "Level three - with a long synthetic explanation"],
            ["2.D.1", "Required Level of Education", "RL", "RL scale", "6", "Level six"]],
    }
    for name, table in tables.items():
        if excel and name in ("Alternate Titles", "Education, Training, and Experience"):
            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.title = name[:31]
            for row in table:
                sheet.append([float(v) if v.replace(".", "").isdigit() and "." in v else v
                              for v in row])
            book.save(folder / f"{name}.xlsx")
        else:
            (folder / f"{name}.txt").write_text(
                "\n".join("\t".join(row) for row in table) + "\n", encoding="utf-8")
    (folder / "Read Me.txt").write_text("O*NET 29.3 Database\nMay 2025 Release\n",
                                        encoding="utf-8")
    return folder
