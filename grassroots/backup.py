"""Backups while the dashboard runs, and restoring one.

No writer ever changes the database file in place (see db.py): a copy of the file as it is
when opened is consistent, even if an import replaces it meanwhile. The accounts store beside it
is copied through SQLite's own backup, consistent too. A backup is a folder with both copies,
the imported and boundary files kept beside the database, and a manifest of every table's rows
and checksum, which a restore checks before and after putting the copies back.
"""

import json
import shutil
from datetime import datetime
from pathlib import Path

from grassroots import access, db, geo, i18n, ingest
from grassroots.i18n import N_

MANIFEST = "manifest.json"
KEPT = {"imports": ingest.archive_folder, "boundaries": geo.archive_folder}  # files beside it


class BackupError(i18n.LocalizedError):
    """A backup that cannot be restored."""


def backup(database: db.Database, folder: Path) -> Path:
    """A new folder under `folder`, named by the time, holding the database, its imported
    files and the manifest. Returns it."""
    target = Path(folder) / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target.mkdir(parents=True)
    copy = target / database.path.name
    with open(database.path, "rb") as source, open(copy, "wb") as out:
        shutil.copyfileobj(source, out)  # the file as opened, even if replaced meanwhile
    accounts = target / access.store_path(database.path).name
    access.of(database.path).copy_to(accounts)
    for name, folder_of in KEPT.items():
        if folder_of(database).exists():
            shutil.copytree(folder_of(database), target / name)
    (target / MANIFEST).write_text(json.dumps({
        "database": copy.name, "made_at": datetime.now().isoformat(timespec="seconds"),
        "tables": db.checksums(copy), "accounts": [accounts.name, access.checksums(accounts)]},
        ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def restore(database: db.Database, folder: Path) -> dict:
    """Put a backup back, checked against its manifest before and after. Readers move to it on
    their next query, as after an import. Returns the manifest."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(N_("No backup can be read in {folder} (manifest.json is missing)."),
                          folder=str(folder)) from error
    copy = folder / manifest["database"]
    expected = {t: list(v) for t, v in manifest["tables"].items()}
    if not copy.exists() or {t: list(v) for t, v in db.checksums(copy).items()} != expected:
        raise BackupError(N_("The backup in {folder} does not match its checksums: the file is "
                             "damaged or changed; nothing was restored."), folder=str(folder))
    accounts, accounts_sums = manifest.get("accounts", (None, None))
    if accounts and (not (folder / accounts).exists()
                     or access.checksums(folder / accounts) != accounts_sums):
        raise BackupError(N_("The backup in {folder} does not match its checksums: the file is "
                             "damaged or changed; nothing was restored."), folder=str(folder))
    with database.write(source=copy):
        pass
    if accounts:
        access.of(database.path).restore_from(folder / accounts)
    for name, folder_of in KEPT.items():
        if (folder / name).exists():
            shutil.copytree(folder / name, folder_of(database), dirs_exist_ok=True)
    restored = {t: list(v) for t, v in db.checksums(database.path).items()}
    if any(restored.get(t) != v for t, v in expected.items()):
        raise BackupError(N_("The backup in {folder} does not match its checksums: the file is "
                             "damaged or changed; nothing was restored."), folder=str(folder))
    return manifest
