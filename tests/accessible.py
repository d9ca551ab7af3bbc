"""Reading a brochure as assistive technology does, with engines that did not write it:
PDFium (pypdfium2) for what is marked on each page, pypdf for the structure tree."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


@dataclass
class Marked:
    """What PDFium finds on a page: each text object's mark, and each MCID's text."""

    unmarked: list[str] = field(default_factory=list)
    """Text drawn outside any tag or artifact."""
    texts: dict[int, str] = field(default_factory=dict)


def marked_content(path: Path) -> list[Marked]:
    pdf = pdfium.PdfDocument(path)
    pages = []
    for number in range(len(pdf)):
        page = pdf[number]
        textpage = page.get_textpage()
        found = Marked()
        for index in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, index)
            if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
                continue
            text = _text_of(obj, textpage.raw)
            names = [_mark_name(raw.FPDFPageObj_GetMark(obj, m))
                     for m in range(raw.FPDFPageObj_CountMarks(obj))]
            if not names:
                found.unmarked.append(text)
                continue
            mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
            if mcid >= 0:
                found.texts[mcid] = found.texts.get(mcid, "") + text
        pages.append(found)
    pdf.close()
    return pages


def _mark_name(mark: Any) -> str:
    length = ctypes.c_ulong(0)
    raw.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
    buffer = ctypes.create_string_buffer(length.value)
    raw.FPDFPageObjMark_GetName(mark, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                                length.value, ctypes.byref(length))
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


def _text_of(obj: Any, textpage: Any) -> str:
    size = raw.FPDFTextObj_GetText(obj, textpage, None, 0)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                            size)
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


@dataclass(frozen=True)
class Element:
    """A structure element as pypdf reads it: its type, alt text, and its text (from the
    page's marked content, as PDFium read it)."""

    type: str
    alt: str | None
    text: str
    depth: int


def structure(path: Path) -> tuple[PdfReader, list[Element]]:
    """The document's structure elements in tree order (the reading order)."""
    reader = PdfReader(path)
    marked = marked_content(path)
    page_numbers = {page.indirect_reference.idnum: n  # type: ignore[union-attr]
                    for n, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    out: list[Element] = []

    def text_of(elem: DictionaryObject, page: int | None) -> str:
        parts = []
        kids = elem.get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, int) and page is not None:
                parts.append(marked[page].texts.get(kid, ""))
            elif isinstance(kid, IndirectObject | DictionaryObject):
                child = kid.get_object()
                if isinstance(child, DictionaryObject) and child.get("/Type") != "/OBJR" \
                        and "/S" in child:
                    parts.append(text_of(child, _page(child, page)))
        return "".join(parts)

    def _page(elem: DictionaryObject, default: int | None) -> int | None:
        pg = elem.get("/Pg")
        return page_numbers.get(pg.idnum, default) if isinstance(pg, IndirectObject) else default

    def walk(elem: DictionaryObject, depth: int) -> None:
        kind = str(elem.get("/S", ""))[1:]
        alt = elem.get("/Alt")
        out.append(Element(kind, str(alt) if alt is not None else None,
                           text_of(elem, _page(elem, None)).strip(), depth))
        kids = elem.get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            child = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(child, DictionaryObject) and "/S" in child:
                walk(child, depth + 1)

    top = root["/K"]
    for kid in top if isinstance(top, ArrayObject) else [top]:
        walk(kid.get_object(), 0)
    return reader, out


def document_problems(path: Path) -> list[str]:
    """What a PDF/UA checker would say of the document as a whole."""
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    problems = []
    if not catalog.get("/Lang"):
        problems.append("no /Lang")
    if not catalog.get("/MarkInfo", {}).get("/Marked"):
        problems.append("MarkInfo /Marked is not true")
    if not catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("DisplayDocTitle is not true")
    if not (reader.metadata and reader.metadata.title):
        problems.append("no title")
    xmp = catalog.get("/Metadata")
    data = xmp.get_object().get_data().decode() if xmp else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in data or "<dc:title>" not in data:
        problems.append("XMP lacks pdfuaid:part 1 or dc:title")
    for number, page in enumerate(reader.pages, start=1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            font = font.get_object()
            if "/ToUnicode" not in font:
                problems.append(f"page {number}: font {name} has no ToUnicode map")
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor")
            if descriptor is None or not {"/FontFile", "/FontFile2", "/FontFile3"} & set(
                    descriptor.get_object()):
                problems.append(f"page {number}: font {name} is not embedded")
        if page.get("/Annots") and page.get("/Tabs") != NameObject("/S"):
            problems.append(f"page {number}: annotations but no /Tabs /S")
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/StructParent" not in annot:
                problems.append(f"page {number}: a link outside the structure tree")
    return problems
