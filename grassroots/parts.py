"""The indicator_parts view, written from the catalogue into grassroots/derived/, where the
database runs it with the other derived SQL (db.migrate).

Each indicator's parts are SQL expressions over a row of its source, so the view spells them
out, one SELECT per indicator: a view reading the formulas from a table would have to evaluate
them generically, five to ten times slower, and DuckDB could no longer leave out the sources
that a query's indicators do not read. After changing an indicator's source, formula or window,
write the file again (tests/test_db.py fails until it is):

    .venv/bin/python -m grassroots.parts
"""

from grassroots import catalog
from grassroots.db import DERIVED

PATH = DERIVED / "0_indicator_parts.sql"

HEADER = """\
-- indicator_parts: the parts of every indicator of the catalogue (grassroots/catalog.py), one row
-- per indicator, commune and month of its source where the row has every measure of both parts
-- (a file without a measure leaves it NULL: the indicators made from it have no data there, and
-- their other parts do not count either). A stock indicator counts a commune's latest snapshot
-- up to a period's end; one with window_months, the months of that window up to it.
-- Written from the catalogue by `python -m grassroots.parts`, not by hand.
"""


def _select(indicator: catalog.Indicator) -> str:
    month = catalog.SOURCES[indicator.source]
    return (
        f"SELECT '{indicator.id}' AS indicator, unit_code, "
        f"{month if month == 'month' else f'{month} AS month'},\n"
        f"    {str(indicator.stock).lower()} AS stock, "
        f"{indicator.window or 'NULL'} AS window_months,\n"
        f"    CAST({' + '.join(indicator.numerator)} AS DOUBLE) AS num,\n"
        f"    CAST({' + '.join(indicator.denominator)} AS DOUBLE) AS den\n"
        f"FROM {indicator.source}\n"
        "WHERE num IS NOT NULL AND den IS NOT NULL"
    )


def text() -> str:
    """The file's text, as the catalogue makes it."""
    selects = "\nUNION ALL\n".join(_select(i) for i in catalog.INDICATORS)
    return f"{HEADER}CREATE OR REPLACE VIEW indicator_parts AS\n{selects};\n"


if __name__ == "__main__":
    PATH.write_text(text(), encoding="utf-8")
