"""A deterministic Spanish-style catalogue: valid CNs and EAN-13s, VAT 4/10/21 %, realistic flags.

Descriptions are combinations of real active ingredients, strengths, forms, laboratories and pack sizes
so that search behaves as on a real catalogue (many rows share first words such as PARACETAMOL).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from stdnum import ean

from farmapos.domain.codes import cn_check_digit, cn_to_ean13


@dataclass(frozen=True)
class FamilySpec:
    code: str
    name: str
    vat_rate: Decimal
    max_discount_pct: Decimal | None
    kind: str


FAMILIES = (
    FamilySpec("MED", "Especialidades farmacéuticas", Decimal(4), Decimal(0), "medicine"),
    FamilySpec("EFG", "Genéricos EFG", Decimal(4), Decimal(0), "medicine"),
    FamilySpec("EFP", "Medicamentos sin receta (EFP)", Decimal(4), Decimal(10), "medicine"),
    FamilySpec("SAN", "Productos sanitarios", Decimal(10), Decimal(15), "parapharmacy"),
    FamilySpec("ORT", "Ortopedia", Decimal(10), Decimal(15), "parapharmacy"),
    FamilySpec("DER", "Dermocosmética", Decimal(21), Decimal(25), "parapharmacy"),
    FamilySpec("HIG", "Higiene", Decimal(21), Decimal(25), "parapharmacy"),
    FamilySpec("INF", "Alimentación infantil", Decimal(10), Decimal(10), "parapharmacy"),
    FamilySpec("VET", "Veterinaria", Decimal(21), Decimal(10), "parapharmacy"),
    FamilySpec("SER", "Servicios farmacéuticos", Decimal(21), None, "service"),
)

LABORATORIES = tuple(
    (name.split()[0][:10], name)
    for name in (
        "CINFA", "NORMON", "KERN PHARMA", "STADA", "TEVA", "SANDOZ", "BAYER", "ISDIN", "HEEL", "ALTER",
        "MYLAN", "RATIOPHARM", "AUROVITAS", "PENSA", "ESTEVE", "FERRER", "ALMIRALL", "GRIFOLS", "PFIZER",
        "NOVARTIS", "SANOFI", "LILLY", "ROCHE", "URIACH", "LETI", "AVENE", "LA ROCHE-POSAY", "BIODERMA",
        "ORDESA", "HERO", "INDAS", "MENARINI",
    )
)  # fmt: skip

# (ingredient, ATC, strengths, forms, prescription, psychotropic, narcotic, fridge)
INGREDIENTS = (
    ("PARACETAMOL", "N02BE01", ("500 MG", "650 MG", "1 G"), ("COMPRIMIDOS", "COMPRIMIDOS EFERVESCENTES", "SOBRES"), 0.3, 0, 0, 0),
    ("IBUPROFENO", "M01AE01", ("400 MG", "600 MG"), ("COMPRIMIDOS RECUBIERTOS CON PELÍCULA", "SOBRES", "SUSPENSIÓN ORAL"), 0.6, 0, 0, 0),
    ("OMEPRAZOL", "A02BC01", ("20 MG", "40 MG"), ("CÁPSULAS DURAS GASTRORRESISTENTES",), 1, 0, 0, 0),
    ("ÁCIDO ACETILSALICÍLICO", "B01AC06", ("100 MG", "300 MG"), ("COMPRIMIDOS",), 0.7, 0, 0, 0),
    ("AMOXICILINA", "J01CA04", ("500 MG", "750 MG", "1 G"), ("CÁPSULAS", "COMPRIMIDOS", "SOBRES"), 1, 0, 0, 0),
    ("AMOXICILINA/ÁCIDO CLAVULÁNICO", "J01CR02", ("500/125 MG", "875/125 MG"), ("COMPRIMIDOS", "SOBRES"), 1, 0, 0, 0),
    ("ATORVASTATINA", "C10AA05", ("10 MG", "20 MG", "40 MG", "80 MG"), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("SIMVASTATINA", "C10AA01", ("10 MG", "20 MG", "40 MG"), ("COMPRIMIDOS",), 1, 0, 0, 0),
    ("ENALAPRIL", "C09AA02", ("5 MG", "20 MG"), ("COMPRIMIDOS",), 1, 0, 0, 0),
    ("LOSARTÁN", "C09CA01", ("50 MG", "100 MG"), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("METFORMINA", "A10BA02", ("850 MG", "1000 MG"), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("LORAZEPAM", "N05BA06", ("1 MG", "5 MG"), ("COMPRIMIDOS",), 1, 1, 0, 0),
    ("ALPRAZOLAM", "N05BA12", ("0,25 MG", "0,5 MG", "1 MG"), ("COMPRIMIDOS",), 1, 1, 0, 0),
    ("DIAZEPAM", "N05BA01", ("5 MG", "10 MG"), ("COMPRIMIDOS",), 1, 1, 0, 0),
    ("ZOLPIDEM", "N05CF02", ("10 MG",), ("COMPRIMIDOS RECUBIERTOS",), 1, 1, 0, 0),
    ("MORFINA", "N02AA01", ("10 MG", "30 MG"), ("COMPRIMIDOS DE LIBERACIÓN PROLONGADA",), 1, 0, 1, 0),
    ("FENTANILO", "N02AB03", ("25 MCG/H", "50 MCG/H"), ("PARCHES TRANSDÉRMICOS",), 1, 0, 1, 0),
    ("OXICODONA", "N02AA05", ("10 MG", "20 MG"), ("COMPRIMIDOS DE LIBERACIÓN PROLONGADA",), 1, 0, 1, 0),
    ("TRAMADOL", "N02AX02", ("50 MG", "100 MG"), ("CÁPSULAS", "GOTAS ORALES EN SOLUCIÓN"), 1, 0, 0, 0),
    ("INSULINA GLARGINA", "A10AE04", ("100 UI/ML",), ("SOLUCIÓN INYECTABLE EN PLUMA PRECARGADA",), 1, 0, 0, 1),
    ("INSULINA ASPART", "A10AB05", ("100 UI/ML",), ("SOLUCIÓN INYECTABLE",), 1, 0, 0, 1),
    ("VACUNA ANTIGRIPAL", "J07BB02", ("0,5 ML",), ("SUSPENSIÓN INYECTABLE EN JERINGA PRECARGADA",), 1, 0, 0, 1),
    ("SALBUTAMOL", "R03AC02", ("100 MCG",), ("SUSPENSIÓN PARA INHALACIÓN EN ENVASE A PRESIÓN",), 1, 0, 0, 0),
    ("LORATADINA", "R06AX13", ("10 MG",), ("COMPRIMIDOS",), 0.2, 0, 0, 0),
    ("CETIRIZINA", "R06AE07", ("10 MG",), ("COMPRIMIDOS RECUBIERTOS",), 0.3, 0, 0, 0),
    ("DEXKETOPROFENO", "M01AE17", ("25 MG",), ("COMPRIMIDOS", "SOBRES"), 1, 0, 0, 0),
    ("METAMIZOL", "N02BB02", ("575 MG",), ("CÁPSULAS",), 1, 0, 0, 0),
    ("LEVOTIROXINA", "H03AA01", ("50 MCG", "100 MCG"), ("COMPRIMIDOS",), 1, 0, 0, 0),
    ("SERTRALINA", "N06AB06", ("50 MG", "100 MG"), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("ESCITALOPRAM", "N06AB10", ("10 MG", "20 MG"), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("PANTOPRAZOL", "A02BC02", ("20 MG", "40 MG"), ("COMPRIMIDOS GASTRORRESISTENTES",), 1, 0, 0, 0),
    ("AMLODIPINO", "C08CA01", ("5 MG", "10 MG"), ("COMPRIMIDOS",), 1, 0, 0, 0),
    ("BISOPROLOL", "C07AB07", ("2,5 MG", "5 MG"), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("ACETILCISTEÍNA", "R05CB01", ("200 MG", "600 MG"), ("SOBRES", "COMPRIMIDOS EFERVESCENTES"), 0.2, 0, 0, 0),
    ("AZITROMICINA", "J01FA10", ("500 MG",), ("COMPRIMIDOS RECUBIERTOS",), 1, 0, 0, 0),
    ("PREDNISONA", "H02AB07", ("5 MG", "30 MG"), ("COMPRIMIDOS",), 1, 0, 0, 0),
)  # fmt: skip
PACKS = ("10", "14", "20", "28", "30", "40", "56", "60", "100")
PARAPHARMACY = (
    ("DER", ("CREMA HIDRATANTE", "SÉRUM ANTIEDAD", "FOTOPROTECTOR SPF 50", "CONTORNO DE OJOS", "GEL LIMPIADOR",
             "AGUA MICELAR", "BÁLSAMO LABIAL", "CREMA NIÑOS PROTECCIÓN SPF 50+"), ("ML", (30, 50, 200, 400))),
    ("HIG", ("CHAMPÚ ANTICASPA", "PASTA DENTÍFRICA", "COLUTORIO", "GEL DE BAÑO", "DESODORANTE"), ("ML", (75, 250, 500))),
    ("SAN", ("TIRITAS SURTIDAS", "TERMÓMETRO DIGITAL", "MASCARILLA FFP2", "GASAS ESTÉRILES", "TEST DE EMBARAZO",
             "SUERO FISIOLÓGICO MONODOSIS"), ("UD", (1, 5, 10, 20, 30))),
    ("ORT", ("MEDIA DE COMPRESIÓN", "RODILLERA", "MUÑEQUERA", "PLANTILLAS"), ("UD", (1, 2))),
    ("INF", ("LECHE DE CONTINUACIÓN 2", "CEREALES SIN GLUTEN", "TETINA SILICONA"), ("G", (400, 800))),
    ("VET", ("PIPETAS ANTIPARASITARIAS PERRO", "COLLAR ANTIPULGAS GATO"), ("UD", (1, 3))),
)  # fmt: skip
SERVICES = ("MEDICIÓN DE TENSIÓN ARTERIAL", "SISTEMA PERSONALIZADO DE DOSIFICACIÓN", "MEDICIÓN DE GLUCOSA",
            "FORMULACIÓN MAGISTRAL", "ANÁLISIS DE COLESTEROL")  # fmt: skip


@dataclass(frozen=True)
class ArticleRow:
    code: str
    description: str
    family_code: str
    laboratory_code: str | None
    atc_code: str
    presentation: str
    location: str
    price: Decimal
    last_cost: Decimal
    vat_rate: Decimal
    min_stock: Decimal
    max_stock: Decimal
    barcodes: tuple[str, ...]
    needs_prescription: bool = False
    psychotropic: bool = False
    narcotic: bool = False
    fridge: bool = False
    generic: bool = False
    excluded_funding: bool = False
    advertised: bool = False
    discontinued: bool = False
    unlimited: bool = False
    measure_unit: str = ""
    measure_quantity: Decimal | None = None


def _cn_numbers(rng: random.Random) -> Iterator[int]:
    """Distinct six-digit CN bodies in a scattered order (real catalogues are not sequential)."""
    start, span, step = 600000, 399999, 7919  # 7919 is prime: the walk visits every number once
    offset = rng.randrange(span)
    for i in range(span):
        yield start + (offset + i * step) % span


def _ean(prefix: str, serial: int) -> str:
    body = f"{prefix}{serial:0{12 - len(prefix)}d}"
    return body + ean.calc_check_digit(body)


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def generate_articles(n: int, *, seed: int = 7) -> Iterator[ArticleRow]:
    rng = random.Random(seed)
    vat = {f.code: f.vat_rate for f in FAMILIES}
    cns = _cn_numbers(rng)
    labs = [code for code, _name in LABORATORIES]
    for i in range(n):
        roll = rng.random()
        location = f"CAJ-{rng.randint(1, 60):02d}-{rng.randint(1, 8)}"
        if i < len(SERVICES) or roll < 0.0005:
            name = SERVICES[i % len(SERVICES)] + ("" if i < len(SERVICES) else f" {i}")
            price = _money(rng.choice((3, 5, 10, 15, 25)))
            yield ArticleRow(f"S{i:05d}", name, "SER", None, "", "", "", price, Decimal("0.00"), vat["SER"],
                             Decimal(0), Decimal(0), (), unlimited=True)  # fmt: skip
            continue
        cn_body = f"{next(cns):06d}"
        code = cn_body + cn_check_digit(cn_body)
        if roll < 0.72:
            name, atc, strengths, forms, p_rx, p_psy, p_narc, p_fridge = rng.choice(INGREDIENTS)
            lab = rng.choice(labs)
            generic = rng.random() < 0.45 and not p_narc
            rx = p_rx >= 1 or rng.random() < p_rx
            form, pack = rng.choice(forms), rng.choice(PACKS)
            strength = rng.choice(strengths)
            description = f"{name} {lab} {strength} {pack} {form}" + (" EFG" if generic else "")
            fridge = bool(p_fridge)
            family = "EFG" if generic else ("MED" if rx else "EFP")
            price = _money(rng.uniform(1.5, 60) if not fridge else rng.uniform(20, 120))
            yield ArticleRow(
                code, description[:200], family, lab, atc, f"{pack} {form}".lower(),
                "NEVERA-1" if fridge else location, price, _money(float(price) * rng.uniform(0.55, 0.75)),
                vat[family], Decimal(rng.choice((0, 1, 2, 3, 5))), Decimal(rng.choice((0, 10, 20, 30))),
                (cn_to_ean13(code),), needs_prescription=rx or bool(p_narc), psychotropic=bool(p_psy),
                narcotic=bool(p_narc), fridge=fridge, generic=generic,
                excluded_funding=not rx and rng.random() < 0.5, advertised=not rx and rng.random() < 0.6,
                discontinued=rng.random() < 0.02,
            )  # fmt: skip
            continue
        family, products, (unit, sizes) = rng.choice(PARAPHARMACY)
        lab = rng.choice(labs)
        product = rng.choice(products)
        size = rng.choice(sizes)
        description = f"{lab} {product} {size} {unit}"
        barcodes = [_ean(rng.choice(("84", "30", "40", "80")), 1_000_000 + i)]
        if rng.random() < 0.05:
            short = f"2{i % 1_000_000:06d}"  # an in-store EAN-8 (prefix 2 is for restricted circulation)
            barcodes.append(short + ean.calc_check_digit(short))
        price = _money(rng.uniform(2, 45))
        yield ArticleRow(
            code, description, family, lab, "", f"{size} {unit}".lower(), f"EXP-{rng.randint(1, 30):02d}", price,
            _money(float(price) * rng.uniform(0.5, 0.7)), vat[family], Decimal(rng.choice((0, 1, 2))),
            Decimal(rng.choice((0, 6, 12))), tuple(barcodes), measure_unit=unit.lower(), measure_quantity=Decimal(size),
        )  # fmt: skip
