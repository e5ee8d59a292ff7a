"""The Bình Lục demo district: synthetic, seeded figures plausible against DOMAIN.md's reports.

`generate(folder)` writes the committed inputs of `data/demo/` (CSV files in the import
contract's format, generated approximate boundaries as GeoJSON). `build(path)` makes a database
from them. The numbers are invented; everything shown from them says "DỮ LIỆU MẪU".
"""

import json
import os
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from grassroots import contract, db, ingest, official

FOLDER = db.ROOT / "data" / "demo"
SEED = 352  # the district's code
FIRST_MONTH, LAST_MONTH = "2022-01", "2025-06"

# code, name, kind — the 15 communes of Bình Lục before 1 July 2025 (DOMAIN.md)
COMMUNES = (
    ("13501", "Bình Mỹ", "thị trấn"),
    ("13504", "Bình Nghĩa", "xã"),
    ("13510", "Tràng An", "xã"),
    ("13516", "Đồng Du", "xã"),
    ("13519", "Ngọc Lũ", "xã"),
    ("13525", "Đồn Xá", "xã"),
    ("13528", "An Ninh", "xã"),
    ("13531", "Bồ Đề", "xã"),
    ("13540", "Bình An", "xã"),
    ("13543", "Vũ Bản", "xã"),
    ("13546", "Trung Lương", "xã"),
    ("13552", "An Đổ", "xã"),
    ("13555", "La Sơn", "xã"),
    ("13558", "Tiêu Động", "xã"),
    ("13561", "An Lão", "xã"),
)
# Communes that are visibly behind on something, so the dashboard has a story to tell.
LATE_DOSSIERS = {"13558": 0.06, "13561": 0.035, "13543": 0.025}
SLOW_ONLINE = {"13555": -0.9, "13525": -0.5}
MISSED_LETTERS = {"13555": 0.86, "13546": 0.93, "13525": 0.97}
FEW_RECEPTIONS = {"13519", "13558"}
# Months a commune did not report, so "no data" shows: (file kind, commune, month)
NOT_REPORTED = {
    ("dossiers", "13561", "2025-05"), ("dossiers", "13561", "2025-06"),
    ("letters", "13540", "2024-11"), ("satisfaction", "13519", "2025-06"),
}

SETTINGS = {
    "parent_name": "Bình Lục",
    "parent_level": "district",
    "parent_code": "352",
    "province_name": "Hà Nam",
    "demo": "true",
    "source": "Dữ liệu mẫu tổng hợp, không phải số liệu thực",
}


def months(first: str = FIRST_MONTH, last: str = LAST_MONTH) -> list[pd.Period]:
    return list(pd.period_range(first, last, freq="M"))


def _rising(t: float, offset: float, low: float, high: float) -> float:
    """A logistic adoption curve over t in [0, 1], shifted by the commune's offset."""
    return low + (high - low) / (1 + np.exp(-(8 * t - 4 + offset)))


def _units(rng: np.random.Generator) -> pd.DataFrame:
    population = rng.integers(6_500, 14_000, len(COMMUNES))
    population[0] = 16_800  # the town is the largest
    return pd.DataFrame({
        "code": [c[0] for c in COMMUNES],
        "name": [c[1] for c in COMMUNES],
        "kind": [c[2] for c in COMMUNES],
        "population": population,
        "households": (population / rng.uniform(3.4, 3.9, len(COMMUNES))).round().astype(int),
        "area_km2": rng.uniform(6.5, 13.5, len(COMMUNES)).round(2),
        "villages": rng.integers(5, 11, len(COMMUNES)),
    })


def _dossiers(rng, units, months: list[pd.Period]) -> pd.DataFrame:
    rows = []
    span = len(months) - 1
    for unit in units.itertuples():
        pending = int(unit.population * 0.003)
        late_share = LATE_DOSSIERS.get(unit.code, rng.uniform(0.0, 0.006))
        online_offset = SLOW_ONLINE.get(unit.code, rng.normal(0.3, 0.3))
        for t, month in enumerate(months):
            carried = pending
            received = int(rng.poisson(unit.population * 0.032 * (0.8 if month.month == 2 else 1)))
            to_process = carried + received
            pending = int(to_process * rng.uniform(0.05, 0.09))
            overdue = int(rng.binomial(pending, late_share * 2))
            resolved = to_process - pending
            late = int(rng.binomial(resolved, late_share * (1.2 - 0.4 * t / span)))
            early = int(rng.binomial(resolved - late, rng.uniform(0.6, 0.85)))
            online = int(rng.binomial(received, _rising(t / span, online_offset, 0.25, 0.97)))
            with_fee = int(rng.binomial(received, 0.35))
            rows.append({
                "unit_code": unit.code, "unit_name": unit.name, "month": str(month),
                "carried_over": carried, "received": received,
                "resolved_early": early, "resolved_on_time": resolved - late - early,
                "resolved_late": late,
                "pending_in_time": pending - overdue, "pending_overdue": overdue,
                "online_full": online,
                "online_partial": int(rng.binomial(received - online, 0.5)),
                "with_fee": with_fee,
                "paid_online": int(rng.binomial(
                    with_fee, _rising(t / span, online_offset, 0.2, 0.92))),
                "digitised": int(rng.binomial(received, _rising(t / span, 0.0, 0.15, 0.95))),
            })
    return pd.DataFrame(rows)


def _letters(rng, units, months: list[pd.Period]) -> pd.DataFrame:
    rows = []
    for unit in units.itertuples():
        coverage = MISSED_LETTERS.get(unit.code, 1.0)
        for month in months:
            per_month = unit.population / 1000 / 12
            births = int(rng.poisson(per_month * 14.5))
            marriages = int(rng.poisson(per_month * 8 * (1.8 if month.month in (1, 11, 12) else 1)))
            deaths = int(rng.poisson(per_month * 6.8))
            rows.append({
                "unit_code": unit.code, "unit_name": unit.name, "month": str(month),
                "births": births, "birth_letters": int(rng.binomial(births, coverage)),
                "marriages": marriages, "marriage_letters": int(rng.binomial(marriages, coverage)),
                "deaths": deaths, "condolence_letters": int(rng.binomial(deaths, coverage)),
            })
    return pd.DataFrame(rows)


def _event(rng, unit, day: date, kind: str, chaired_by: str, visitors: tuple[int, int]) -> dict:
    participants = int(rng.integers(*visitors))
    received = int(rng.binomial(participants, 0.4 if kind != "dialogue" else 0.15))
    return {
        "unit_code": unit.code, "unit_name": unit.name, "held_on": day.strftime("%d/%m/%Y"),
        "kind": kind, "chaired_by": chaired_by, "participants": participants,
        "petitions_received": received,
        "petitions_resolved": int(rng.binomial(received, rng.uniform(0.75, 1.0))),
    }


def _engagements(rng, units, months: list[pd.Period]) -> pd.DataFrame:
    labels = {code: label for label, code in contract.ENGAGEMENT_KINDS.items()}
    rows = []
    for unit in units.itertuples():
        lax = unit.code in FEW_RECEPTIONS
        dialogue_months = {(y, int(rng.integers(3, 12))) for y in sorted({m.year for m in months})}
        for month in months:
            days = pd.date_range(month.start_time, month.end_time, freq="D").date
            weekdays = [d for d in days if d.weekday() < 5]
            thursdays = [d for d in days if d.weekday() == 3]
            saturdays = [d for d in days if d.weekday() == 5]
            secretary = 1 if lax and rng.random() < 0.4 else 2
            for day in sorted(rng.choice(weekdays, secretary, replace=False)):
                rows.append(_event(rng, unit, day, labels["secretary_reception"],
                                   "Bí thư Đảng ủy", (1, 9)))
            for day in thursdays:
                if rng.random() < (0.7 if lax else 0.97):
                    rows.append(_event(rng, unit, day, labels["chair_reception"],
                                       "Chủ tịch UBND", (1, 7)))
            rows.append(_event(rng, unit, saturdays[int(rng.integers(len(saturdays)))],
                               labels["saturday_with_people"], "Bí thư Đảng ủy", (20, 60)))
            if (month.year, month.month) in dialogue_months:
                rows.append(_event(rng, unit, weekdays[int(rng.integers(len(weekdays)))],
                                   labels["dialogue"], "Bí thư Đảng ủy", (60, 160)))
            if month.month in (4, 10):
                rows.append(_event(rng, unit, weekdays[int(rng.integers(len(weekdays)))],
                                   labels["voter_meeting"], "Chủ tịch UBND", (40, 120)))
    return pd.DataFrame(rows)


def _cadres(rng, units, years: tuple[int, ...] = (2021, 2022, 2023, 2024)) -> pd.DataFrame:
    rows = []
    for unit in units.itertuples():
        rate = rng.normal(0.77, 0.06)
        for year in years:
            total = int(rng.integers(20, 25))
            degree = min(total, round(total * min(rate + 0.03 * (year - 2021), 1.0)))
            postgraduate = min(int(rng.integers(0, 3)), degree)
            college = int(rng.integers(0, total - degree + 1))
            intermediate = int(rng.integers(0, total - degree - college + 1))
            advanced = int(rng.integers(1, 4))
            theory_intermediate = int(rng.integers(total // 2, total - advanced + 1))
            rows.append({
                "unit_code": unit.code, "unit_name": unit.name,
                "taken_on": date(year, 12, 31).strftime("%d/%m/%Y"), "total": total,
                "postgraduate": postgraduate, "university": degree - postgraduate,
                "college": college, "intermediate": intermediate,
                "other_education": total - degree - college - intermediate,
                "theory_advanced": advanced, "theory_intermediate": theory_intermediate,
                "theory_elementary": total - advanced - theory_intermediate,
            })
    return pd.DataFrame(rows)


def _satisfaction(rng, units, months: list[pd.Period]) -> pd.DataFrame:
    rows = []
    for unit in units.itertuples():
        share = rng.uniform(0.84, 0.98)
        for month in months:
            surveys = int(rng.integers(20, 60))
            rows.append({
                "unit_code": unit.code, "unit_name": unit.name, "month": str(month),
                "surveys": surveys, "satisfied": int(rng.binomial(surveys, share)),
            })
    return pd.DataFrame(rows)


def _boundaries(rng) -> dict:
    """Voronoi cells around seeded commune positions inside one wobbly district outline, relaxed
    twice (Lloyd) so cells have commune-like sizes. Approximate by construction."""
    angles = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    radius = 1 + 0.12 * np.sin(3 * angles + 0.7) + rng.uniform(-0.04, 0.04, angles.size)
    outline = shapely.Polygon(np.column_stack([
        105.985 + 0.085 * radius * np.cos(angles), 20.505 + 0.06 * radius * np.sin(angles),
    ]))
    points = shapely.points(np.column_stack([
        rng.uniform(105.90, 106.07, 200), rng.uniform(20.445, 20.565, 200),
    ]))
    seeds = [p for p in points if outline.contains(p)][: len(COMMUNES)]
    for _ in range(3):
        cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=outline)
        ordered = [next(c for c in cells.geoms if c.contains(s)) for s in seeds]
        clipped = [c.intersection(outline) for c in ordered]
        seeds = [c.centroid for c in clipped]
    features = [
        {
            "type": "Feature",
            "properties": {"code": code, "name": name, "approximate": True},
            "geometry": json.loads(shapely.to_geojson(shapely.set_precision(cell, 1e-5))),
        }
        for (code, name, _), cell in zip(COMMUNES, clipped)
    ]
    return {"type": "FeatureCollection", "features": features}


def _to_contract(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rename database columns to the contract's Vietnamese headers, in the contract's order."""
    headers = contract.KINDS[kind].headers
    frame = frame[list(headers)].rename(columns=headers)
    gaps = [(c, m) for k, c, m in NOT_REPORTED if k == kind]
    if gaps:
        key = list(zip(frame["Mã xã"], frame["Tháng"]))
        frame = frame[[k not in gaps for k in key]]
    return frame


PROVINCE = {
    "parent_name": "Ninh Bình",
    "parent_level": "province",
    "province_name": "Ninh Bình",
    "default_area": "352",  # the former Bình Lục district: the district leadership's view
    "demo": "true",
    "source": SETTINGS["source"],
}
TODAY_FIRST, TODAY_LAST = "2025-07", "2026-10"  # today's communes report from their first month


def _synthetic(rng, units: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Population, households and villages (invented) for units of the official lists, whose
    names, kinds and areas are real; `scale` for communes made of several."""
    population = (rng.integers(6_500, 14_000, len(units)) * scale).astype(int)
    return units[["code", "name", "kind", "area_km2"]].assign(
        population=population,
        households=(population / rng.uniform(3.4, 3.9, len(units))).round().astype(int),
        villages=(rng.integers(5, 11, len(units)) * scale).astype(int))


def generate_province(folder: Path) -> None:
    """The inputs of the Ninh Bình demo: the district demo's figures for Bình Lục's 15 former
    communes (data/demo/), invented ones for the province's other former communes up to 06/2025
    and for its 129 communes of today from 07/2025 to 10/2026, and today's communes' population.
    Seeded: the same files every time."""
    rng = np.random.default_rng(SEED + 1)
    folder.mkdir(parents=True, exist_ok=True)
    made, _ = official.lineage(official.province(PROVINCE["province_name"]))
    district = {c[0] for c in COMMUNES}
    before = _synthetic(rng, made[made["valid_to"].notna() & ~made["code"].isin(district)], 1)
    today = _synthetic(rng, made[made["valid_to"].isna()], 3)
    history, now = months(), months(TODAY_FIRST, TODAY_LAST)
    frames = {
        "units": today,
        "dossiers": pd.concat([_dossiers(rng, before, history), _dossiers(rng, today, now)]),
        "letters": pd.concat([_letters(rng, before, history), _letters(rng, today, now)]),
        "engagements": pd.concat([_engagements(rng, before, history),
                                  _engagements(rng, today, now)]),
        "cadres": pd.concat([_cadres(rng, before), _cadres(rng, today, (2025,))]),
        "satisfaction": pd.concat([_satisfaction(rng, before, history),
                                   _satisfaction(rng, today, now)]),
    }
    for kind, frame in frames.items():
        committed = FOLDER / f"{kind}.csv"
        rows = _to_contract(kind, frame)
        if kind != "units":
            rows = pd.concat([pd.read_csv(committed, dtype={"Mã xã": str}), rows])
        rows.to_csv(folder / f"{kind}.csv", index=False, lineterminator="\n")


def dossier_records(count: int, seed: int = SEED, last: str = LAST_MONTH) -> pd.DataFrame:
    """`count` raw one-stop dossiers of the demo communes, received over the year up to
    `last`, in the contract's headers: most returned early, some on the day, a few late, and
    the latest still open. For tests and benchmarks of the records import; not in the demo."""
    rng = np.random.default_rng(seed)
    end = pd.Period(last, freq="M").end_time.normalize()
    received = end - pd.to_timedelta(rng.integers(0, 365, count), unit="D")
    due = received + pd.to_timedelta(rng.integers(1, 15, count), unit="D")
    took = (due - received).days.to_numpy() + rng.choice([-3, -1, 0, 2], count,
                                                         p=[0.6, 0.25, 0.1, 0.05])
    returned = received + pd.to_timedelta(np.maximum(took, 0), unit="D")
    open_ = returned > end
    channel = rng.choice(["Trực tuyến toàn trình", "Trực tuyến một phần", "Trực tiếp"], count,
                         p=[0.55, 0.25, 0.2])
    fee = rng.random(count) < 0.4
    codes = np.array([c[0] for c in COMMUNES])[rng.integers(0, len(COMMUNES), count)]
    names = dict((c[0], c[1]) for c in COMMUNES)

    def day(values) -> pd.Series:
        return pd.Series(values).dt.strftime("%d/%m/%Y")

    return pd.DataFrame({
        "Mã hồ sơ": [f"H{seed}.{i:08d}" for i in range(count)],
        "Mã xã": codes,
        "Tên xã": pd.Series(codes).map(names),
        "Ngày tiếp nhận": day(received),
        "Ngày hẹn trả": day(due),
        "Ngày trả kết quả": day(returned).where(~open_, ""),
        "Hình thức nộp": channel,
        "Có phí": np.where(fee, "Có", "Không"),
        "Thanh toán trực tuyến": np.where(fee & (rng.random(count) < 0.85), "Có", "Không"),
        "Đã số hóa": np.where(rng.random(count) < 0.9, "Có", "Không"),
    })


def generate(folder: Path = FOLDER) -> None:
    rng = np.random.default_rng(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    units = _units(rng)
    frames = {
        "units": units,
        "dossiers": _dossiers(rng, units, months()),
        "letters": _letters(rng, units, months()),
        "engagements": _engagements(rng, units, months()),
        "cadres": _cadres(rng, units),
        "satisfaction": _satisfaction(rng, units, months()),
    }
    for kind, frame in frames.items():
        _to_contract(kind, frame).to_csv(folder / f"{kind}.csv", index=False, lineterminator="\n")
    (folder / "boundaries.geojson").write_text(
        json.dumps(_boundaries(rng), ensure_ascii=False), encoding="utf-8")
    (folder / "settings.json").write_text(
        json.dumps(SETTINGS, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load(con: duckdb.DuckDBPyConnection, folder: Path = FOLDER) -> None:
    """Import the demo inputs of `folder` through the same checks as any file, into an open
    write: its CSV files, and its boundaries and settings when it has them."""
    for kind in contract.KINDS:
        path = folder / f"{kind}.csv"
        if not path.exists():
            continue
        units = con.execute(db.query_text("unit_history")).df()
        checked = ingest.check(path, units, kind=kind)
        if not checked.ok:
            raise ValueError("\n".join(checked.messages("en")))
        ingest.apply(con, checked, "demo")
    if (folder / "boundaries.geojson").exists():
        boundaries = json.loads((folder / "boundaries.geojson").read_text(encoding="utf-8"))
        for feature in boundaries["features"]:
            con.execute("INSERT INTO boundaries VALUES (?, ?, true, ?)", [
                feature["properties"]["code"], json.dumps(feature["geometry"]),
                "boundaries.geojson",
            ])
    if (folder / "settings.json").exists():
        settings = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
        con.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", list(settings.items()))


def _atomically(path: Path, fill) -> None:
    """Make a database at `path` with `fill(database)`, built beside it, then moved into place,
    so a crash half-way leaves no half-built file where the dashboard looks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.building")
    partial.unlink(missing_ok=True)
    database = db.Database(partial)
    fill(database)
    database.close()
    os.replace(partial, path)


def build(path: Path, folder: Path = FOLDER) -> None:
    """Make the Bình Lục district demo database at `path` from `folder`'s inputs."""
    def fill(database: db.Database) -> None:
        with database.write() as con:
            load(con, folder)

    _atomically(path, fill)


def build_province(path: Path) -> None:
    """Make the Ninh Bình demo database at `path`: the province's communes of today and those
    they were made from, their real boundaries (official.build), and generate_province's
    figures."""
    def fill(database: db.Database) -> None:
        official.build(database, official.province(PROVINCE["province_name"]), PROVINCE,
                       "data/units")
        with tempfile.TemporaryDirectory() as folder, database.write() as con:
            generate_province(Path(folder))
            load(con, Path(folder))

    _atomically(path, fill)
