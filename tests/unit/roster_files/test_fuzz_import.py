"""The importer fuzzed (issue 12): random and mutated CSV, XLSX and ODS files, random headers.

Every file either imports (exit 0) or is refused (exit 1, problems on stderr) and then leaves
the roster as it was. No traceback, no other exit code, no hang: each import runs under a
hard timer besides hypothesis' deadline. Derandomized, so CI sees the same examples.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rmdesk.cli import main
from rmdesk.roster_files.header_synonyms import SYNONYMS
from rmdesk.workspace import Workspace
from tests.unit import rosters as R

HARD_LIMIT_S = 20  # no one file may take longer, whatever hypothesis' deadline says

#: RMDESK_FUZZ_EXAMPLES=2000 RMDESK_FUZZ_RANDOM=1 searches deeper, away from the CI examples
FUZZ = settings(
    max_examples=int(os.environ.get("RMDESK_FUZZ_EXAMPLES", "150")),
    derandomize=not os.environ.get("RMDESK_FUZZ_RANDOM"),
    database=None,
    deadline=timedelta(seconds=10),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


class Hang(Exception):
    """An import ran past HARD_LIMIT_S."""


@contextlib.contextmanager
def hard_limit(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"an import ran past {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def stocked_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database already holding the sample company, so a refusal has something to keep."""
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "stocked.db"
    base = R.write_csv(folder / "base.csv", R.roster_rows())
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["import", str(base), "--db", str(db)])
    assert code == 0, err.getvalue()
    return db


def employees(db: Path) -> list[tuple[object, ...]]:
    ws = Workspace.open(db)
    try:
        return sorted(ws.db.execute("SELECT * FROM employees").fetchall())
    finally:
        ws.close()


def import_once(name: str, data: bytes, stocked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Import ``data`` as a file called ``name`` into a copy of the stocked database."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "w.db"
        shutil.copy(stocked, db)
        before = employees(db)
        path = Path(folder) / name
        path.write_bytes(data)
        capsys.readouterr()
        with hard_limit(HARD_LIMIT_S):
            code = main(["import", str(path), "--db", str(db)])
        _, err = capsys.readouterr()
        assert "Traceback" not in err and "unexpected error" not in err, err
        assert code in (0, 1), (code, err)
        event(f"exit {code}")
        if code == 1:
            assert err.strip(), "a refusal must say why"
            assert employees(db) == before, "a refused file changed the roster"


# -- what goes into the files ----------------------------------------------------------------------
HEADER_NAMES = sorted({name for names in SYNONYMS.values() for name in names[:4]})
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["E1", "E2", "", "José Muñoz", "Zoë", "2020-01-31", "x@y.example", '="007"']
)
values = texts | st.integers(-5, 10**6) | st.sampled_from([1.5, 3.0, date(2020, 2, 29)])
# half the header sets name an id and a name, so that many files get as far as the rows
headers = st.builds(
    lambda named, rest: [*named, *rest],
    st.sampled_from([[], ["Employee ID", "Name"], ["ID", "First Name", "Last Name", "Manager"]]),
    st.lists(st.sampled_from(HEADER_NAMES) | texts, min_size=1, max_size=6),
)
ids = st.sampled_from(["E1", "E2", "E3", "E7", "E8", "E9", "", "e1", "E1 ", "00123", "123"])


@st.composite
def tables(draw: st.DrawFn, cell: st.SearchStrategy[object] = texts) -> list[list[object]]:
    head = draw(headers)
    width = len(head)
    rows = st.tuples(ids, st.lists(cell, min_size=0, max_size=width + 1))
    body = [[ident, *rest] for ident, rest in draw(st.lists(rows, max_size=8))]
    return [list(head), *body]


def mutated(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    """``data`` with bytes flipped, dropped or doubled at the given places."""
    out = bytearray(data)
    for kind, where, byte in edits:
        if not out:
            break
        at = where % len(out)
        if kind == 0:
            out[at] = byte
        elif kind == 1:
            del out[at]
        else:
            out[at:at] = bytes([byte]) * 3
    return bytes(out)


edits = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 2**31), st.integers(0, 255)), max_size=4
)


# -- the tests -------------------------------------------------------------------------------------
@FUZZ
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    changes=edits,
)
def test_fuzzed_csv(
    table: list[list[object]],
    delimiter: str,
    encoding: str,
    changes: list[tuple[int, int, int]],
    stocked_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = R.csv_text(table, delimiter=delimiter)
    data = text.encode(encoding, errors="replace")
    import_once("roster.csv", mutated(data, changes), stocked_db, capsys)


@FUZZ
@given(data=st.binary(max_size=600), name=st.sampled_from(["r.csv", "r.xlsx", "r.ods", "r.xls"]))
def test_random_bytes(
    data: bytes, name: str, stocked_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_once(name, data, stocked_db, capsys)


def _xlsx_bytes(table: list[list[object]]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for r, row in enumerate(table, start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                if isinstance(value, str):  # openpyxl refuses control characters in XML
                    value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
                sheet.cell(row=r, column=c, value=value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _in_zip(data: bytes, part: str, changes: list[tuple[int, int, int]]) -> bytes:
    """The zip ``data`` with one part's XML mutated (the zip itself stays sound)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, mutated(body, changes) if info.filename == part else body)
    return buf.getvalue()


@FUZZ
@given(table=tables(values), changes=edits, inside=st.booleans())
def test_fuzzed_xlsx(
    table: list[list[object]],
    changes: list[tuple[int, int, int]],
    inside: bool,
    stocked_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _xlsx_bytes(table)
    data = _in_zip(data, "xl/worksheets/sheet1.xml", changes) if inside else mutated(data, changes)
    import_once("roster.xlsx", data, stocked_db, capsys)


@FUZZ
@given(table=tables(values), changes=edits, inside=st.booleans())
def test_fuzzed_ods(
    table: list[list[object]],
    changes: list[tuple[int, int, int]],
    inside: bool,
    stocked_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cleaned = [
            [
                "".join(ch for ch in v if ch >= " " or ch in "\t\n") if isinstance(v, str) else v
                for v in row
            ]
            for row in table
        ]
        data = R.write_ods(Path(folder) / "r.ods", {"People": cleaned}).read_bytes()
    data = _in_zip(data, "content.xml", changes) if inside else mutated(data, changes)
    import_once("roster.ods", data, stocked_db, capsys)


@FUZZ
@given(
    head=st.lists(st.sampled_from(HEADER_NAMES), min_size=1, max_size=10, unique=True),
    column=st.lists(ids, min_size=1, max_size=6),
)
def test_random_header_sets(
    head: list[str], column: list[str], stocked_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [head] + [[ident, *(f"{h[:3]}{i}" for h in head[1:])] for i, ident in enumerate(column)]
    import_once("roster.csv", R.csv_text(rows).encode(), stocked_db, capsys)


@FUZZ
@given(
    spots=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 11), values), max_size=5),
    as_xlsx=st.booleans(),
)
def test_a_real_roster_with_odd_cells(
    spots: list[tuple[int, int, object]],
    as_xlsx: bool,
    stocked_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The sample company with a few cells replaced: most files import, with warnings."""
    rows: list[list[object]] = [list(r) for r in R.roster_rows()]
    for r, c, value in spots:
        rows[r][c] = value
    if as_xlsx:
        import_once("roster.xlsx", _xlsx_bytes(rows), stocked_db, capsys)
    else:
        import_once("roster.csv", R.csv_text(rows).encode(), stocked_db, capsys)
