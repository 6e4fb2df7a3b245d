"""Regenerate roster.xls (run once by hand; needs ``pip install xlwt`` in a scratch venv).

The fixture is committed because nothing in the test environment can write the old binary
Excel format. It holds an empty first sheet ('Notes') and a 'People' sheet whose ids and
manager ids are numeric cells and whose hire dates are real date cells.
"""

from datetime import date
from pathlib import Path

import xlwt  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("Notes")
    sheet = book.add_sheet("People")
    when = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write(0, 0, "Employee #")
    sheet.write(0, 1, "Name")
    sheet.write(0, 2, "Manager ID")
    sheet.write(0, 3, "Hire Date")
    sheet.write(0, 4, "Grade")
    rows = [
        (1001, "José Muñoz", None, date(2001, 3, 14), 9),
        (1002, "Françoise Lefèvre", 1001, date(2015, 11, 2), 6),
        (1003, "Zoë Ødegård", 1002, date(2022, 7, 30), 3),
    ]
    for r, (ident, name, manager, hired, grade) in enumerate(rows, start=1):
        sheet.write(r, 0, ident)
        sheet.write(r, 1, name)
        if manager is not None:
            sheet.write(r, 2, manager)
        sheet.write(r, 3, hired, when)
        sheet.write(r, 4, grade)
    book.save(str(HERE / "roster.xls"))


if __name__ == "__main__":
    main()
