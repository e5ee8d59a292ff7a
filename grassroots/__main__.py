"""Command line: python -m grassroots <verb>."""

import argparse
import sys
from pathlib import Path

from grassroots import db, demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grassroots")
    verbs = parser.add_subparsers(dest="verb", required=True)
    init_demo = verbs.add_parser("init-demo", help="build the Bình Lục demo database")
    init_demo.add_argument("--db", type=Path, default=None, help="database file to create")
    init_demo.add_argument("--force", action="store_true", help="replace an existing file")
    verbs.add_parser("demo-data", help="regenerate the committed demo inputs in data/demo/")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
