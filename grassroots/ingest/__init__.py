"""Import files as people make them: read Excel, OpenDocument and CSV files and the official
forms, check every row against the contract (DOMAIN.md, contract.py), and write a good file in
one write; refuse a bad one whole, listing every problem by file, sheet, row and column.

`check(path, units)` reads and checks a file without writing; `commit(database, checked)`
writes a checked file; `undo(database, import_id)` puts back exactly what an import replaced.

The package is split by concern: `reading` (files into raw cells), `forms` (forms 06 and 06a
into contract rows), `headers` (the header row, the kind, the columns), `cells` (numbers,
months, dates, choices), `communes` (names and codes on a day), `checking` (every rule, per
sheet), `problems` (what is wrong, and where) and `writing` (one write, undo, the kept copy).
"""

from grassroots.ingest.checking import check, checksum
from grassroots.ingest.problems import Checked, Problem, Refused, Table
from grassroots.ingest.writing import Outcome, apply, archive_folder, commit, undo

__all__ = ["Checked", "Outcome", "Problem", "Refused", "Table", "apply", "archive_folder",
           "check", "checksum", "commit", "undo"]
