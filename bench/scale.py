"""Synthetic databases at three scales, for benchmarks: a district (the demo's 15 communes), a
province (Ninh Bình, 129 communes) and the country (3,321 communes), each with ten years of
monthly figures for every family, engagements as events, yearly cadre snapshots, the real
boundaries from ../shared/geo/, and optionally raw dossier records in Parquet.

Figures are drawn in SQL from a hash of (commune, month, what): reproducible, and fast enough
to make the national database in under a minute.

    .venv/bin/python bench/scale.py national data/bench [--records 50000000]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grassroots import db, demo, geo  # noqa: E402

SHARED = db.ROOT.parent / "shared" / "geo"
SCALES = {
    "district": None,
    "province": (SHARED / "ninh_binh_communes.geojson", "Ninh Bình"),
    "national": (SHARED / "vietnam_communes_simplified.geojson", "Việt Nam"),
}
FIRST, LAST = "2016-01-01", "2025-12-01"  # ten years of months

# u(code, month, salt): a uniform number in [0, 1) that is always the same for its arguments.
MONTHS = f"""
CREATE OR REPLACE TEMP MACRO u(a, b, c) AS (hash(a, b, c) % 100000) / 100000.0;
CREATE OR REPLACE TEMP TABLE grid AS
SELECT code AS unit_code, unnest(generate_series(DATE '{FIRST}', DATE '{LAST}',
                                                 INTERVAL 1 MONTH))::DATE AS month
FROM units;
"""
FIGURES = """
INSERT INTO dossier_stats BY NAME
SELECT unit_code, month, carried_over, received,
       round(resolved * (0.6 + 0.3 * u(unit_code, month, 'e')))::INT AS resolved_early,
       resolved - round(resolved * (0.6 + 0.3 * u(unit_code, month, 'e')))::INT
           - round(resolved * 0.03 * u(unit_code, month, 'l'))::INT AS resolved_on_time,
       round(resolved * 0.03 * u(unit_code, month, 'l'))::INT AS resolved_late,
       pending AS pending_in_time, 0 AS pending_overdue,
       round(received * (0.3 + 0.6 * u(unit_code, month, 'o')))::INT AS online_full,
       round(received * 0.05)::INT AS online_partial,
       round(received * 0.4)::INT AS with_fee,
       round(received * 0.4 * (0.6 + 0.4 * u(unit_code, month, 'p')))::INT AS paid_online,
       round(received * (0.7 + 0.3 * u(unit_code, month, 'd')))::INT AS digitised
FROM (SELECT *, received + carried_over - pending AS resolved FROM (
    SELECT unit_code, month, 5 AS carried_over, 5 AS pending,
           (60 + 400 * u(unit_code, month, 'r'))::INT AS received FROM grid));

INSERT INTO letters BY NAME
SELECT unit_code, month, births, births - (u(unit_code, month, 'b') < 0.1)::INT AS birth_letters,
       marriages, marriages AS marriage_letters, deaths,
       deaths - (u(unit_code, month, 'c') < 0.1)::INT AS condolence_letters
FROM (SELECT unit_code, month, (2 + 20 * u(unit_code, month, 's'))::INT AS births,
             (1 + 8 * u(unit_code, month, 'm'))::INT AS marriages,
             (1 + 10 * u(unit_code, month, 'k'))::INT AS deaths FROM grid);

INSERT INTO satisfaction BY NAME
SELECT unit_code, month, surveys,
       round(surveys * (0.75 + 0.24 * u(unit_code, month, 'h')))::INT AS satisfied
FROM (SELECT unit_code, month, (20 + 40 * u(unit_code, month, 'v'))::INT AS surveys FROM grid);

INSERT INTO cadre_snapshots BY NAME
SELECT unit_code, (month + INTERVAL 11 MONTH + INTERVAL 30 DAY)::DATE AS taken_on, total,
       0 AS postgraduate, university, total - university AS college, 0 AS intermediate,
       0 AS other_education, 1 AS theory_advanced, total - 2 AS theory_intermediate,
       1 AS theory_elementary
FROM (SELECT unit_code, month, 20 + (10 * u(unit_code, month, 't'))::INT AS total,
             round((20 + (10 * u(unit_code, month, 't'))::INT)
                   * (0.7 + 0.3 * u(unit_code, month, 'g')))::INT AS university
      FROM grid WHERE month(month) = 1);

-- Events: the secretary receives citizens twice a month, the chair weekly, a Saturday session
-- monthly, voter meetings in April and October, a dialogue conference each June.
INSERT INTO engagements BY NAME
SELECT unit_code, (month + to_days(day - 1))::DATE AS held_on, kind,
       NULL AS chaired_by, (5 + 40 * u(unit_code, month, kind || day))::INT AS participants,
       petitions AS petitions_received,
       petitions - (u(unit_code, month, 'x' || day) < 0.2)::INT AS petitions_resolved
FROM (SELECT *, 1 + (5 * u(unit_code, month, 'q' || day))::INT AS petitions
      FROM grid CROSS JOIN (VALUES
          ('secretary_reception', 5, 0), ('secretary_reception', 19, 0),
          ('chair_reception', 3, 0), ('chair_reception', 10, 0), ('chair_reception', 17, 0),
          ('chair_reception', 24, 0), ('saturday_with_people', 13, 0),
          ('voter_meeting', 8, 4), ('voter_meeting', 8, 10), ('dialogue', 20, 6)
      ) AS events(kind, day, only_in)
      WHERE only_in = 0 OR month(month) = only_in);
"""
RECORDS = """
COPY (
    SELECT 'R' || i AS dossier_id, codes[1 + (hash(i, 'u') % len(codes))::INT] AS unit_code,
           received_on, (received_on + to_days(1 + (hash(i, 'd') % 14)::INT))::DATE AS due_on,
           CASE WHEN hash(i, 'o') % 50 = 0 THEN NULL
                ELSE (received_on + to_days((hash(i, 't') % 16)::INT))::DATE END AS returned_on,
           ['online_full', 'online_partial', 'counter'][1 + (hash(i, 'c') % 3)::INT] AS channel,
           hash(i, 'f') % 10 < 4 AS has_fee, hash(i, 'f') % 10 < 3 AS paid_online,
           hash(i, 'z') % 10 < 9 AS digitised
    FROM (SELECT i, (DATE '2016-01-01' + to_days((hash(i, 'r') % 3650)::INT))::DATE
                 AS received_on FROM range($count) AS t(i)),
         (SELECT list(code ORDER BY code) AS codes FROM units)
) TO '{path}' (FORMAT parquet, COMPRESSION zstd)
"""
SETTINGS = {"demo": "true", "source": "Số liệu tổng hợp để đo hiệu năng, không phải số liệu thực"}


def make(scale: str, folder: Path, records: int = 0) -> Path:
    """The database of `scale` in `folder` (and, with `records`, that many raw dossier records
    in dossier_records.parquet beside it). Returns the database's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{scale}.duckdb"
    path.unlink(missing_ok=True)
    database = db.Database(path)
    if SCALES[scale] is None:
        with database.write() as con:
            demo.load(con)
            con.execute("DELETE FROM dossier_stats; DELETE FROM letters; DELETE FROM satisfaction;"
                        "DELETE FROM engagements; DELETE FROM cadre_snapshots;")
            con.execute(MONTHS + FIGURES)
    else:
        source, parent = SCALES[scale]
        frame = geo.read(source)
        communes = frame[["code", "name"]].assign(  # noqa: F841 - read by DuckDB
            kind=frame["full_name"].str.split().str[0].str.lower())
        with database.write() as con:
            con.execute("INSERT INTO units (code, name, kind) SELECT * FROM communes")
            con.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", [
                ["parent_name", parent], ["parent_level", "province"], *SETTINGS.items()])
            con.execute(MONTHS + FIGURES)
        geo.store(database, geo.match(frame, database.run("units")), source, "bench")
    if records:
        with database.cursor() as cur:
            cur.execute(RECORDS.format(path=folder / "dossier_records.parquet"),
                        {"count": records})
    database.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scale", choices=SCALES)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--records", type=int, default=0, help="raw dossier records (Parquet)")
    args = parser.parse_args()
    started = time.perf_counter()
    path = make(args.scale, args.folder, args.records)
    print(f"{path}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
