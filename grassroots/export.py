"""Tables that go with charts, and their files: what is shown on screen is what is downloaded.

A Table keeps the raw numbers and, per column, how to show them. On screen and in CSV the
numbers are written the reader's way ("98,2%"); in Excel they stay numbers with a number format,
so they can be computed with.
"""

import io
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from grassroots import i18n, maps, periods, scores
from grassroots.catalog import Indicator

# column format -> its Excel number format (on screen and in CSV, format_value writes it)
FORMATS = {
    "text": None,
    "count": "#,##0",
    "decimal": "#,##0.0",
    "percent": "0.0%",
}


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame  # raw values; column names already in the reader's language
    formats: dict[str, str]  # column -> a key of FORMATS; absent columns are text
    name: str  # file name without extension
    title: str
    subtitle: list[str]


def format_value(amount, kind: str, lang: str) -> str:
    if pd.isna(amount):
        return "" if kind == "text" else i18n.t("–", lang)
    if kind == "text":
        return str(amount)
    if kind == "percent":
        return i18n.percent(amount, lang)
    if kind == "count" and not float(amount).is_integer():
        return i18n.number(amount, lang, 2)  # a fraction of a year, say
    return i18n.number(amount, lang, 0 if kind == "count" else 1)


def formatted(table: Table, lang: str) -> pd.DataFrame:
    """The table as the reader sees it: every cell a string."""
    return pd.DataFrame({
        column: [format_value(v, table.formats.get(column, "text"), lang)
                 for v in table.frame[column]]
        for column in table.frame.columns
    })


def to_csv(table: Table, lang: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly."""
    return formatted(table, lang).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    """One sheet: the title and subtitle (period, unit, source) above the numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    for line in table.subtitle:
        sheet.append([line])
    sheet.append([])
    sheet.append(list(table.frame.columns))
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for row in table.frame.itertuples(index=False):
        sheet.append([None if not isinstance(v, str) and pd.isna(v) else v for v in row])
    for index, column in enumerate(table.frame.columns, start=1):
        number_format = FORMATS[table.formats.get(column, "text")]
        letter = sheet.cell(row=header, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(str(column)) + 2)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=header + 1, min_col=index, max_col=index):
                cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def value_format(indicator: Indicator) -> str:
    return "percent" if indicator.unit == "percent" else "decimal"


def ranking_table(frame: pd.DataFrame, indicator: Indicator, title: str, subtitle: list[str],
                  lang: str) -> Table:
    """The numbers of a ranking chart: one row per commune, in the chart's order."""
    t = lambda message: i18n.t(message, lang)  # noqa: E731
    table = pd.DataFrame({
        t("Rank"): frame["rank"],
        t("Commune"): frame["name"],
        t("Numerator"): frame["num"],
        t("Denominator"): frame["den"],
        t("Value"): frame["value"],
        t("Target"): frame["target"],
        t("Status"): [t(i18n.STATUSES[s]) for s in frame["status"]],
    })
    formats = {t("Rank"): "count", t("Numerator"): "count", t("Denominator"): "count",
               t("Value"): value_format(indicator), t("Target"): value_format(indicator)}
    return Table(table, formats, f"xep-hang-{indicator.id}", title, subtitle)


def trend_table(frame: pd.DataFrame, indicator: Indicator, grain: str, parent_label: str,
                title: str, subtitle: list[str], lang: str) -> Table:
    """The numbers of a trend chart: one row per commune (the parent unit first), one column
    per period."""
    labels = {b: periods.Period.containing(grain, b).label(lang) for b in frame["bucket"].unique()}
    named = frame.assign(
        name=frame["name"].where(frame["unit_code"].notna(), parent_label),
        column=frame["bucket"].map(labels))
    order = [parent_label] + i18n.sorted_names(named["name"].drop_duplicates()
                                               .loc[lambda n: n != parent_label])
    table = (named.pivot_table(index="name", columns="column", values="value", sort=False)
             .reindex(order).rename_axis(i18n.t("Commune", lang)).reset_index())
    table.columns.name = None
    formats = {c: value_format(indicator) for c in table.columns[1:]}
    return Table(table, formats, f"dien-bien-{indicator.id}", title, subtitle)


def score_table(ranked: pd.DataFrame, title: str, subtitle: list[str], lang: str) -> Table:
    """The composite ranking's numbers: rank, commune, each group's score, the composite."""
    t = lambda message: i18n.t(message, lang)  # noqa: E731
    groups = {g: scores.group_label(g, lang) for g, *_ in scores.SCORE_GROUPS}
    table = pd.DataFrame({t("Rank"): ranked["rank"], t("Commune"): ranked["name"]})
    for group, label in groups.items():
        table[label] = ranked[group].to_numpy()
    table[t("Composite score")] = ranked["value"].to_numpy()
    table[t("Groups with data")] = ranked["groups_scored"].to_numpy()
    formats = {column: "decimal" for column in [*groups.values(), t("Composite score")]}
    formats |= {t("Rank"): "count", t("Groups with data"): "count"}
    return Table(table.reset_index(drop=True), formats, "diem-tong-hop", title, subtitle)


def rank_table(history: pd.DataFrame, title: str, subtitle: list[str], lang: str) -> Table:
    """Communes × periods, each cell the commune's composite rank."""
    labels = {code: periods.parse(code).label(lang) for code in history["period"].unique()}
    table = history.pivot(index="name", columns="period", values="rank")
    table = table.reindex(index=i18n.sorted_names(table.index), columns=list(labels))
    table = table.rename(columns=labels).rename_axis(index=i18n.t("Commune", lang), columns=None)
    return Table(table.reset_index(), {label: "count" for label in labels.values()},
                 "thay-doi-thu-hang", title, subtitle)


def scorecard_table(cells: pd.DataFrame, indicators: list[Indicator], order: list[str],
                    title: str, subtitle: list[str], lang: str) -> Table:
    """The scorecard's numbers: communes in the chart's order × its columns."""
    labels = {i.id: i.short(lang) for i in indicators}
    table = (cells[cells["indicator"].isin(labels)]
             .pivot(index="name", columns="indicator", values="value")
             .reindex(index=order, columns=list(labels)).rename(columns=labels)
             .rename_axis(index=i18n.t("Commune", lang), columns=None).reset_index())
    formats = {labels[i.id]: value_format(i) for i in indicators}
    return Table(table, formats, "bang-diem", title, subtitle)


def compare_table(values: pd.DataFrame, indicators: list[Indicator], names: list[str],
                  title: str, subtitle: list[str], lang: str) -> Table:
    """Indicators (rows) × the chosen communes (columns). Units differ by row, so each cell
    is written out."""
    chosen = values[values["name"].isin(names)].pivot(index="indicator", columns="name",
                                                     values="value")
    rows = [{i18n.t("Indicator", lang): i.label(lang),
             **{name: i18n.value(i, chosen.loc[i.id, name], lang) for name in names}}
            for i in indicators]
    return Table(pd.DataFrame(rows), {}, "so-sanh", title, subtitle)


def score_profile_table(scaled: pd.DataFrame, indicators: list[Indicator], names: list[str],
                        title: str, subtitle: list[str], lang: str) -> Table:
    """Indicators × the chosen communes, each cell the 0–100 score against target."""
    labels = {i.id: i.short(lang) for i in indicators}
    table = (scaled[scaled["name"].isin(names) & scaled["indicator"].isin(labels)]
             .pivot(index="indicator", columns="name", values="score")
             .reindex(index=list(labels), columns=names).rename(index=labels)
             .rename_axis(index=i18n.t("Indicator", lang), columns=None).reset_index())
    return Table(table, dict.fromkeys(names, "decimal"), "diem-theo-chi-tieu", title, subtitle)


def compliance_table(frame: pd.DataFrame, title: str, subtitle: list[str], lang: str) -> Table:
    """Communes × months, each cell "held/required", and the months met."""
    months = list(dict.fromkeys(frame["month_label"]))
    table = frame.pivot(index="name", columns="month_label", values="cell")
    table = table.reindex(index=i18n.sorted_names(table.index), columns=months)
    table[i18n.t("Months met", lang)] = (
        frame.assign(met=frame["status"] == "met").groupby("name")["met"].sum()
        .reindex(table.index).astype(str) + f"/{len(months)}")
    table = table.rename_axis(index=i18n.t("Commune", lang), columns=None).reset_index()
    return Table(table, {}, "tuan-thu-quy-dinh", title, subtitle)


def map_table(frame: pd.DataFrame, indicator: Indicator, bounds: list[float] | None,
              title: str, subtitle: list[str], lang: str) -> Table:
    """The map's numbers: each commune's value and what it is coloured by, its status against
    the target (`bounds` None) or its class."""
    t = lambda message: i18n.t(message, lang)  # noqa: E731
    if bounds is None:
        drawn = {t("Status"): [t(i18n.STATUSES[s]) for s in frame["status"]]}
    else:
        labels = maps.class_labels(frame["value"], bounds, indicator, lang)
        drawn = {t("Class"): [labels[int(c)] if pd.notna(c) else t("No data")
                              for c in maps.classify(frame["value"], bounds)]}
    table = pd.DataFrame({
        t("Commune"): frame["name"].to_numpy(),
        t("Value"): frame["value"].to_numpy(),
        **drawn,
    })
    return Table(table, {t("Value"): value_format(indicator)}, f"ban-do-{indicator.id}", title,
                 subtitle)
