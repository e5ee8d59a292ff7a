"""Command line: python -m grassroots <verb>."""

import argparse
import sys
from pathlib import Path

from grassroots import db, demo, geo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grassroots")
    verbs = parser.add_subparsers(dest="verb", required=True)
    init_demo = verbs.add_parser("init-demo", help="build the Bình Lục demo database")
    init_demo.add_argument("--db", type=Path, default=None, help="database file to create")
    init_demo.add_argument("--force", action="store_true", help="replace an existing file")
    verbs.add_parser("demo-data", help="regenerate the committed demo inputs in data/demo/")
    boundaries = verbs.add_parser(
        "boundaries", help="load commune boundaries (GeoJSON, zipped Shapefile, GeoPackage)")
    boundaries.add_argument("file", type=Path)
    boundaries.add_argument("--code-field", help="the field holding the commune code")
    boundaries.add_argument("--crs", help="the file's CRS when it does not say, e.g. EPSG:5897")
    boundaries.add_argument("--db", type=Path, default=None, help="database file")
    boundaries.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args(argv)

    if args.verb == "init-demo":
        path = args.db or db.default_path()
        if path.exists() and not args.force:
            print(f"Tệp {path} đã tồn tại; thêm --force để thay thế.", file=sys.stderr)
            return 1
        demo.build(path)
        print(f"Đã tạo cơ sở dữ liệu mẫu: {path}")
    elif args.verb == "demo-data":
        demo.generate()
        print(f"Đã sinh dữ liệu mẫu trong {demo.FOLDER}")
    elif args.verb == "boundaries":
        return load_boundaries(args)
    return 0


def load_boundaries(args) -> int:
    database = db.Database(args.db or db.default_path())
    try:
        frame = geo.read(args.file, args.crs)
        matched = geo.match(frame, database.run("units"), args.code_field)
    except geo.GeoError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 1
    print("\n".join(geo.report(matched, args.lang)))
    if matched.shapes.empty:
        return 1
    geo.store(database, matched, args.file)
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
