"""The fair pack: one PDF of many brochures, with a cover and contents, each brochure
starting on a new sheet so that duplex printing stays aligned."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from brochure import __version__
from brochure.compose.plan import Metadata
from brochure.language import DEFAULT as ENGLISH
from brochure.language import N_, TAGS, translate, translate_plural
from brochure.model.brand import Brand
from brochure.model.palette import resolve
from brochure.options import Options
from brochure.output.write import write_atomic
from brochure.render import fonts
from brochure.render.tags import Marks, Node, finish, tag

LINES_PER_PAGE = 30
BETWEEN = " · "
"""Between a bilingual pack's words in each language: "Contents · Contenido"."""


class Entry(NamedTuple):
    """One brochure of a pack: its PDF, its career's title and its language."""

    path: Path
    title: str
    lang: str = ENGLISH


def bundle(brochures: list[Entry], target: Path, brand: Brand, options: Options,
           langs: list[str] | None = None) -> int:
    """Write `target` from the brochures, in order, each listed in the contents by its
    career's title in its language; return its page count. The cover and contents are in
    each of `langs` (default English), one after the other: a bilingual pack's are
    bilingual. The pack is tagged like the brochures: its cover and contents first, then
    each brochure's own structure as a part of it, in its own language."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    langs = langs or [ENGLISH]
    paths = [entry.path for entry in brochures]
    titles = [entry.title for entry in brochures]
    careers = len(brochures) // len(langs) if len(langs) > 1 and all(
        brochures[i].lang == langs[i % len(langs)] for i in range(len(brochures))) \
        else len(brochures)

    def words(message: str, **values: object) -> str:
        return BETWEEN.join(translate(lang, message) % values if values
                            else translate(lang, message) for lang in langs)
    sources = [pikepdf.open(path) for path in paths]
    box = sources[0].pages[0].mediabox
    size = (float(box[2]) - float(box[0]), float(box[3]) - float(box[1]))
    # Front matter: the cover, then contents, padded to an even count so the first
    # brochure starts on a right-hand page; each brochure is padded the same way.
    contents_pages = -(-len(titles) // LINES_PER_PAGE)
    front = 1 + contents_pages
    front += front % 2
    starts, page = [], front + 1
    for source in sources:
        starts.append(page)
        count = len(source.pages)
        page += count + count % 2
    colour = resolve({"primary": "#1d4e89", "ink": "#1f2933", "muted": "#52606d",
                      "paper": "#ffffff"}, {"primary": brand.spec.primary}, options.grayscale)
    metadata = Metadata(title=words(N_("Career fair pack: %(count)s careers"), count=careers),
                        author=brand.spec.organisation or "Career brochures",
                        subject=words(N_("Career brochures for a fair, each on its own "
                                         "sheets")),
                        keywords=tuple(titles), creator=f"career-brochures {__version__}",
                        language=TAGS[langs[0]])
    cover = Cover(words(N_("CAREER FAIR PACK")), BETWEEN.join(
        translate_plural(lang, "%(count)s career", "%(count)s careers", careers)
        % {"count": careers} for lang in langs),
        tuple(translate(lang, N_("Each brochure starts on a new sheet: print double-sided "
                                 "and the pages stay aligned.")) for lang in langs),
        words(N_("Contents")),
        tuple(translate(entry.lang, N_("page %(page)s")) for entry in brochures))
    pack = pikepdf.open(io.BytesIO(
        _front_matter(size, titles, starts, brand, colour, front, metadata, cover)))
    root = pack.Root.StructTreeRoot
    document = root.K[0]
    nums: list[Any] = list(root.ParentTree.Nums)
    key = int(root.ParentTreeNextKey)
    for source in sources:
        first = len(pack.pages)
        pack.pages.extend(source.pages)
        tree = source.Root.get("/StructTreeRoot")
        if tree is not None:
            # The brochure's own tree, a part of the pack's document; its pages and links
            # take new keys in the pack's parent tree.
            part = pack.copy_foreign(tree.K[0])
            part.S, part.P = Name.Part, document
            if "/Lang" in source.Root:  # each brochure's own language, in a bilingual pack
                part.Lang = String(str(source.Root.Lang))
            document.K.append(part)
            offset = key
            source_nums = list(tree.ParentTree.Nums)
            for at in range(0, len(source_nums), 2):
                nums += [int(source_nums[at]) + offset, _copied(pack, source_nums[at + 1])]
            for copied in pack.pages[first:]:
                copied.obj.StructParents = int(copied.obj.StructParents) + offset
                for annot in copied.obj.get("/Annots", []):
                    if "/StructParent" in annot:
                        annot.StructParent = int(annot.StructParent) + offset
            key += int(tree.ParentTreeNextKey)
        if len(source.pages) % 2:
            pack.add_blank_page(page_size=size)
    root.ParentTree = pack.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = key
    pack.docinfo["/Title"] = metadata.title
    pack.docinfo["/Author"] = metadata.author
    data = finish(pack, metadata)
    write_atomic(target, data)
    return len(pikepdf.open(io.BytesIO(data)).pages)


class Cover(NamedTuple):
    """The front matter's words, in the pack's languages."""

    kicker: str
    careers: str
    note: tuple[str, ...]
    """One line in each language."""
    contents: str
    pages: tuple[str, ...]
    """Each brochure's "page %(page)s", in its own language."""


def _front_matter(size: tuple[float, float], titles: list[str], starts: list[int],
                  brand: Brand, colour: dict[str, str], pages: int,
                  metadata: Metadata, words: Cover) -> bytes:
    """The cover and contents, tagged: a heading for the pack, its details, and the
    contents as a table of careers and their first pages."""
    faces = fonts.register()
    width, height = size
    out = io.BytesIO()
    c = Canvas(out, pagesize=size, invariant=1, initialFontName=faces["regular"],  # type: ignore[arg-type]
               lang=metadata.language)
    c.setTitle(metadata.title)
    c.setAuthor(metadata.author)
    c.setCreator(metadata.creator)
    c.setProducer(metadata.creator)
    marks = Marks(c)
    marks.new_page()
    margin = 54.0
    cover = Node("Sect")
    with marks.artifact():
        c.setFillColor(HexColor(colour["primary"]))
        c.rect(18, height * 0.45, width - 36, height * 0.55 - 18, stroke=0, fill=1)

    def text(node: Node, x: float, y: float, words: str, right: bool = False) -> None:
        with marks.content(node):
            (c.drawRightString if right else c.drawString)(x, y, words)

    c.setFillColor(HexColor(colour["paper"]))
    c.setFont(faces["semibold"], 12)
    text(_kid(cover, "P"), margin, height - margin - 12, words.kicker)
    c.setFont(faces["bold"], 34)
    text(_kid(cover, "H1"), margin, height * 0.62, words.careers)
    c.setFont(faces["regular"], 14)
    event = brand.spec.event
    lines = [brand.spec.organisation or "", *(
        [event.name, event.date, event.place] if event else [])]
    y = height * 0.62 - 28
    for line in filter(None, lines):
        text(_kid(cover, "P"), margin, y, line)
        y -= 19
    c.setFillColor(HexColor(colour["muted"]))
    c.setFont(faces["regular"], 10)
    for at, line in enumerate(words.note):
        text(_kid(cover, "P"), margin, height * 0.45 - 28 - 14 * at, line)
    c.showPage()
    contents = Node("Sect")
    table = Node("Table")
    for first in range(0, len(titles), LINES_PER_PAGE):
        marks.new_page()
        c.setFillColor(HexColor(colour["primary"]))
        c.setFont(faces["bold"], 16)
        if first == 0:
            text(_kid(contents, "H2"), margin, height - margin - 16, words.contents)
            contents.kids.append(table)
        else:
            with marks.artifact():
                c.drawString(margin, height - margin - 16, words.contents)
        c.setFont(faces["regular"], 11)
        c.setFillColor(HexColor(colour["ink"]))
        y = height - margin - 48
        rows = list(zip(titles, starts, words.pages, strict=True))
        for title, start, page in rows[first:first + LINES_PER_PAGE]:
            row = _kid(table, "TR")
            text(_kid(row, "TD"), margin, y, title)
            text(_kid(row, "TD"), width - margin, y, page % {"page": start}, right=True)
            y -= min(18.0, (height - 2 * margin - 48) / LINES_PER_PAGE)
        c.showPage()
    for _ in range(pages - 1 - -(-len(titles) // LINES_PER_PAGE)):
        marks.new_page()
        c.showPage()
    c.save()
    return tag(out.getvalue(), Node("Document", [cover, contents]), metadata)


def _copied(pack: Any, value: Any) -> Any:
    """`value` from another file, in the pack: an array item by item (its items are the
    brochure's structure elements, copied once and shared with its tree)."""
    from pikepdf import Array

    if isinstance(value, Array) and not value.is_indirect:
        return Array([_copied(pack, item) for item in value])
    return pack.copy_foreign(value)


def _kid(parent: Node, kind: str) -> Node:
    node = Node(kind)
    parent.kids.append(node)
    return node
