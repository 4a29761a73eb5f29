"""Open-data CSV: text that a spreadsheet program would run as a formula is written as text."""

import csv
import io
import zipfile

from backend.export.zipstream import zip_of_csvs
from backend.records.csv import rows_as_csv

ROW = {"name": '=HYPERLINK("http://evil.example/","点此")', "opinion": "+1", "who": "@SUM(A1)",
       "note": "-2+3", "fine": -500, "plain": "天河区 = 好"}


def test_a_cell_that_would_start_a_formula_is_written_as_text():
    text = "".join(rows_as_csv(ROW, [ROW])).lstrip("\ufeff")
    row = list(csv.DictReader(io.StringIO(text)))[0]
    assert row == {"name": '\'=HYPERLINK("http://evil.example/","点此")', "opinion": "'+1",
                   "who": "'@SUM(A1)", "note": "'-2+3", "fine": "-500", "plain": "天河区 = 好"}


def test_the_archive_of_every_record_escapes_them_too():
    archive = b"".join(zip_of_csvs([("x.csv", list(ROW), [list(ROW.values())])]))
    member = zipfile.ZipFile(io.BytesIO(archive)).read("x.csv").decode()
    assert list(csv.reader(io.StringIO(member)))[1][:2] == ['\'=HYPERLINK("http://evil.example/","点此")',
                                                           "'+1"]
