"""Import benchmark: N raw one-stop dossier records (CSV, the demo's 15 communes; 1,000,000 by
default) imported by `python -m grassroots import` into a copy of the demo database — read,
checked, rolled up by month and written — with its wall time and peak memory. The baseline, in
the same run, is DuckDB loading the same file with no checks at all (read_csv into the table).
A fifth as many records (at most 200,000) in an Excel file are imported too. Then a small file
(the demo's letters of one month, 15 rows) is imported into the database that holds the N
records, and into the demo without them: what a write costs as the database grows.

Run from the project root: .venv/bin/python bench/imports.py [--records N]
Targets: ≤ 30 s and ≤ 1 GB peak for 1,000,000 records (issue 5); ≤ 1 GB peak for 10,000,000,
and a small import's time that does not grow with the database (issue 18).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from grassroots import db, demo  # noqa: E402

# Peak memory is the child's VmHWM: ru_maxrss would count the parent's memory at fork time.
CHILD = """
import re, sys, time
started = time.perf_counter()
{body}
status = open("/proc/self/status").read()
print(time.perf_counter() - started, re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
"""
IMPORT = """
from grassroots import __main__ as cli
status = cli.main(["import", sys.argv[1], "--db", sys.argv[2]])
assert status == 0, status
"""
BASELINE = """
import duckdb
con = duckdb.connect(sys.argv[2])
con.execute('''
    INSERT INTO dossier_records BY NAME
    SELECT "Mã hồ sơ" AS dossier_id, "Mã xã" AS unit_code,
        strptime("Ngày tiếp nhận", '%d/%m/%Y')::DATE AS received_on,
        strptime("Ngày hẹn trả", '%d/%m/%Y')::DATE AS due_on,
        try_strptime("Ngày trả kết quả", '%d/%m/%Y')::DATE AS returned_on,
        "Hình thức nộp" AS channel, "Có phí" = 'Có' AS has_fee,
        "Thanh toán trực tuyến" = 'Có' AS paid_online, "Đã số hóa" = 'Có' AS digitised
    FROM read_csv(?, header = true, all_varchar = true)''', [sys.argv[1]])
con.close()
"""


def measure(body: str, source: Path, database: Path) -> tuple[float, float]:
    """Seconds and peak MB of a fresh Python process running `body`."""
    out = subprocess.run([sys.executable, "-c", CHILD.format(body=body), str(source),
                          str(database)], cwd=db.ROOT, check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[-2]), int(out[-1]) / 1024


def write_records(path: Path, count: int, chunk: int = 1_000_000) -> None:
    """`count` records in a CSV, made a million at a time (each its own seed: distinct ids)."""
    for number, start in enumerate(range(0, count, chunk)):
        demo.dossier_records(min(chunk, count - start), seed=demo.SEED + number).to_csv(
            path, index=False, mode="a" if number else "w", header=not number)


def small_file(folder: Path) -> Path:
    """The demo's letters of its last month, one more birth and letter each: 15 rows."""
    letters = pd.read_csv(demo.FOLDER / "letters.csv", dtype={"Mã xã": str})
    last = letters[letters["Tháng"] == letters["Tháng"].iloc[-1]]
    more = ["Đăng ký khai sinh", "Thư chúc mừng khai sinh"]
    path = folder / "thu-mot-thang.csv"
    last.assign(**{c: last[c] + 1 for c in more}).to_csv(path, index=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    count = parser.parse_args().records
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "mot-cua.csv"
        write_records(source, count)
        base = folder / "demo.duckdb"
        demo.build(base)
        print(f"{count:,} dossier records, {source.stat().st_size / 1e6:.0f} MB of CSV; "
              f"{os.cpu_count()} cores")
        workbook = folder / "mot-cua.xlsx"
        demo.dossier_records(min(count // 5, 200_000)).to_excel(workbook, index=False)
        small, grown = small_file(folder), folder / "grown.duckdb"
        results = {}
        for name, body, path, database in (
                ("baseline: DuckDB read_csv, no checks", BASELINE, source, None),
                ("python -m grassroots import", IMPORT, source, grown),
                (f"the same, {min(count // 5, 200_000):,} records in .xlsx", IMPORT, workbook,
                 None),
                ("15 rows, into the demo", IMPORT, small, None),
                (f"15 rows, after the {count:,} records", IMPORT, small, grown)):
            if database is None:
                database = folder / "run.duckdb"
                shutil.copyfile(base, database)
            elif not database.exists():
                shutil.copyfile(base, database)
            results[name] = measure(body, path, database)
            seconds, peak = results[name]
            print(f"{name:45s} {seconds:6.1f} s   peak {peak:6.0f} MB")
        print(f"database with the records: {grown.stat().st_size / 1e6:.0f} MB")
        baseline, ours = list(results.values())[:2]
        print(f"import / baseline: {ours[0] / baseline[0]:.1f}× the time")
        print(f"≤ 1 GB peak: {'met' if ours[1] <= 1024 else 'MISSED'}")


if __name__ == "__main__":
    main()
