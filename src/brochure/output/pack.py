"""The fair pack: one PDF of many brochures, with a cover and contents, each brochure
starting on a new sheet so that duplex printing stays aligned."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from brochure.model.brand import Brand
from brochure.model.palette import resolve
from brochure.options import Options
from brochure.output.write import write_atomic
from brochure.render import fonts

LINES_PER_PAGE = 30


def bundle(brochures: list[tuple[Path, str]], target: Path, brand: Brand,
           options: Options) -> int:
    """Write `target` from the brochures, each a PDF and its career's title for the
    contents, in order; return its page count."""
    paths = [path for path, _ in brochures]
    titles = [title for _, title in brochures]
    readers = [PdfReader(path) for path in paths]
    box = readers[0].pages[0].mediabox
    size = (float(box.width), float(box.height))
    # Front matter: the cover, then contents, padded to an even count so the first
    # brochure starts on a right-hand page; each brochure is padded the same way.
    contents_pages = -(-len(titles) // LINES_PER_PAGE)
    front = 1 + contents_pages
    front += front % 2
    starts, page = [], front + 1
    for reader in readers:
        starts.append(page)
        count = len(reader.pages)
        page += count + count % 2
    writer = PdfWriter()
    colour = resolve({"primary": "#1d4e89", "ink": "#1f2933", "muted": "#52606d",
                      "paper": "#ffffff"}, {"primary": brand.spec.primary}, options.grayscale)
    matter = PdfReader(io.BytesIO(_front_matter(size, titles, starts, brand, colour, front)))
    for p in matter.pages:
        writer.add_page(p)
    for reader in readers:
        for p in reader.pages:
            writer.add_page(p)
        if len(reader.pages) % 2:
            writer.add_blank_page(*size)
    # A fixed file identifier: the same brochures give the same pack, byte for byte.
    digest = hashlib.md5(b"".join(path.read_bytes() for path in paths),
                         usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer.add_metadata({"/Title": f"Career fair pack: {len(paths)} careers",
                         "/Author": brand.spec.organisation or "Career brochures"})
    out = io.BytesIO()
    writer.write(out)
    write_atomic(target, out.getvalue())
    return len(writer.pages)


def _front_matter(size: tuple[float, float], titles: list[str], starts: list[int],
                  brand: Brand, colour: dict[str, str], pages: int) -> bytes:
    faces = fonts.register()
    width, height = size
    out = io.BytesIO()
    c = Canvas(out, pagesize=size, invariant=1, initialFontName=faces["regular"])  # type: ignore[arg-type]
    margin = 54.0
    c.setFillColor(HexColor(colour["primary"]))
    c.rect(18, height * 0.45, width - 36, height * 0.55 - 18, stroke=0, fill=1)
    c.setFillColor(HexColor(colour["paper"]))
    c.setFont(faces["semibold"], 12)
    c.drawString(margin, height - margin - 12, "CAREER FAIR PACK")
    c.setFont(faces["bold"], 34)
    c.drawString(margin, height * 0.62, f"{len(titles)} careers")
    c.setFont(faces["regular"], 14)
    event = brand.spec.event
    lines = [brand.spec.organisation or "", *(
        [event.name, event.date, event.place] if event else [])]
    y = height * 0.62 - 28
    for line in filter(None, lines):
        c.drawString(margin, y, line)
        y -= 19
    c.setFillColor(HexColor(colour["muted"]))
    c.setFont(faces["regular"], 10)
    c.drawString(margin, height * 0.45 - 28, "Each brochure starts on a new sheet: print "
                                             "double-sided and the pages stay aligned.")
    c.showPage()
    for first in range(0, len(titles), LINES_PER_PAGE):
        c.setFillColor(HexColor(colour["primary"]))
        c.setFont(faces["bold"], 16)
        c.drawString(margin, height - margin - 16, "Contents")
        c.setFont(faces["regular"], 11)
        c.setFillColor(HexColor(colour["ink"]))
        y = height - margin - 48
        for title, start in list(zip(titles, starts, strict=True))[first:first + LINES_PER_PAGE]:
            c.drawString(margin, y, title)
            c.drawRightString(width - margin, y, f"page {start}")
            y -= min(18.0, (height - 2 * margin - 48) / LINES_PER_PAGE)
        c.showPage()
    for _ in range(pages - 1 - -(-len(titles) // LINES_PER_PAGE)):
        c.showPage()
    c.save()
    return out.getvalue()
