"""The command line: one clear line and a non-zero exit on every error, never a traceback."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from stdnum import ean

from farmapos.cli import main
from farmapos.domain.codes import complete_cn
from farmapos.domain.db import Database
from farmapos.domain.search import CatalogueSearch
from tests.factories import make_article


def db_url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_db_upgrade_and_status_on_a_new_sqlite_file(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["--db", url, "db", "status"]) == 0
    assert "vacía" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "actualizada de vacía a" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "ya está en la última versión" in capsys.readouterr().out


def test_commands_refuse_a_database_behind_head(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["--db", url, "export", "articles", "--csv", str(tmp_path / "a.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("farmapos: ") and "farmapos db upgrade" in err and "Traceback" not in err


def test_unreachable_database_is_one_line(capsys) -> None:
    code = main(["--db", "postgresql://nobody@127.0.0.1:1/none", "db", "status"])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "No se puede abrir la base de datos" in err


CSV_OK = """code;description;price;family;barcodes;prescription;min;max
654766;PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG;2,50;MED;8470006547663;si;2;10
P-77;CREMA DE MANOS 50 ML;4.95;COS;4006381333931;no;;
"""
CSV_BAD = """code;description;price;family;barcodes
654766;PARACETAMOL;2,50;MED;
6547664;MAL DIGITO;1,00;MED;
P-78;SIN PRECIO;;COS;
P-79;DUPLICADO;1,00;COS;8470006547663
P-80;IVA RARO;1,00;XX;
"""


def test_import_is_all_or_nothing_with_line_numbers(db: Database, seed, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV_BAD, encoding="utf-8")
    assert main(["--db", db_url(db), "import", "articles", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "4 de 5 filas" in err
    for line in ("línea 3", "línea 4", "línea 5", "línea 6"):
        assert line in err
    assert CatalogueSearch(db.engine).search("paracetamol") == []
    good = tmp_path / "good.csv"
    good.write_text(CSV_OK, encoding="utf-8")
    assert main(["--db", db_url(db), "import", "articles", str(good)]) == 0
    hit = CatalogueSearch(db.engine).lookup("08470006547663")
    assert hit is not None and hit.needs_prescription and hit.price == pytest.approx(2.5)
    assert CatalogueSearch(db.engine).lookup("4006381333931").description == "CREMA DE MANOS 50 ML"


def test_export_articles_stock_and_movements(db: Database, seed, tmp_path: Path, capsys) -> None:
    from tests.integration.test_sales import receive

    article_id = make_article(db, barcodes=["8470006547663"])
    receive(db, seed, article_id, 4, "L1", None)
    out = tmp_path / "articles.csv"
    assert main(["--db", db_url(db), "export", "articles", "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter=";"))
    assert rows[0]["code"] == "6547663" and rows[0]["barcodes"] == "8470006547663"
    assert rows[0]["stock_PRINCIPAL"] == "4" and rows[0]["vat"] == "4"
    for what in ("stock", "movements"):
        path = tmp_path / f"{what}.csv"
        assert main(["--db", db_url(db), "export", what, "--csv", str(path)]) == 0
        assert "6547663" in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_demo_catalogue_exports_with_valid_check_digits(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["--db", url, "demo-data", "--articles", "3000", "--days", "2"]) == 0
    assert main(["--db", url, "demo-data", "--articles", "10", "--if-missing"]) == 0
    assert main(["--db", url, "demo-data", "--articles", "10"]) == 2
    out = tmp_path / "a.csv"
    assert main(["--db", url, "export", "articles", "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter=";"))
    assert len(rows) == 3000
    for row in rows:
        if row["code"].isdigit():
            assert complete_cn(row["code"]) == row["code"]
        for barcode in filter(None, row["barcodes"].split("|")):
            assert ean.is_valid(barcode), barcode
    assert sum(int(row["prescription"]) for row in rows) > 1000
    assert any(int(row["units_sold"] or 0) > 0 for row in rows)
