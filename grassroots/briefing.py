"""The briefing pack (Báo cáo giao ban): for a period, a title slide, one slide per chart with
its key numbers and a few sentences saying what it shows, and a closing table — as a
PowerPoint deck and as the same pages in PDF. The charts are the app's, drawn by `images`."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from fpdf import FPDF
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from grassroots import catalog, charts, db, figures, i18n, images, maps, periods, scores
from grassroots.i18n import N_

SECTIONS = (*catalog.HEADLINE, "score")  # the families' headline indicators, the score
WIDE, HIGH = 13.333, 7.5  # inches: a 16:9 slide
FONT = "Arial"  # in the deck: on every PC that opens it, with every Vietnamese letter
INK, GREY, RED = (0x22, 0x22, 0x22), (0x55, 0x55, 0x55), (0xD7, 0x30, 0x27)


@dataclass
class Slide:
    title: str
    image: bytes | None          # the chart, PNG
    numbers: list[tuple[str, str]]  # key figures: (what, value)
    sentences: list[str]


@dataclass
class Deck:
    title: str
    subtitle: list[str]          # who and when; source and update date
    demo: bool
    slides: list[Slide]
    table: pd.DataFrame          # the closing table, as the reader sees it
    lang: str


def _sentences(indicator: catalog.Indicator, ranked: pd.DataFrame, parent: pd.Series,
               before: float | None, period: periods.Period, settings: dict,
               lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    """An indicator's key numbers and two or three sentences: how many communes met the
    target and who is lowest (or highest and lowest), the parent unit against the previous
    period, and who has not reported."""
    def t(message: str, **values) -> str:
        return i18n.t(message, lang, **values)

    def value(amount) -> str:
        return i18n.value(indicator, amount, lang)

    level = settings.get("parent_level", "district")
    total = i18n.parent_total(level, lang)
    known = ranked.dropna(subset=["value"])
    numbers = [(total, value(parent["value"]))]
    said = []
    if len(known):
        worst, best = known.iloc[-1], known.iloc[0]
        if pd.notna(parent["target"]):
            met = int((known["status"] == "met").sum())
            numbers += [(t("Target"), value(parent["target"])),
                        (t("Communes on target"), f"{met}/{len(ranked)}")]
            said.append(t("{met} of {total} communes meet the {target} target; lowest: {name} "
                          "{value}.", met=met, total=len(ranked), target=value(parent["target"]),
                          name=worst["name"], value=value(worst["value"])))
        else:
            said.append(t("Highest: {best} {best_value}; lowest: {worst} {worst_value}.",
                          best=best["name"], best_value=value(best["value"]),
                          worst=worst["name"], worst_value=value(worst["value"])))
    change = None if pd.isna(parent["value"]) or before is None or pd.isna(before) \
        else parent["value"] - before
    previous = period.previous().label(lang)
    if change is not None:
        signed = i18n.delta(indicator, change, lang)
        label = t("vs {period}", period=previous)
        numbers.append((i18n.capital(label), signed))
        if signed[0] not in "+-":
            message = N_("{total}: {value}, unchanged from {previous}.")
        elif (change > 0) == indicator.higher_is_better:
            message = N_("{total}: {value}, better than {previous} by {change}.")
        else:
            message = N_("{total}: {value}, worse than {previous} by {change}.")
        said.append(t(message, total=total, value=value(parent["value"]), previous=previous,
                      change=signed.lstrip("+-")))
    missing = ranked.loc[ranked["value"].isna(), "name"].tolist()
    if missing:
        said.append(t("No figures from: {names}.", names=", ".join(missing)))
    return numbers, said


def _family_slides(database: db.Database, family: str, period: periods.Period,
                   subtitle: list[str], settings: dict, lang: str, with_map: bool
                   ) -> list[Slide]:
    indicator = catalog.BY_ID[catalog.HEADLINE[family]]
    ranked = figures.ranking(database, indicator, period)
    parent = figures.parent_values(database, period).loc[indicator.id]
    before = figures.parent_values(database, period.previous()).loc[indicator.id, "value"]
    numbers, said = _sentences(indicator, ranked, parent, before, period, settings, lang)
    title = f"{indicator.label(lang)} — {period.label(lang)}"
    total = i18n.parent_total(settings.get("parent_level", "district"), lang)
    chart = charts.ranking(ranked, indicator, parent["value"], total, parent["target"], title,
                           subtitle, lang)
    slides = [Slide(title, images.png(chart, lang), numbers, said)]
    layer = maps.layer(database)
    if with_map and layer.features and ranked["value"].notna().any():
        method = "status" if pd.notna(parent["target"]) else "quantiles"
        bounds = None if method == "status" else maps.breaks(ranked["value"], method, 5)
        legend = maps.legend(method, len(bounds or []), parent["target"], indicator, lang)
        extra = [i18n.t("Commune boundaries are generated and approximate.",
                        lang)] if layer.approximate else []
        spec = charts.choropleth(layer, ranked, indicator, bounds, legend, title,
                                 [*subtitle, *extra], lang)
        slides.append(Slide(i18n.t("Map: {title}",
                                   lang, title=title), images.png(spec, lang), numbers,
                            said))
    return slides


def _score_slide(database: db.Database, period: periods.Period, subtitle: list[str],
                 lang: str) -> Slide:
    ranked = figures.by_rank(scores.as_cells(scores.composite(database, period)))
    title = i18n.t("Composite score", lang) + f" — {period.label(lang)}"
    average = ranked["value"].mean()
    chart = charts.ranking(ranked, scores.COMPOSITE, average, i18n.t("Communes' average",
                                                                     lang), None,
                           title, subtitle, lang)
    known = ranked.dropna(subset=["value"])
    said, numbers = [], [(i18n.t("Communes' average", lang), i18n.number(average, lang, 1))]
    if len(known):
        said.append(i18n.t("Highest: {best}, {best_value} points; lowest: {worst}, {worst_value} "
                           "points.", lang, best=known.iloc[0]["name"],
                           best_value=i18n.number(known.iloc[0]["value"], lang, 1),
                           worst=known.iloc[-1]["name"],
                           worst_value=i18n.number(known.iloc[-1]["value"], lang, 1)))
    return Slide(title, images.png(chart, lang), numbers, said)


def _closing_table(database: db.Database, period: periods.Period, settings: dict,
                   lang: str) -> pd.DataFrame:
    """Every commune's headline values, the parent unit first, as the reader sees them."""
    indicators = [catalog.BY_ID[i] for i in catalog.HEADLINE.values()]
    values = figures.commune_values(database, period)
    parent = figures.parent_values(database, period)
    names = i18n.sorted_names(values["name"])
    wide = values.pivot_table(index="name", columns="indicator", values="value",
                              aggfunc="first", dropna=False)
    rows = [[i18n.parent_total(settings.get("parent_level", "district"), lang)]
            + [i18n.value(i, parent.loc[i.id, "value"], lang, unit=False) for i in indicators]]
    for name in names:
        rows.append([name] + [i18n.value(i, wide.loc[name].get(i.id), lang, unit=False)
                              for i in indicators])
    return pd.DataFrame(rows, columns=[i18n.t("Commune", lang)]
                        + [i.short(lang) for i in indicators])


def build(database: db.Database, period: periods.Period, sections=SECTIONS, lang: str = "vi",
          with_maps: bool = True, progress: Callable[[float], None] | None = None) -> Deck:
    """The pack's contents for `period`: one or two chart slides per section, in order."""
    settings = database.settings()
    subtitle = figures.chart_subtitle(database, settings, period, lang)
    slides = []
    chosen = [s for s in SECTIONS if s in sections]
    for done, section in enumerate(chosen):
        if section == "score":
            slides.append(_score_slide(database, period, subtitle, lang))
        else:
            slides += _family_slides(database, section, period, subtitle, settings, lang,
                                     with_maps)
        if progress:
            progress((done + 1) / len(chosen))
    title = i18n.t("Briefing", lang) + f" — {period.label(lang)}"
    return Deck(title, subtitle, settings.get("demo") == "true", slides,
                _closing_table(database, period, settings, lang), lang)


# PowerPoint -------------------------------------------------------------------------------------

def _text(slide, left, top, width, height, lines, size, bold=False, colour=INK):
    """A text box of `lines` (str, or (text, size, bold, colour) for a line of its own)."""
    frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width),
                                     Inches(height)).text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        text, line_size, line_bold, line_colour = line if isinstance(line, tuple) else (
            line, size, bold, colour)
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.name, run.font.size, run.font.bold = FONT, Pt(line_size), line_bold
        run.font.color.rgb = RGBColor(*line_colour)
        paragraph.space_after = Pt(line_size * 0.4)
    return frame


def _footer(slide, deck: Deck, number: int) -> None:
    mark = i18n.t("DỮ LIỆU MẪU (sample data)", deck.lang) + " · " if deck.demo else ""
    _text(slide, 0.5, HIGH - 0.45, WIDE - 1.5, 0.35, [mark + deck.subtitle[1]], 10,
          colour=RED if deck.demo else GREY)
    _text(slide, WIDE - 1.0, HIGH - 0.45, 0.6, 0.35, [str(number)], 10, colour=GREY)


def to_pptx(deck: Deck) -> bytes:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(WIDE), Inches(HIGH)
    blank = presentation.slide_layouts[6]
    first = presentation.slides.add_slide(blank)
    _text(first, 0.8, 2.3, WIDE - 1.6, 1.6, [deck.title], 40, bold=True)
    _text(first, 0.8, 4.0, WIDE - 1.6, 1.5, deck.subtitle, 18, colour=GREY)
    _text(first, 0.8, 5.6, WIDE - 1.6, 0.5, [
        i18n.t("Made on {day}", deck.lang, day=i18n.day(date.today(), deck.lang))], 14, colour=GREY)
    for number, item in enumerate(deck.slides, start=2):
        slide = presentation.slides.add_slide(blank)
        _text(slide, 0.5, 0.3, WIDE - 1.0, 0.8, [item.title], 26, bold=True)
        if item.image:
            slide.shapes.add_picture(io.BytesIO(item.image), Inches(0.4), Inches(1.25),
                                     width=Inches(8.6))
        lines = [(f"{what}: {amount}", 16, True, INK) for what, amount in item.numbers]
        lines += [(f"• {sentence}", 15, False, INK) for sentence in item.sentences]
        _text(slide, 9.2, 1.3, WIDE - 9.6, HIGH - 2.0, lines, 15)
        _footer(slide, deck, number)
    closing = presentation.slides.add_slide(blank)
    _text(closing, 0.5, 0.3, WIDE - 1.0, 0.8, [i18n.t("Communes at a glance",
                                                      deck.lang)], 26, bold=True)
    rows, columns = deck.table.shape
    height = min(HIGH - 2.0, 0.3 * (rows + 1))
    shape = closing.shapes.add_table(rows + 1, columns, Inches(0.5), Inches(1.2),
                                     Inches(WIDE - 1.0), Inches(height))
    cells = [list(deck.table.columns)] + deck.table.values.tolist()
    size = 12 if rows <= 16 else max(6, int(12 * 16 / rows))
    for r, row in enumerate(cells):
        shape.table.rows[r].height = Emu(int(Inches(height) / (rows + 1)))
        for c, value in enumerate(row):
            cell = shape.table.cell(r, c)
            cell.text = str(value)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.name, run.font.size = FONT, Pt(size)
                    run.font.bold = r == 0 or (r == 1 and c == 0)
    _footer(closing, deck, len(deck.slides) + 2)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


# PDF --------------------------------------------------------------------------------------------

class _Pages(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="in", format=(HIGH, WIDE))
        self.set_auto_page_break(False)
        self.add_font(images.FONT, "", str(images.REGULAR))
        self.add_font(images.FONT, "B", str(images.BOLD))

    def write_lines(self, left, top, width, lines, size, bold=False, colour=INK):
        self.set_xy(left, top)
        for line in lines:
            text, line_size, line_bold, line_colour = line if isinstance(line, tuple) else (
                line, size, bold, colour)
            self.set_font(images.FONT, "B" if line_bold else "", line_size)
            self.set_text_color(*line_colour)
            self.set_x(left)
            self.multi_cell(width, line_size / 72 * 1.3, text, align="L")
            self.set_y(self.get_y() + line_size / 72 * 0.4)


def _pdf_footer(pdf: _Pages, deck: Deck, number: int) -> None:
    mark = i18n.t("DỮ LIỆU MẪU (sample data)", deck.lang) + " · " if deck.demo else ""
    pdf.write_lines(0.5, HIGH - 0.45, WIDE - 1.5, [mark + deck.subtitle[1]], 10,
                    colour=RED if deck.demo else GREY)
    pdf.write_lines(WIDE - 1.0, HIGH - 0.45, 0.6, [str(number)], 10, colour=GREY)


def to_pdf(deck: Deck) -> bytes:
    """The same pages as the deck, with the bundled Noto Sans embedded."""
    pdf = _Pages()
    pdf.add_page()
    pdf.write_lines(0.8, 2.4, WIDE - 1.6, [deck.title], 40, bold=True)
    pdf.write_lines(0.8, 4.0, WIDE - 1.6, deck.subtitle, 18, colour=GREY)
    pdf.write_lines(0.8, 5.6, WIDE - 1.6, [
        i18n.t("Made on {day}", deck.lang, day=i18n.day(date.today(), deck.lang))], 14, colour=GREY)
    for number, item in enumerate(deck.slides, start=2):
        pdf.add_page()
        pdf.write_lines(0.5, 0.35, WIDE - 1.0, [item.title], 26, bold=True)
        if item.image:
            pdf.image(io.BytesIO(item.image), x=0.4, y=1.25, w=8.6)
        lines = [(f"{what}: {amount}", 16, True, INK) for what, amount in item.numbers]
        lines += [(f"• {sentence}", 15, False, INK) for sentence in item.sentences]
        pdf.write_lines(9.2, 1.3, WIDE - 9.6, lines, 15)
        _pdf_footer(pdf, deck, number)
    pdf.add_page()
    pdf.write_lines(0.5, 0.35, WIDE - 1.0, [i18n.t("Communes at a glance",
                                                   deck.lang)], 26, bold=True)
    rows = len(deck.table) + 1
    size = 12 if rows <= 17 else max(6, int(12 * 17 / rows))
    pdf.set_font(images.FONT, "", size)
    pdf.set_text_color(*INK)
    pdf.set_xy(0.5, 1.2)
    with pdf.table(width=WIDE - 1.0, line_height=size / 72 * 1.6,
                   text_align="LEFT") as table:
        for row in [list(deck.table.columns)] + deck.table.values.tolist():
            cells = table.row()
            for value in row:
                cells.cell(str(value))
    _pdf_footer(pdf, deck, len(deck.slides) + 2)
    return bytes(pdf.output())


def write(deck: Deck, path) -> None:
    """The deck as .pptx or .pdf, by the path's suffix."""
    data = to_pdf(deck) if str(path).lower().endswith(".pdf") else to_pptx(deck)
    with open(path, "wb") as stream:
        stream.write(data)
