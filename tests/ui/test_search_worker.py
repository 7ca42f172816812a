"""Search as you type off the UI thread: only the answer to the latest query reaches the dialog."""

from __future__ import annotations

import shutil

from farmapos.domain.db import Database
from farmapos.domain.search import CatalogueSearch
from farmapos.ui.search_worker import SearchWorker
from tests.factories import make_article, seed_pharmacy


def test_latest_query_wins(qtbot, tmp_path, sqlite_template) -> None:
    path = tmp_path / "s.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed = seed_pharmacy(db)
    make_article(db, code="654766", description="PARACETAMOL CINFA 1 G")
    make_article(db, code="700681", description="IBUPROFENO NORMON 600 MG")
    worker = SearchWorker(CatalogueSearch(db.engine), seed.warehouse_id)
    answers: list[tuple[str, list]] = []
    worker.sig_results.connect(lambda query, hits: answers.append((query, hits)))
    for text in ("p", "pa", "par", "i", "ib", "ibu"):
        worker.request(text)
    qtbot.waitUntil(lambda: any(query == "ibu" for query, _hits in answers), timeout=3000)
    query, hits = answers[-1]
    assert query == "ibu" and [hit.description for hit in hits] == ["IBUPROFENO NORMON 600 MG"]
    assert len(answers) < 6  # superseded queries were dropped, not all answered
    worker.close()
    db.dispose()


def test_a_failed_search_is_said_in_the_dialog(qtbot, tmp_path, sqlite_template, monkeypatch) -> None:
    from farmapos.domain.errors import DatabaseUnavailable
    from farmapos.ui.dialogs import SearchDialog

    path = tmp_path / "s.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed = seed_pharmacy(db)
    make_article(db, code="654766", description="PARACETAMOL CINFA 1 G")
    dialog = SearchDialog(CatalogueSearch(db.engine), seed.warehouse_id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "para")
    qtbot.waitUntil(lambda: dialog.model.hits != [], timeout=3000)

    def gone(*_args, **_kwargs):
        raise DatabaseUnavailable("No hay conexión con la base de datos.")

    monkeypatch.setattr(CatalogueSearch, "search", gone)
    qtbot.keyClicks(dialog.query, "c")
    qtbot.waitUntil(lambda: dialog.failure.text() == "No hay conexión con la base de datos.", timeout=3000)
    assert [hit.description for hit in dialog.model.hits] == ["PARACETAMOL CINFA 1 G"]  # kept, not emptied
    dialog.close()
    db.dispose()
