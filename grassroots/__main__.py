"""Command line: python -m grassroots <verb>. Exit status 0 on success, 1 when refused (the
reasons on stderr), 2 on a usage error.

The briefing, backups and boundaries bring in PowerPoint, PDF and GIS libraries, a second of
loading: their verbs import them, so a nightly import does not wait for them."""

import argparse
import getpass
import sys
from pathlib import Path

import pandas as pd

from grassroots import (
    access,
    catalog,
    contract,
    db,
    demo,
    figures,
    i18n,
    import_views,
    ingest,
    official,
    periods,
)
from grassroots.i18n import N_


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m grassroots")
    verbs = parser.add_subparsers(dest="verb", required=True)

    def verb(name: str, help: str) -> argparse.ArgumentParser:
        sub = verbs.add_parser(name, help=help)
        sub.add_argument("--db", type=Path, default=None,
                         help="database file (default: $DASHBOARD_DB or build/dashboard.duckdb)")
        sub.add_argument("--lang", choices=i18n.LANGS, default="vi")
        return sub

    init_demo = verb("init-demo", "build the demo database: Ninh Bình province today, its "
                     "history back to 2022")
    init_demo.add_argument("--force", action="store_true", help="replace an existing file")
    init_demo.add_argument("--district", action="store_true",
                           help="the smaller demo: Bình Lục district as it was, to 06/2025")
    init = verb("init", "make a database for a province of today (its communes, those they "
                "were made from, real boundaries), a district as it was before 1/7/2025, or "
                "any unit without communes")
    init.add_argument("--province", default="", help='a province of today, e.g. "Ninh Bình"; '
                      "with --former-district, the district's province then, e.g. \"Hà Nam\"")
    init.add_argument("--former-district", help='a district before 1/7/2025, e.g. "Bình Lục"')
    init.add_argument("--parent", help='the name of a unit to fill by hand, e.g. "Bình Lục"')
    init.add_argument("--level", choices=("district", "province"), help="with --parent")
    init.add_argument("--code", default="", help="with --parent: its official code, e.g. 352")
    init.add_argument("--source", default="", help='the source line of charts, e.g. "Báo cáo '
                      'của UBND các xã"')
    verbs.add_parser("demo-data", help="regenerate the committed demo inputs in data/demo/")
    imports = verb("import", "check and import Excel or CSV files (DOMAIN.md contract)")
    imports.add_argument("files", type=Path, nargs="+")
    imports.add_argument("--kind", choices=list(contract.KINDS),
                         help="the kind of every file, instead of telling it from the headers")
    imports.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    verb("history", "list the imports, newest first")
    undo = verb("undo", "undo an import: put back the rows it replaced")
    undo.add_argument("id", type=int)
    values = verb("values", "every commune's value for a period: the figures the pages show")
    values.add_argument("--period", required=True,
                        help="2024-Q4, 2024-H2, 2024, 2024-12 or 2024-01..2024-06")
    values.add_argument("--indicator", choices=[i.id for i in catalog.INDICATORS],
                        help="one indicator (default: every one)")
    values.add_argument("--units", choices=("current", "as-was"), default="current",
                        help="today's communes, their predecessors' figures added (default), "
                        "or the communes in force at the period's end")
    values.add_argument("--format", choices=("csv", "json"), default="csv")
    brief = verb("briefing", "make the briefing pack (PowerPoint or PDF) for a period")
    brief.add_argument("--period", required=True,
                       help="2024-Q4, 2024-H2, 2024, 2024-12 or 2024-01..2024-06")
    brief.add_argument("--out", type=Path, required=True, help="deck.pptx or deck.pdf")
    brief.add_argument("--sections", help="comma-separated (default: every section)")
    brief.add_argument("--no-maps", action="store_true", help="leave the maps out")
    users = verb("users", "accounts: add, remove, passwd, list; open sessions, and sign an "
                 "account out everywhere (signout)")
    users.add_argument("action", choices=("add", "remove", "passwd", "list", "sessions",
                                          "signout"))
    users.add_argument("name", nargs="?")
    users.add_argument("--role", choices=access.ROLES, default="viewer")
    users.add_argument("--commune", help="a viewer who sees only this commune, or the commune "
                       "a reporter sends the figures of (its code)")
    users.add_argument("--password-stdin", action="store_true",
                       help="read the password from standard input instead of asking")
    backup_verb = verb("backup", "a consistent copy of the database, while the app runs")
    backup_verb.add_argument("folder", type=Path)
    restore_verb = verb("restore", "put back a backup made by `backup`")
    restore_verb.add_argument("folder", type=Path)
    boundaries = verb("boundaries", "load commune boundaries (GeoJSON, zipped Shapefile, "
                      "GeoPackage)")
    boundaries.add_argument("file", type=Path)
    boundaries.add_argument("--code-field", help="the field holding the commune code")
    boundaries.add_argument("--crs", help="the file's CRS when it does not say, e.g. EPSG:5897")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    path = getattr(args, "db", None) or db.default_path()
    if args.verb == "init-demo":
        if path.exists() and not args.force:
            print(i18n.t("{path} exists already; add --force to replace it.", args.lang,
                         path=path), file=sys.stderr)
            return 1
        (demo.build if args.district else demo.build_province)(path)
        print(i18n.t("Made the demo database: {path}", args.lang, path=path))
    elif args.verb == "init":
        return init(parser, path, args)
    elif args.verb == "demo-data":
        demo.generate()
        print(i18n.t("Made the demo's files in {folder}", args.lang, folder=demo.FOLDER))
    elif args.verb == "import":
        missing = [str(f) for f in args.files if not f.is_file()]
        if missing:
            parser.error(f"no such file: {', '.join(missing)}")
        return import_files(db.Database(path), args)
    elif args.verb == "history":
        log = import_views.history(db.Database(path), args.lang)
        print(log.to_string(index=False) if len(log) else i18n.t("No imports yet.", args.lang))
    elif args.verb == "undo":
        try:
            removed, restored = ingest.undo(db.Database(path), args.id)
        except ingest.Refused as refused:
            print(refused.problem.sentence(args.lang), file=sys.stderr)
            return 1
        print(i18n.t("Import #{id} undone: {removed} rows removed, {restored} old rows put back.",
                     args.lang, id=args.id, removed=i18n.number(removed, args.lang),
                     restored=i18n.number(restored, args.lang)))
    elif args.verb == "boundaries":
        return load_boundaries(db.Database(path), args)
    elif args.verb == "values":
        return print_values(parser, db.Database(path), args)
    elif args.verb == "briefing":
        return make_briefing(parser, db.Database(path), args)
    elif args.verb == "users":
        return manage_users(parser, db.Database(path), args)
    elif args.verb == "backup":
        from grassroots import backup
        print(i18n.t("Backed up to {folder}.", args.lang, folder=backup.backup(db.Database(path),
                                                                     args.folder)))
    elif args.verb == "restore":
        from grassroots import backup
        try:
            manifest = backup.restore(db.Database(path), args.folder)
        except backup.BackupError as refused:
            print(refused.text(args.lang), file=sys.stderr)
            return 1
        print(i18n.t("Restored the backup {folder} (made at {made}); {tables} tables match their "
                     "checksums.", args.lang, folder=args.folder,
                     tables=len(manifest["tables"]), made=manifest["made_at"]))
    return 0


def init(parser: argparse.ArgumentParser, path: Path, args) -> int:
    """A new database: a province of today or a district as it was, from the official lists,
    or a unit to fill by hand (--parent, --level)."""
    if path.exists():
        print(i18n.t("{path} exists already.", args.lang, path=path), file=sys.stderr)
        return 1
    if args.parent and args.level:
        settings = {"parent_name": args.parent, "parent_level": args.level,
                    "parent_code": args.code, "province_name": args.province}
        codes = None
    elif args.province:
        try:
            if args.former_district:
                codes = official.former_district(args.former_district, args.province)
                settings = {"parent_name": args.former_district, "parent_level": "district",
                            "province_name": args.province}
            else:
                codes = official.province(args.province)
                settings = {"parent_name": args.province, "parent_level": "province",
                            "province_name": args.province}
        except official.Unknown as unknown:
            print(unknown.text(args.lang), file=sys.stderr)
            return 1
    else:
        parser.error("init needs --province (and --former-district), or --parent and --level")
    settings |= {"demo": "false", "source": args.source}
    database = db.Database(path)
    if codes is None:
        with database.write() as con:
            con.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                            [[k, v] for k, v in settings.items()])
        print(i18n.t("Made an empty database for {parent}: {path}", args.lang,
                     parent=args.parent, path=path))
    else:
        official.build(database, codes, settings, "data/units")
        print(i18n.tn("Made the database of the {level} {parent}: {count} commune of today, "
                      "with the communes before 01/07/2025 it was made from, and boundaries: "
                      "{path}",
                      "Made the database of the {level} {parent}: {count} communes of today, "
                      "with the communes before 01/07/2025 they were made from, and "
                      "boundaries: {path}", len(codes), args.lang,
                      level=i18n.level(settings["parent_level"], args.lang),
                      parent=settings["parent_name"], path=path))
    return 0


def print_values(parser: argparse.ArgumentParser, database: db.Database, args) -> int:
    """Every commune's value, numerator, denominator and status for a period, as the pages
    compute them, on standard output."""
    period = periods.parse(args.period)
    if period is None:
        parser.error(f"not a period: {args.period}")
    as_of = period.last_day if args.units == "as-was" else database.today()
    frame = figures.commune_values(database.looking_at(as_of), period)
    if args.indicator:
        frame = frame[frame["indicator"] == args.indicator]
    table = frame.rename(columns={"unit_code": "code", "num": "numerator",
                                  "den": "denominator"})[
        ["indicator", "code", "name", "value", "numerator", "denominator", "status"]]
    if args.format == "json":
        print(table.to_json(orient="records", force_ascii=False, indent=1))
    else:
        print(table.to_csv(index=False), end="")
    return 0


def _progress(name: str):
    def show(done: float) -> None:
        if sys.stderr.isatty():
            print(f"\r{name}: {done:4.0%}", end="" if done < 1 else "\n", file=sys.stderr)
    return show


def import_files(database: db.Database, args) -> int:
    """Import each file in its own write; the communes (units) files first, since the others
    name their communes. Returns 1 if any file was refused."""
    def checked(path: Path) -> ingest.Checked:
        return ingest.check(path, database.run("unit_history"), args.kind,
                            progress=_progress(path.name))

    results = [checked(f) for f in args.files]
    first = [c for c in results if {t.kind for t in c.tables} == {"units"}]
    refused = 0
    for item in first + [c for c in results if c not in first]:
        if item not in first and first and not args.dry_run:
            item = checked(item.path)  # against the communes just imported
        for line in item.messages(args.lang):
            print(line, file=sys.stderr)
        if not item.ok:
            refused += 1
            print(i18n.t("{file}: refused — problems: {count}; nothing was written.",
                         args.lang, file=item.name,
                         count=i18n.number(item.error_count, args.lang)), file=sys.stderr)
        elif args.dry_run:
            print(i18n.t("{file}: good, {rows} rows (dry run, nothing written).",
                         args.lang, file=item.name,
                         rows=i18n.number(item.rows, args.lang)))
            names = dict(database.run("unit_history")[["code", "name"]].itertuples(index=False))
            for line in import_views.understood(item, names, args.lang):
                print(line)
        else:
            print(ingest.commit(database, item).text(item.name, args.lang))
    return 1 if refused else 0


def _password(args, lang: str) -> str:
    """Asked twice without echo, or one line of standard input: never on the command line."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(i18n.t("Password", lang) + ": ")
    if getpass.getpass(i18n.t("Password", lang) + " (2): ") != first:
        raise access.AccessError(N_("The two passwords differ."))
    return first


def manage_users(parser, database: db.Database, args) -> int:
    lang, actor = args.lang, getpass.getuser()
    accounts = access.of(database.path)
    if args.action in ("list", "sessions"):
        rows = accounts.accounts() if args.action == "list" else accounts.sessions()
        columns = (["name", "role", "commune", "created"] if args.action == "list"
                   else ["name", "started", "last seen", "address"])
        print(pd.DataFrame(rows, columns=columns).fillna("").to_string(index=False) if rows
              else i18n.t(N_("No accounts: the dashboard is open to everyone.")
                          if args.action == "list" else N_("No open sessions."), lang))
        return 0
    if not args.name:
        parser.error(f"users {args.action} needs a user name")
    try:
        if args.action == "add":
            accounts.add(args.name, _password(args, lang), args.role, actor,
                         set(database.run("units")["code"]), args.commune)
            print(i18n.t("Added the account '{name}' ({role}).",
                         lang, name=args.name, role=args.role))
        elif args.action == "remove":
            accounts.remove(args.name, actor)
            print(i18n.t("Removed the account '{name}'.", lang, name=args.name))
        elif args.action == "signout":
            ended = accounts.sign_out_everywhere(args.name, actor)
            print(i18n.tn("Ended {count} session of '{name}'.", "Ended {count} sessions of "
                                                                "'{name}'.",
                          ended, lang, name=args.name))
        else:
            accounts.set_password(args.name, _password(args, lang), actor)
            print(i18n.t("New password set for '{name}'.", lang, name=args.name))
    except access.AccessError as refused:
        print(refused.text(lang), file=sys.stderr)
        return 1
    return 0


def make_briefing(parser, database: db.Database, args) -> int:
    from grassroots import briefing
    period = periods.parse(args.period)
    sections = [s.strip() for s in (args.sections or ",".join(briefing.SECTIONS)).split(",")
                if s.strip()]
    if period is None or not set(sections) <= set(briefing.SECTIONS) or \
            args.out.suffix.lower() not in (".pptx", ".pdf"):
        parser.error("--period like 2024-Q4, --out .pptx or .pdf, --sections from: "
                     + ", ".join(briefing.SECTIONS))
    deck = briefing.build(database, period, sections, args.lang, not args.no_maps,
                          progress=_progress(args.out.name))
    briefing.write(deck, args.out)
    print(i18n.t("Wrote {path}: {count} pages.",
                 args.lang, path=args.out, count=len(deck.slides) + 2))
    return 0


def load_boundaries(database: db.Database, args) -> int:
    from grassroots import geo
    try:
        frame = geo.read(args.file, args.crs)
        matched = geo.match(frame, database.run("units"), args.code_field)
    except geo.GeoError as error:
        print(error.text(args.lang), file=sys.stderr)
        return 1
    print("\n".join(geo.report(matched, args.lang)))
    if matched.shapes.empty:
        return 1
    geo.store(database, matched, args.file, getpass.getuser())
    return 0


if __name__ == "__main__":
    sys.exit(main())
