"""Child process of the crash test: closes sales in a loop until it is killed."""

from __future__ import annotations

import sys
from decimal import Decimal

from farmapos.domain.db import Database
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import PaymentInput


def main(url: str) -> None:
    db = Database(url)
    service = SaleService(db, workstation_id=1)
    while True:
        sale = service.open_sale(1)
        service.add_code(sale.id, "654766", 2)
        view = service.add_code(sale.id, "4006381333931").sale
        service.close(sale.id, [PaymentInput("cash", view.total, view.total + Decimal(5))])
        print("closed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
