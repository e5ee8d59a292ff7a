"""The import templates: their headers and notes follow the contract, and so do the committed
files in data/templates/."""


import pytest
from openpyxl import load_workbook

from grassroots import contract, templates


def test_every_header_of_every_kind_has_a_note_and_no_note_is_stale():
    used = set()
    for name, kind in contract.KINDS.items():
        for column in kind.columns:
            assert templates.note(name, column.header).strip(), (name, column.header)
            used.add(column.header)
        assert set(templates.NOTES_BY_KIND.get(name, {})) <= {c.header for c in kind.columns}
    assert set(templates.NOTES) == used
    assert set(templates.NOTES_BY_KIND) <= set(contract.KINDS)
    assert set(templates.TITLES) == set(contract.KINDS)


def test_notes_state_the_rules_of_the_contract():
    for name, kind in contract.KINDS.items():
        headers = kind.headers
        for parts, whole in kind.parts + kind.warn_parts:  # each part names its whole
            for part in parts:
                text = templates.note(name, headers[part])
                assert all(headers[column] in text for column in whole), (name, part)
        for parts, _ in kind.warn_parts:
            assert all("cảnh báo" in templates.note(name, headers[part]) for part in parts)
        for column in kind.columns:
            text = templates.note(name, column.header)
            if column.optional:
                assert "để trống" in text or "bỏ trống" in text, (name, column.header)
            if column.type == "flag":
                assert "Có" in text and "Không" in text, (name, column.header)
            for word in templates.choices(column):
                assert word in text, (name, column.header, word)
    engagement = {c.header: c for c in contract.KINDS["engagements"].columns}
    assert templates.choices(engagement["Hình thức"]) == tuple(contract.ENGAGEMENT_KINDS)


@pytest.mark.parametrize("name", list(contract.KINDS))
def test_template(name):
    """The committed template says what the contract says (when it does not, run
    python -m grassroots.templates)."""
    sheet = load_workbook(templates.FOLDER / f"{name}.xlsx").active
    columns = contract.KINDS[name].columns
    assert sheet.title == name
    assert sheet["A1"].value == templates.TITLES[name] and sheet["A1"].font.b
    assert sheet["A2"].value == templates.subtitle(name) and sheet["A2"].font.i
    row = sheet[templates.HEADER_ROW][:len(columns)]
    assert [cell.value for cell in row] == [column.header for column in columns]
    assert sheet.max_column == len(columns) and sheet.max_row == templates.HEADER_ROW
    assert sheet.freeze_panes == f"A{templates.HEADER_ROW + 1}"
    for cell, column in zip(row, columns):
        assert cell.font.b
        assert cell.comment.text == templates.NOTES_BY_KIND.get(name, {}).get(
            column.header, templates.NOTES[column.header])
        assert cell.comment.author == "Grassroots"
        number_format = sheet.column_dimensions[cell.column_letter].number_format
        assert number_format == {"count": "#,##0", "decimal": "#,##0.00"}.get(column.type, "@")
        assert sheet.column_dimensions[cell.column_letter].width >= len(column.header)


def test_write_all_writes_one_file_per_kind(tmp_path):
    paths = templates.write_all(tmp_path)
    assert [p.name for p in paths] == [f"{name}.xlsx" for name in contract.KINDS]
    assert all(p.read_bytes() == templates.build(p.stem) for p in paths)
    assert sorted(templates.FOLDER.glob("*.xlsx")) == sorted(
        templates.FOLDER / p.name for p in paths)
