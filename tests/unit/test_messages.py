"""A Message is the Spanish text the domain always produced, and also the template and parameters the
counter needs to show it in another language."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from decimal import Decimal

import pytest

from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceConfigError
from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.sales.service import as_quantity
from farmapos.messages import Message, listing, msg, reason


def test_a_message_is_its_spanish_text() -> None:
    message = msg("Código desconocido: {code}.", code="654766")
    assert isinstance(message, str) and isinstance(message, Message)
    assert message == "Código desconocido: 654766."
    assert f"{message}" == "Código desconocido: 654766." and len(message) == len(
        "Código desconocido: 654766."
    )


def test_it_carries_its_template_and_parameters() -> None:
    message = msg("Sin stock suficiente de {article}: hay {available}.", article="IBUPROFENO", available="2")
    assert message.template == "Sin stock suficiente de {article}: hay {available}."
    assert dict(message.params) == {"article": "IBUPROFENO", "available": "2"}
    with pytest.raises(TypeError):
        message.params["article"] = "OTRO"  # type: ignore[index]


def test_an_exception_reads_as_before() -> None:
    exc = NotFound(msg("Código desconocido: {code}.", code="654766"))
    assert str(exc) == "Código desconocido: 654766."
    assert type(str(exc)) is str
    assert exc.args[0].template == "Código desconocido: {code}."
    with pytest.raises(NotFound, match="Código desconocido: 654766"):
        raise exc


def test_a_missing_or_misnamed_parameter_fails_where_the_message_is_made() -> None:
    with pytest.raises(KeyError):
        msg("Código desconocido: {code}.")
    with pytest.raises(KeyError):
        msg("Código desconocido: {code}.", text="654766")


def test_what_the_code_does_with_messages() -> None:
    message = msg("Lote {batch} nuevo: queda marcado para revisar.", batch="L1")
    assert type(message + " Más.") is str  # a new text is plain Spanish, as documented
    assert type(message.lower()) is str
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(message, protocol))
        assert type(again) is Message and again == message
        assert again.template == message.template and dict(again.params) == dict(message.params)
    error = pickle.loads(pickle.dumps(ValidationError(message)))
    assert error.args[0].template == message.template

    @dataclass(frozen=True)
    class Event:
        kind: str
        message: str

    assert Event("lot_created", message).message.template == message.template


def test_reason_keeps_the_message_of_an_exception() -> None:
    inner = msg("sin papel")
    assert reason(DeviceConfigError(inner)) is inner
    assert reason(OSError("No such file")) == "No such file"
    assert reason(ValueError()) == ""


def test_listing_joins_like_spanish_text_and_stays_a_message() -> None:
    assert listing([]) == ""
    assert listing([msg("médico")]) == "médico"
    joined = listing([msg("nombre del paciente"), msg("médico"), "otro"])
    assert joined == "nombre del paciente, médico, otro"
    assert isinstance(joined, Message) and joined.template == "{items}, {item}"


def test_domain_and_device_errors_carry_messages() -> None:
    with pytest.raises(ValidationError) as invalid:
        as_quantity("dos")
    assert str(invalid.value) == "Cantidad no válida: 'dos'."
    assert invalid.value.args[0].template == "Cantidad no válida: {value!r}."
    with pytest.raises(ValidationError) as too_many:
        as_quantity(Decimal("10000"))
    assert str(too_many.value) == "Cantidad excesiva (10000); el máximo por línea es 9999."

    with pytest.raises(DeviceConfigError) as device:
        parse_uri("tcp://:9100", "printer")
    assert str(device.value) == "printer: 'tcp://:9100' no indica el host (tcp://host:9100)."
    problem = device.value.args[0].params["problem"]
    assert problem.template == "no indica el host (tcp://host:9100)."
