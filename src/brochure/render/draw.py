"""Draw a fitted brochure as PDF bytes with reportlab: backgrounds, frames, then print marks.
Everything was measured by fit; draw only puts it on the page."""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from brochure.compose.plan import Facts, FramePlan, Picture, Table, Text
from brochure.render import fonts
from brochure.render.fit import CellTable, Fitted, FittedFrame
from brochure.render.pictures import FactsGrid
from brochure.render.press import Press, colour
from brochure.render.tags import Marks, Node, tag

MARK = 0.5  # line width of crop marks and fold guides, in points
rl_config.useA85 = 0  # binary streams: ASCII85 would make every PDF a quarter bigger


def draw(fitted: Fitted) -> bytes:
    """Every page of a fitted brochure, as the bytes of a PDF file."""
    faces = fonts.register()
    plan, press = fitted.plan, fitted.press
    width, height = plan.page_size
    bleed = plan.bleed
    media = (width + 2 * bleed, height + 2 * bleed)
    buffer = io.BytesIO()
    meta = plan.metadata
    canvas = Canvas(buffer, pagesize=media, invariant=1, pageCompression=1,
                    lang=meta.language,
                    initialFontName=faces["regular"])  # type: ignore[arg-type]  # stub is wrong
    if bleed:
        canvas.setTrimBox([bleed, bleed, bleed + width, bleed + height])
        canvas.setBleedBox([0, 0, media[0], media[1]])
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(meta.creator)
    canvas.setProducer(meta.creator)
    marks = Marks(canvas)
    read: list[tuple[int, list[Node]]] = []
    for page in fitted.pages:
        marks.new_page()
        canvas.saveState()
        canvas.translate(bleed, bleed)  # draw in the trimmed sheet's coordinates
        with marks.artifact():
            for content in page.frames:
                _draw_background(canvas, content.frame, height, press)
        for content in page.frames:
            read.append((content.frame.reading, _draw_content(canvas, content, height, marks,
                                                              bleed)))
        canvas.restoreState()
        if bleed:
            with marks.artifact():
                _crop_marks(canvas, width, height, bleed, press)
            if plan.fold_guides:
                with marks.artifact():
                    _fold_marks(canvas, page.page.folds, height, bleed, press)
        canvas.showPage()
    canvas.save()
    # The structure in the order a person reads the frames, whatever order they were drawn.
    document = Node("Document", [sect for _, sects in sorted(read, key=lambda r: r[0])
                                 for sect in sects])
    return tag(buffer.getvalue(), document, meta, print_shop=press is not None)


def _draw_background(canvas: Canvas, frame: FramePlan, page_height: float,
                     press: Press | None) -> None:
    if frame.background:
        box = frame.background_box
        canvas.setFillColor(colour(frame.background, press))
        canvas.rect(box.x, page_height - box.y - box.height, box.width, box.height,
                    stroke=0, fill=1)


def _draw_content(canvas: Canvas, content: FittedFrame, page_height: float, marks: Marks,
                  bleed: float) -> list[Node]:
    """Draw a frame's blocks, each marked as what it is; its sections' structure elements."""
    frame = content.frame
    box = frame.box
    slack = box.height - 2 * frame.padding - content.height
    # fit() guarantees the content fits; never draw outside a frame all the same.
    assert slack >= -0.01, f"frame {frame.name} is {-slack:.2f} pt over"
    offset = {"top": 0.0, "middle": slack / 2, "bottom": slack}[frame.align]
    y = page_height - box.y - frame.padding - offset
    x = box.x + frame.inset
    measure = box.width - 2 * frame.inset
    sections: list[Node] = []
    for item in content.placed:
        y -= item.gap + item.height
        block = item.block
        if not sections or sections[-1].section != block.section:
            sections.append(Node("Sect", section=block.section))
        kids = sections[-1].kids
        where = (x + bleed, y + bleed, x + bleed + measure, y + bleed + item.height)
        if isinstance(block, Text) and block.bullet:
            items = kids[-1] if kids and isinstance(kids[-1], Node) and kids[-1].tag == "L" \
                else None
            if items is None:
                items = Node("L")
                kids.append(items)
            label, body = Node("Lbl"), Node("LBody", bbox=where)
            items.kids.append(Node("LI", [label, body]))
            with marks.label_then_body(label, body):
                item.flowable.drawOn(canvas, x, y)
        elif isinstance(block, Text):
            node = Node(block.tag, bbox=where)
            kids.append(node)
            with marks.content(node):
                item.flowable.drawOn(canvas, x, y)
        elif isinstance(block, Table):
            kids.append(_draw_table(canvas, block, item.flowable, x, y, marks))
        elif isinstance(block, Facts):
            kids += _draw_facts(canvas, item.flowable, x, y, marks, bleed)
        elif isinstance(block, Picture) and block.kind == "icon":
            with marks.artifact():  # decoration: the words beside it say what it stands for
                item.flowable.drawOn(canvas, x, y)
        else:
            node = Node("Figure", alt=block.alt, bbox=where)
            kids.append(node)
            with marks.content(node):
                item.flowable.drawOn(canvas, x, y)
    return sections


def _draw_table(canvas: Canvas, block: Table, flowable: Flowable, x: float, y: float,
                marks: Marks) -> Node:
    """A table: each cell tagged TH or TD in its row, the rules between rows artifacts."""
    columns = max((len(row) for row in block.rows), default=1)
    rows = [Node("TR") for _ in block.rows]

    def on_cell(index: int, starting: bool) -> None:
        row, _ = divmod(index, columns)
        marks.end()
        if starting:
            header = block.header and row == 0
            cell = Node("TH" if header else "TD", header=header)
            rows[row].kids.append(cell)
            marks.begin(cell)
        else:
            marks.begin_artifact()

    assert isinstance(flowable, CellTable)
    flowable.on_cell, flowable.cells_drawn = on_cell, 0
    with marks.artifact():
        flowable.drawOn(canvas, x, y)
    flowable.on_cell = None
    return Node("Table", list(rows))


def _draw_facts(canvas: Canvas, flowable: Flowable, x: float, y: float, marks: Marks,
                bleed: float) -> list[Node]:
    """Quick facts: each line a paragraph, in reading order; the icons artifacts."""
    assert isinstance(flowable, FactsGrid)
    nodes = []
    for part in flowable.parts:
        if part.flowable is None:
            with marks.artifact():
                flowable.draw_part(canvas, part, x, y)
            continue
        left, bottom = x + part.x + bleed, y + part.y + bleed
        node = Node("P", bbox=(left, bottom, left + part.width, bottom + part.height))
        nodes.append(node)
        with marks.content(node):
            flowable.draw_part(canvas, part, x, y)
    return nodes



def _fold_marks(canvas: Canvas, folds: tuple[float, ...], height: float, bleed: float,
                press: Press | None) -> None:
    """Dashed marks in the bleed above and below each fold, stopping short of the trimmed
    sheet as crop marks do: the print shop sees where to fold, and nothing of them is left on
    the sheet once trimmed."""
    gap = bleed / 3
    canvas.setStrokeColor(colour("#000000", press))
    canvas.setLineWidth(MARK)
    canvas.setDash(2, 1.5)
    for fold in folds:
        x = bleed + fold
        canvas.line(x, bleed + height + gap, x, 2 * bleed + height)
        canvas.line(x, 0, x, bleed - gap)
    canvas.setDash()


def _crop_marks(canvas: Canvas, width: float, height: float, bleed: float,
                press: Press | None) -> None:
    """Corner marks in the bleed, on the trim lines, stopping short of the trimmed sheet
    (black ink only in a print-shop file)."""
    gap = bleed / 3
    canvas.setLineWidth(MARK)
    for x_trim, y_trim, dx, dy in ((bleed, bleed, -1, -1), (bleed + width, bleed, 1, -1),
                                   (bleed, bleed + height, -1, 1),
                                   (bleed + width, bleed + height, 1, 1)):
        for ink, weight in ((colour("#ffffff", press), MARK * 3),
                            (colour("#000000", press), MARK)):
            canvas.setStrokeColor(ink)
            canvas.setLineWidth(weight)
            # A horizontal mark on the trim's y, and a vertical mark on the trim's x.
            canvas.line(x_trim + dx * gap, y_trim, x_trim + dx * bleed, y_trim)
            canvas.line(x_trim, y_trim + dy * gap, x_trim, y_trim + dy * bleed)
