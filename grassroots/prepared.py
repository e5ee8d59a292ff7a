"""The views a meeting opens first, made before anyone asks for them.

A first view costs 100–250 ms at province scale (figures, then charts); made, it is a lookup in
the memo of made values (db.per_version). So as soon as a process sees new data (its start, or a
write by a session or by the command line), a thread of its own makes them: for the communes a
reader sees first (every commune, or the database's default area), in Vietnamese, every page's
panels as the page opens and every indicator's ranking, map and trend; for the quarter a meeting
opens on, the quarter before it, the newest month and the quarter's year, in that order, until
they weigh half of the memo's budget (nationally, 15 views: its values weigh megabytes, and
other views soon push them out). A reader who asks for a view while it is being made waits for
it (memo.Memo): nothing is made twice."""

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from streamlit.logger import get_logger

from grassroots import catalog, db, figures, maps, memo, panels, periods, rules
from grassroots.periods import Period

LANG = "vi"
BUDGET = db.MADE_BUDGET // 2
EVERY = 5.0  # seconds between looks at the database file for new data
log = get_logger(__name__)


def first_periods(database: db.Database) -> list[Period]:
    """The periods a meeting opens first, most likely first."""
    months = figures.period_choices(database, "month")
    if not months:
        return []
    quarter = periods.meeting_quarter(months)
    wanted = [quarter, quarter.previous(), months[0], quarter.as_kind("year")]
    return [p for p in dict.fromkeys(wanted) if p.end >= months[-1].start]


def views(lens: db.Lens, period: Period, lang: str) -> Iterator[Callable[[], object]]:
    """Every panel of every page as it opens on `period` (each widget at its default), and each
    indicator's ranking, map and trend: the Overview's first, the score page's last."""
    units = figures.units(lens).set_index("code")
    compared = figures.first_compared(units)
    names = tuple(units.loc[compared, "name"])
    targeted = panels.targeted(lens, period)
    yield lambda: panels.tiles(lens, period, lang)
    yield lambda: panels.attention(lens, period, lang)
    yield lambda: panels.completeness(lens, period, lang)
    yield lambda: panels.scorecard(lens, period, panels.SCORECARD[0].id, lang)
    for indicator in catalog.INDICATORS:
        yield lambda i=indicator: panels.ranking(lens, i, period, lang)
        yield lambda i=indicator: panels.choropleth(
            lens, i, period, maps.methods(i.id in targeted)[0], maps.CLASSES, lang)
        yield lambda i=indicator: panels.trend(lens, i, period, lang)
    for kind in rules.load(lens, period.last_day)["kind"]:
        yield lambda k=kind: panels.compliance(lens, period, k, lang)
    if units.empty:
        return
    yield lambda: panels.profile(lens, figures.by_name(units)[0], period, lang, True)
    yield lambda: panels.compare_bars(lens, period, names, lang)
    yield lambda: panels.trend(lens, catalog.BY_ID[catalog.SCORECARD[0]], period, lang,
                               tuple(compared))
    yield lambda: panels.score_profile(lens, period, names, lang)
    yield lambda: panels.composite(lens, period, lang)
    yield lambda: panels.rank_changes(lens, period, lang)


def prepare(database: db.Database) -> int:
    """Make the first views of the data as it is now, within BUDGET; stop if it changes.
    Returns how many views were made."""
    version = database.data_version()
    lens = database.looking_at(database.today(), database.settings().get("default_area") or None)
    made = held = 0
    for period in first_periods(database):
        for view in views(lens, period, LANG):
            if held > BUDGET or database.data_version() != version:
                return made
            held += memo.weight(view())
            made += 1
    return made


def watch(path: Path) -> None:
    """Start a thread that prepares the first views of the database at `path` now (once the file
    exists) and whenever its data changes, for the life of the process."""
    def loop() -> None:
        database, seen = None, None
        while True:
            if database is None and path.exists():
                database = db.shared(path)
            version = database and database.data_version()
            if version != seen:
                seen, started = version, time.perf_counter()
                try:
                    made = prepare(database)
                    log.info("Prepared %d views of %s in %.1f s", made, path.name,
                             time.perf_counter() - started)
                except Exception:  # logged; the reader who opens the view sees the error
                    log.exception("Preparing the first views of %s failed", path.name)
            time.sleep(EVERY)

    threading.Thread(target=loop, name="prepared", daemon=True).start()
