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


def tag(data: bytes, document: Node, metadata: Metadata) -> bytes:
    """The PDF `data` with `document`'s structure tree and what PDF/UA asks of a document."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = _structure(pdf, document)
    pdf.Root.StructTreeRoot = root
    return finish(pdf, metadata)


def finish(pdf: Any, metadata: Metadata) -> bytes:
    """Mark the document tagged, give its language and title, and save it compactly and
    reproducibly (the same brochure, the same bytes)."""
    import pikepdf
    from pikepdf import Dictionary, Name, String

    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.Lang = String(metadata.language)
    pdf.Root.Metadata = pdf.make_stream(_xmp(metadata).encode(), Type=Name.Metadata,
                                        Subtype=Name.XML)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.generate,
             fix_metadata_version=False)  # the XMP is ours, whole; it needs no version
    return out.getvalue()


def _structure(pdf: Any, document: Node) -> Any:
    """The structure tree root for `document`, with its parent tree; links found on the
    pages are tied to the text they sit in."""
    from pikepdf import Array, Dictionary, Name, String

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
                Alt=String(f"Link to {uri}")))
            owner.K.append(link)
            annot.StructParent = key
            annot.Contents = String(f"Link to {uri}")
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


def _xmp(metadata: Metadata) -> str:
    """XMP metadata: the title, the language and the PDF/UA-1 identification."""
    title, author = escape(metadata.title), escape(metadata.author)
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
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
