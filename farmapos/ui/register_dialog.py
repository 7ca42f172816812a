"""Register-book data for a psychotropic or narcotic, asked at the counter when the line is added."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit

from farmapos.domain.register import RegisterData


class RegisterDialog(QDialog):
    """Enter moves to the next field; Enter on the last accepts; Esc leaves the line without data."""

    def __init__(self, description: str, narcotic: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Libro recetario"))
        self.narcotic = narcotic
        self.patient = QLineEdit()
        self.patient_id = QLineEdit()
        self.prescriber = QLineEdit()
        self.prescriber_number = QLineEdit()
        self.prescription = QLineEdit()
        self.collector_id = QLineEdit()
        self.free_sale = QCheckBox(self.tr("Venta sin receta (psicótropo)"))
        self.fields = [
            self.patient,
            self.patient_id,
            self.prescriber,
            self.prescriber_number,
            self.prescription,
        ]
        layout = QFormLayout(self)
        layout.addRow(QLabel(description))
        layout.addRow(self.tr("Paciente"), self.patient)
        layout.addRow(self.tr("DNI/NIE del paciente"), self.patient_id)
        layout.addRow(self.tr("Médico"), self.prescriber)
        layout.addRow(self.tr("Nº de colegiado"), self.prescriber_number)
        layout.addRow(self.tr("Nº de receta"), self.prescription)
        if narcotic:
            layout.addRow(self.tr("Documento de quien recoge"), self.collector_id)
            self.fields.append(self.collector_id)
        else:
            layout.addRow(self.free_sale)
        for current, following in zip(self.fields, self.fields[1:], strict=False):
            current.returnPressed.connect(following.setFocus)
        self.fields[-1].returnPressed.connect(self.accept)
        self.patient.setFocus()

    def data(self) -> RegisterData:
        return RegisterData(
            patient_name=self.patient.text().strip(),
            patient_id_document=self.patient_id.text().strip().upper(),
            prescriber_name=self.prescriber.text().strip(),
            prescriber_number=self.prescriber_number.text().strip(),
            prescription_number=self.prescription.text().strip(),
            collector_id_document=self.collector_id.text().strip().upper(),
            on_prescription=not self.free_sale.isChecked(),
        )
