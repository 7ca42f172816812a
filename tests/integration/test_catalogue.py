"""Catalogue rules and search, on both engines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import delete, update

from farmapos.domain.catalogue import ArticleData, create_article, find_article
from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.models import Article
from farmapos.domain.search import CatalogueSearch
from tests.factories import make_article


def test_article_is_found_by_every_code_a_pack_carries(db: Database, seed) -> None:
    article_id = make_article(db, code="654766", barcodes=["8470006547663"], synonyms=["PARA1G"])
    search = CatalogueSearch(db.engine)
    for code in ("654766", "6547663", "8470006547663", "08470006547663", "para1g"):
        hit = search.lookup(code)
        assert hit is not None and hit.id == article_id, code
    assert search.lookup("7006817") is None
    with db.uow(read_only=True) as uow:
        assert find_article(uow.session, "08470006547663").code == "6547663"


def test_family_gives_the_default_vat_and_unknown_rates_are_refused(db: Database, seed) -> None:
    article_id = make_article(db, family="SAN", code="P-1", description="TIRITAS")
    with db.uow(read_only=True) as uow:
        assert uow.session.get(Article, article_id).vat_rate == Decimal("10.00")
    with pytest.raises(ValidationError, match="IVA desconocido"):
        make_article(db, code="P-2", description="X", vat_rate=Decimal("7"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price": "-1.00"}, "negativo"),
        ({"code": "6547664"}, "dígito de control"),
        ({"code": "AB 1"}, "espacios"),
        ({"barcodes": ["8470006547664"]}, "control"),
        ({"description": "   "}, "vacía"),
        ({"narcotic": True}, "receta"),
        ({"min_stock": Decimal(5), "max_stock": Decimal(2)}, "máximo"),
    ],
)
def test_invalid_articles_are_refused_and_nothing_is_written(db: Database, seed, changes, message) -> None:
    values = {"code": "654766", "description": "PARACETAMOL", "price": "2.50"} | changes
    values["price"] = Decimal(values["price"])
    with pytest.raises(ValidationError, match=message):
        create_article(db.uow(), ArticleData(family_code="MED", **values))
    assert CatalogueSearch(db.engine).search("paracetamol") == []


def test_codes_are_unique_across_articles_and_kinds(db: Database, seed) -> None:
    make_article(db, code="654766", synonyms=["ABC"])
    with pytest.raises(ValidationError, match="ya es del artículo 6547663"):
        make_article(db, code="P-9", description="OTRO", synonyms=["abc"])
    with pytest.raises(ValidationError, match="ya es del artículo"):
        make_article(db, code="P-10", description="OTRO", barcodes=["8470006547663"], family="SAN")


def test_unknown_family_is_a_clear_error(db: Database, seed) -> None:
    with pytest.raises(NotFound, match="familia 'XX'"):
        make_article(db, family="XX")


CATALOGUE = [
    ("654766", "PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG"),
    ("700681", "PARACETAMOL NORMON 650 MG 40 COMPRIMIDOS EFG"),
    ("721076", "IBUPROFENO CINFA 600 MG 40 COMPRIMIDOS EFG"),
    ("600001", "ÁCIDO ACETILSALICÍLICO KERN 100 MG 30 COMPRIMIDOS"),
    ("600002", "CREMA NIÑOS PROTECCIÓN SPF 50"),
    ("600003", "CINFAMUCOL ACETILCISTEINA 200 MG SOBRES"),
]


@pytest.fixture
def catalogue(db: Database, seed) -> dict[str, int]:
    return {desc: make_article(db, code=code, description=desc) for code, desc in CATALOGUE}


def _descriptions(db: Database, query: str, limit: int = 50) -> list[str]:
    return [hit.description for hit in CatalogueSearch(db.engine).search(query, limit=limit)]


def test_search_matches_word_prefixes_in_any_order(db: Database, catalogue) -> None:
    assert _descriptions(db, "parac 1 g cinf") == ["PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG"]
    assert _descriptions(db, "cinf parac") == ["PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG"]


def test_search_ignores_case_and_accents_both_ways(db: Database, catalogue) -> None:
    expected = ["ÁCIDO ACETILSALICÍLICO KERN 100 MG 30 COMPRIMIDOS"]
    assert _descriptions(db, "acido acetil") == expected
    assert _descriptions(db, "ÁCIDO") == expected
    assert _descriptions(db, "Acído") == expected
    assert _descriptions(db, "ninos") == ["CREMA NIÑOS PROTECCIÓN SPF 50"]
    assert _descriptions(db, "NIÑOS proteccion") == ["CREMA NIÑOS PROTECCIÓN SPF 50"]


def test_descriptions_starting_with_the_first_word_come_first(db: Database, catalogue) -> None:
    found = _descriptions(db, "cinfa")
    assert found[0] == "CINFAMUCOL ACETILCISTEINA 200 MG SOBRES"
    assert set(found[1:]) == {
        "PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG",
        "IBUPROFENO CINFA 600 MG 40 COMPRIMIDOS EFG",
    }


def test_search_honours_the_limit_and_misses_return_nothing(db: Database, catalogue) -> None:
    assert len(_descriptions(db, "mg", limit=2)) == 2
    assert _descriptions(db, "zzz") == []
    assert _descriptions(db, "  ,;  ") == []


def test_search_index_follows_updates_and_deletes(db: Database, catalogue) -> None:
    article_id = catalogue["IBUPROFENO CINFA 600 MG 40 COMPRIMIDOS EFG"]
    with db.uow() as uow:
        article = uow.session.get(Article, article_id)
        article.description = "DEXKETOPROFENO CINFA 25 MG"
        uow.commit()
    assert _descriptions(db, "ibupro") == []
    assert _descriptions(db, "cinfa 25") == ["DEXKETOPROFENO CINFA 25 MG"]
    with db.uow() as uow:
        uow.session.execute(update(Article).where(Article.id == article_id).values(search_key="otra cosa"))
        uow.commit()
    assert _descriptions(db, "cinfa 25") == []
    with db.uow() as uow:
        uow.session.execute(delete(Article).where(Article.id == article_id))
        uow.commit()
    assert _descriptions(db, "otra") == []


def test_search_reports_stock_in_the_given_warehouse(db: Database, catalogue, seed) -> None:
    from farmapos.domain.stock import move_stock

    article_id = catalogue["PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG"]
    with db.uow() as uow:
        article = uow.session.get(Article, article_id)
        move_stock(
            uow.session,
            kind="reception",
            article=article,
            warehouse_id=seed.warehouse_id,
            quantity=Decimal(7),
            seller_id=seed.seller_id,
            reason="test",
        )
        uow.commit()
    hit = CatalogueSearch(db.engine).search("parac cinfa", warehouse_id=seed.warehouse_id)[0]
    assert hit.stock == Decimal(7)
    assert CatalogueSearch(db.engine).lookup("654766").stock is None
