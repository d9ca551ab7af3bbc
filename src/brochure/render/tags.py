"""Tags: the structure a screen reader follows, written into the PDF draw makes.

Draw marks every piece of content as it puts it on the page (`Marks`), either as part of a
structure element (a heading, a paragraph, a list item, a table cell, a figure) or as an
artifact (backgrounds, rules, bars' fills, fold guides, crop marks), and builds the tree of
those elements in reading order (`Node`). `tag()` then writes the tree into the file with
pikepdf: the structure tree, its parent tree, links tied to their annotations, the
document's language, title and PDF/UA identification. reportlab has no tagging of its own;
pikepdf (QPDF) edits the finished file's objects without touching its pages' drawing."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas

from brochure.compose.plan import Metadata
from brochure.language import DEFAULT, TAGS, translate


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: its page (from 0) and its id on that page."""

    page: int
    mcid: int


@dataclass
class Node:
    """A structure element: its type (H1, P, LI, Table, Figure ...) and what it holds."""

    tag: str
    kids: list[Node | Content] = field(default_factory=list)
    alt: str | None = None
    header: bool = False
    """A table header cell (its scope is its column)."""
    bbox: tuple[float, float, float, float] | None = None
    """Where it is on its page, in PDF points (for figures, and to find links)."""
    page: int = 0
    section: str = ""


class Marks:
    """Writes marked-content operators into the canvas's page as draw works."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.page = -1
        self.next = 0
        self.open = 0

    def new_page(self) -> None:
        assert self.open == 0, "marked content left open at the end of a page"
        self.page += 1
        self.next = 0

    def begin(self, node: Node) -> None:
        """Start `node`'s content: everything drawn until end() belongs to it."""
        node.kids.append(Content(self.page, self.next))
        node.page = self.page
        self.canvas.addLiteral(f"/{node.tag} <</MCID {self.next}>> BDC")
        self.next += 1
        self.open += 1

    def begin_artifact(self) -> None:
        self.canvas.addLiteral("/Artifact BMC")
        self.open += 1

    def end(self) -> None:
        self.canvas.addLiteral("EMC")
        self.open -= 1

    @contextmanager
    def content(self, node: Node) -> Iterator[None]:
        self.begin(node)
        yield
        self.end()

    @contextmanager
    def artifact(self) -> Iterator[None]:
        self.begin_artifact()
        yield
        self.end()

    @contextmanager
    def label_then_body(self, label: Node, body: Node) -> Iterator[None]:
        """A list item drawn by reportlab in one go: its bullet (the first text object it
        draws) is the label, the rest the body."""
        canvas = self.canvas
        draw_text: Callable[[Any], None] = canvas.drawText
        first = True

        def split(text: Any) -> None:
            nonlocal first
            draw_text(text)
            if first:
                first = False
                self.end()
                self.begin(body)

        self.begin(label)
        canvas.drawText = split  # type: ignore[method-assign,assignment]  # this paragraph only
        try:
            yield
        finally:
            del canvas.drawText  # the class's own method again
        self.end()


def tag(data: bytes, document: Node, metadata: Metadata, print_shop: bool = False) -> bytes:
    """The PDF `data` with `document`'s structure tree and what PDF/UA asks of a document;
    a `print_shop` file is made PDF/X-4 too, its links left out (the URLs stay printed)."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    if print_shop:
        for page in pdf.pages:  # before the tree is made, so that it points at none
            if "/Annots" in page.obj:
                del page.obj.Annots
    root = _structure(pdf, document, metadata.language)
    pdf.Root.StructTreeRoot = root
    return finish(pdf, metadata, print_shop=print_shop)


def finish(pdf: Any, metadata: Metadata, print_shop: bool = False) -> bytes:
    """Mark the document tagged, give its language and title, and save it compactly and
    reproducibly (the same brochure, the same bytes). A `print_shop` file also gets what
    PDF/X-4 asks: the output intent with its CMYK profile, its identification in the XMP
    and the document information, Trapped, and PDF 1.6."""
    import pikepdf
    from pikepdf import Dictionary, Name, String

    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.Lang = String(metadata.language)
    press = _press(pdf, metadata) if print_shop else None
    pdf.Root.Metadata = pdf.make_stream(_xmp(metadata, press).encode(), Type=Name.Metadata,
                                        Subtype=Name.XML)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.generate,
             fix_metadata_version=False,  # the XMP is ours, whole; it needs no version
             **({"force_version": PDFX_VERSION} if print_shop else {}))
    return out.getvalue()


PDFX = "PDF/X-4"
PDFX_VERSION = "1.6"
"""The PDF version PDF/X-4 is built on."""


@dataclass(frozen=True)
class _PrintShop:
    """What the XMP of a PDF/X file repeats from its document information."""

    created: str
    modified: str
    document_id: str


def _press(pdf: Any, metadata: Metadata) -> _PrintShop:
    """Write the output intent and PDF/X keys; return what the XMP must say to match."""
    import hashlib
    import uuid

    from pikepdf import Array, Dictionary, Name, String

    from brochure.render.press import OUTPUT_CONDITION, PROFILE

    profile = pdf.make_stream(PROFILE.read_bytes(), N=4)
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=String("Custom"),
        OutputCondition=String(OUTPUT_CONDITION), Info=String(OUTPUT_CONDITION),
        RegistryName=String("http://www.color.org"), DestOutputProfile=profile)])
    info = pdf.trailer.Info
    info.GTS_PDFXVersion = String(PDFX)
    info.Trapped = Name("/False")
    created = str(info.get("/CreationDate", "D:20000101000000+00'00'"))
    if "/ModDate" not in info:
        info.ModDate = String(created)
    # The same brochure, the same id: made from what it shows, not from the clock.
    digest = hashlib.sha256(metadata.title.encode())
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        for stream in (contents if isinstance(contents, Array) else [contents]):
            if stream is not None:
                digest.update(stream.read_raw_bytes())
    seed = digest.digest()
    document_id = str(uuid.UUID(bytes=seed[:16], version=4))
    return _PrintShop(_xmp_date(created), _xmp_date(str(info.ModDate)), document_id)


def _xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' → 2000-01-01T00:00:00+00:00."""
    d = pdf_date.removeprefix("D:")
    zone = d[14:].replace("'", "") or "Z"
    if zone not in ("Z", "z"):
        zone = f"{zone[:3]}:{zone[3:5] or '00'}"
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}{zone}"


def _structure(pdf: Any, document: Node, language: str = "en-US") -> Any:
    """The structure tree root for `document`, with its parent tree; links found on the
    pages are tied to the text they sit in, described in the document's language."""
    from pikepdf import Array, Dictionary, Name, String

    lang = next((code for code, tag in TAGS.items() if tag == language), DEFAULT)
    link_to = translate(lang, "Link to %(link)s")

    pages = list(pdf.pages)
    parents: dict[int, list[Any]] = {n: [] for n in range(len(pages))}
    texts: list[tuple[Node, Any]] = []
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))

    names: dict[str, Any] = {}
    page_objects = [page.obj for page in pages]

    def make(node: Node, parent: Any) -> Any:
        # One dictionary made whole, then its kids: each call into pikepdf costs more than
        # the Python around it.
        entries: dict[str, Any] = {"/Type": Name.StructElem, "/P": parent}
        entries["/S"] = names.get(node.tag) or names.setdefault(node.tag, Name("/" + node.tag))
        marked = [kid for kid in node.kids if isinstance(kid, Content)]
        if marked:
            entries["/Pg"] = page_objects[marked[0].page]
        if node.alt is not None:
            entries["/Alt"] = String(node.alt)
        if node.header:
            entries["/A"] = Dictionary({"/O": Name.Table, "/Scope": Name.Column})
        elif node.tag == "Figure" and node.bbox:
            entries["/A"] = Dictionary({"/O": Name.Layout,
                                        "/BBox": Array([round(v, 2) for v in node.bbox])})
        elem = pdf.make_indirect(Dictionary(entries))
        kids: list[Any] = []
        for kid in node.kids:
            if isinstance(kid, Content):
                kids.append(kid.mcid)
                on_page = parents[kid.page]
                on_page.extend([None] * (kid.mcid + 1 - len(on_page)))
                on_page[kid.mcid] = elem
            else:
                kids.append(make(kid, elem))
        elem.K = Array(kids)
        if node.bbox and node.tag in ("P", "H1", "H2", "H3", "LBody", "TD", "TH"):
            texts.append((node, elem))
        return elem

    root.K = Array([make(document, root)])
    nums: list[Any] = []
    for number, elems in parents.items():
        pages[number].obj.StructParents = number
        nums += [number, Array(elems)]
    key = len(pages)
    for number, page in enumerate(pages):
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        page.obj.Tabs = Name.S
        for annot in annots:
            if annot.get("/Subtype") != Name.Link:
                continue
            owner = _owner(annot, number, texts)
            if owner is None:
                continue
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            link = pdf.make_indirect(Dictionary(
                Type=Name.StructElem, S=Name.Link, P=owner, Pg=page.obj,
                K=Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)]),
                Alt=String(link_to % {"link": uri})))
            owner.K.append(link)
            annot.StructParent = key
            annot.Contents = String(link_to % {"link": uri})
            nums += [key, link]
            key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = key
    return root


def _owner(annot: Any, page: int, texts: list[tuple[Node, Any]]) -> Any:
    """The text element on the page nearest the middle of the link's box (the one holding
    it, where one does)."""
    x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    x, y = (x0 + x1) / 2, (y0 + y1) / 2

    def distance(node: Node) -> float:
        assert node.bbox is not None
        left, bottom, right, top = node.bbox
        return max(left - x, 0, x - right) + max(bottom - y, 0, y - top)

    on_page = [(distance(node), n, elem) for n, (node, elem) in enumerate(texts)
               if node.page == page]
    return min(on_page, key=lambda found: found[:2])[2] if on_page else None


def _xmp(metadata: Metadata, press: _PrintShop | None = None) -> str:
    """XMP metadata: the title, the language and the PDF/UA-1 identification; for a
    print-shop file the PDF/X-4 identification and what it must repeat from the document
    information."""
    title, author = escape(metadata.title), escape(metadata.author)
    pdfx = "" if press is None else f"""
  <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfxid:GTS_PDFXVersion>{PDFX}</pdfxid:GTS_PDFXVersion>
   <pdf:Trapped xmlns:pdf="http://ns.adobe.com/pdf/1.3/">False</pdf:Trapped>
   <xmp:CreateDate xmlns:xmp="http://ns.adobe.com/xap/1.0/">{press.created}</xmp:CreateDate>
   <xmp:ModifyDate xmlns:xmp="http://ns.adobe.com/xap/1.0/">{press.modified}</xmp:ModifyDate>
   <xmp:MetadataDate xmlns:xmp="http://ns.adobe.com/xap/1.0/">{press.modified}</xmp:MetadataDate>
   <xmpMM:DocumentID>uuid:{press.document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{press.document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
  </rdf:Description>"""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>{escape(metadata.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{escape(metadata.creator)}</pdf:Producer>
   <xmp:CreatorTool>{escape(metadata.creator)}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>{pdfx}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
