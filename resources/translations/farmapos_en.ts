<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>ArticleDialog</name>
    <message>
        <source>Receta</source>
        <translation>Prescription only</translation>
    </message>
    <message>
        <source>Psicótropo</source>
        <translation>Psychotropic</translation>
    </message>
    <message>
        <source>Estupefaciente</source>
        <translation>Narcotic</translation>
    </message>
    <message>
        <source>Nevera</source>
        <translation>Fridge</translation>
    </message>
    <message>
        <source>EFG</source>
        <translation>Generic (EFG)</translation>
    </message>
    <message>
        <source>Sin stock (servicio)</source>
        <translation>No stock (service)</translation>
    </message>
    <message>
        <source>Baja</source>
        <translation>Discontinued</translation>
    </message>
    <message>
        <source>Ficha de artículo</source>
        <translation>Product details</translation>
    </message>
    <message>
        <source>Nuevo artículo</source>
        <translation>New product</translation>
    </message>
    <message>
        <source>Código (CN o interno)</source>
        <translation>Code (CN or in-house)</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>PVP</source>
        <translation>Retail price</translation>
    </message>
    <message>
        <source>IVA %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <source>Familia</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Códigos de barras</source>
        <translation>Barcodes</translation>
    </message>
    <message>
        <source>Sinónimos</source>
        <translation>Synonyms</translation>
    </message>
    <message>
        <source>Ubicación</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Mínimo</source>
        <translation>Minimum stock</translation>
    </message>
    <message>
        <source>Máximo</source>
        <translation>Maximum stock</translation>
    </message>
</context>
<context>
    <name>ArticlePanel</name>
    <message>
        <source>sin control de stock</source>
        <translation>stock not tracked</translation>
    </message>
    <message>
        <source>stock {0} (mín {1}, máx {2})</source>
        <translation>stock {0} (min {1}, max {2})</translation>
    </message>
    <message>
        <source>RECETA</source>
        <translation>PRESCRIPTION</translation>
    </message>
    <message>
        <source>PSICÓTROPO</source>
        <translation>PSYCHOTROPIC</translation>
    </message>
    <message>
        <source>ESTUPEFACIENTE</source>
        <translation>NARCOTIC</translation>
    </message>
    <message>
        <source>NEVERA</source>
        <translation>FRIDGE</translation>
    </message>
    <message>
        <source>EFG</source>
        <translation>GENERIC</translation>
    </message>
    <message>
        <source>pendientes de recibir: {0}</source>
        <translation>on order: {0}</translation>
    </message>
    <message>
        <source>sin pedidos pendientes</source>
        <translation>nothing on order</translation>
    </message>
    <message>
        <source>PVP {0} · IVA {1}</source>
        <translation>Price {0} · VAT {1}</translation>
    </message>
    <message>
        <source>Ubicación {0}</source>
        <translation>Location {0}</translation>
    </message>
    <message>
        <source>caducidad más próxima {0}</source>
        <translation>earliest expiry {0}</translation>
    </message>
</context>
<context>
    <name>BackOfficeDialog</name>
    <message>
        <source>abierto</source>
        <translation>open</translation>
    </message>
    <message>
        <source>lleno</source>
        <translation>full</translation>
    </message>
    <message>
        <source>cerrado</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>facturado</source>
        <translation>billed</translation>
    </message>
    <message>
        <source>dispensación</source>
        <translation>dispensing</translation>
    </message>
    <message>
        <source>devolución</source>
        <translation>return</translation>
    </message>
    <message>
        <source>entrada</source>
        <translation>receipt</translation>
    </message>
    <message>
        <source>corrección</source>
        <translation>correction</translation>
    </message>
    <message>
        <source>Trastienda</source>
        <translation>Back office</translation>
    </message>
    <message>
        <source>Bloques de recetas</source>
        <translation>Prescription blocks</translation>
    </message>
    <message>
        <source>Facturación</source>
        <translation>Billing</translation>
    </message>
    <message>
        <source>Libro recetario</source>
        <translation>Register book</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Nº</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recetas</source>
        <translation>Prescriptions</translation>
    </message>
    <message>
        <source>PVP</source>
        <translation>Retail value</translation>
    </message>
    <message>
        <source>Aportación</source>
        <translation>Co-payment</translation>
    </message>
    <message>
        <source>Abierto</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Cerrado</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Cerrar bloque</source>
        <translation>Close block</translation>
    </message>
    <message>
        <source>Solapa PDF…</source>
        <translation>Cover sheet PDF…</translation>
    </message>
    <message>
        <source>Elija un bloque.</source>
        <translation>Select a block.</translation>
    </message>
    <message>
        <source>Bloque {0} {1} cerrado.</source>
        <translation>Block {0} {1} closed.</translation>
    </message>
    <message>
        <source>Solapa</source>
        <translation>Cover sheet</translation>
    </message>
    <message>
        <source>solapa-{0}-{1}.pdf</source>
        <translation>cover-{0}-{1}.pdf</translation>
    </message>
    <message>
        <source>Solapa guardada en {0}</source>
        <translation>Cover sheet saved to {0}</translation>
    </message>
    <message>
        <source>Vista previa</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Facturación definitiva</source>
        <translation>Final billing</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>A facturar</source>
        <translation>To invoice</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>Discrepancia</source>
        <translation>Discrepancy</translation>
    </message>
    <message>
        <source>Definitiva</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Borrador: aún se puede corregir</source>
        <translation>Draft: it can still be corrected</translation>
    </message>
    <message>
        <source>facturacion.pdf</source>
        <translation>billing.pdf</translation>
    </message>
    <message>
        <source>Facturación guardada en {0}</source>
        <translation>Billing saved to {0}</translation>
    </message>
    <message>
        <source>Psicótropos</source>
        <translation>Psychotropics</translation>
    </message>
    <message>
        <source>Estupefacientes</source>
        <translation>Narcotics</translation>
    </message>
    <message>
        <source>Ver</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>CN</source>
        <translation>CN</translation>
    </message>
    <message>
        <source>Medicamento</source>
        <translation>Medicine</translation>
    </message>
    <message>
        <source>Uds.</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Paciente</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Médico</source>
        <translation>Prescriber</translation>
    </message>
    <message>
        <source>Existencia</source>
        <translation>Stock after</translation>
    </message>
    <message>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Fechas AAAA-MM-DD.</source>
        <translation>Dates as YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Libro</source>
        <translation>Register book</translation>
    </message>
    <message>
        <source>libro.pdf</source>
        <translation>register-book.pdf</translation>
    </message>
    <message>
        <source>Libro guardado en {0}</source>
        <translation>Register book saved to {0}</translation>
    </message>
</context>
<context>
    <name>CashCloseDialog</name>
    <message>
        <source>Cierre de caja</source>
        <translation>Cash close</translation>
    </message>
    <message>
        <source>Contado</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Se deja en caja</source>
        <translation>Float left in the drawer</translation>
    </message>
    <message>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Esperado {0} · contado {1} · diferencia {2}</source>
        <translation>Expected {0} · counted {1} · difference {2}</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>sin configurar</source>
        <translation>not set up</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>sin comprobar</source>
        <translation>not checked</translation>
    </message>
    <message>
        <source>conectado</source>
        <translation>online</translation>
    </message>
    <message>
        <source>desconectado</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>teclado</source>
        <translation>keyboard</translation>
    </message>
    <message>
        <source>serie</source>
        <translation>serial</translation>
    </message>
    <message>
        <source>sin papel</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <source>apagada</source>
        <translation>off</translation>
    </message>
    <message>
        <source>Tamaño del texto: {0} %</source>
        <translation>Text size: {0} %</translation>
    </message>
    <message>
        <source>La base de datos no responde: la acción no se ha hecho, repítala.</source>
        <translation>The database is not answering: nothing was done, please try again.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN de {0}:</source>
        <translation>{0}&apos;s PIN:</translation>
    </message>
    <message>
        <source>PIN incorrecto.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Vendedor</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>Abrir ventana de:</source>
        <translation>Open a window for:</translation>
    </message>
    <message>
        <source>Abrir caja</source>
        <translation>Open the till</translation>
    </message>
    <message>
        <source>{0}
Fondo de caja:</source>
        <translation>{0}
Opening float:</translation>
    </message>
    <message>
        <source>Dispositivos guardados y en uso.</source>
        <translation>Devices saved and in use.</translation>
    </message>
    <message>
        <source>Abrir cajón</source>
        <translation>Open the drawer</translation>
    </message>
    <message>
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>{0} · {1} · {2} · impresora {3} · visor {4} · cajón {5} · lector {6}</source>
        <translation>{0} · {1} · {2} · printer {3} · display {4} · drawer {5} · scanner {6}</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Nombre, teléfono, NIF o tarjeta sanitaria · F5 nuevo cliente</source>
        <translation>Name, phone, tax ID or health card · F5 new customer</translation>
    </message>
    <message>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIF</source>
        <translation>Tax ID</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Debe</source>
        <translation>Owes</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <source>Dispositivos de este mostrador</source>
        <translation>Devices at this counter</translation>
    </message>
    <message>
        <source>Impresora</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Visor</source>
        <translation>Customer display</translation>
    </message>
    <message>
        <source>Cajón</source>
        <translation>Cash drawer</translation>
    </message>
    <message>
        <source>Lector</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Columnas (32/42/48)</source>
        <translation>Columns (32/42/48)</translation>
    </message>
    <message>
        <source>Perfil de impresora</source>
        <translation>Printer profile</translation>
    </message>
    <message>
        <source>Página de códigos</source>
        <translation>Code page</translation>
    </message>
    <message>
        <source>Ej.: usb://04b8:0202 · tcp://192.168.1.50:9100 · serial:///dev/ttyS1?baudrate=9600&amp;protocol=cd5220 · printer:2 · file:///ruta · sim:// · none</source>
        <translation>E.g.: usb://04b8:0202 · tcp://192.168.1.50:9100 · serial:///dev/ttyS1?baudrate=9600&amp;protocol=cd5220 · printer:2 · file:///path · sim:// · none</translation>
    </message>
</context>
<context>
    <name>DevicesBridge</name>
    <message>
        <source>Impresora</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Visor</source>
        <translation>Customer display</translation>
    </message>
    <message>
        <source>Impresora: {0}. El ticket queda en cola (Ctrl+R reintenta).</source>
        <translation>Printer: {0}. The ticket stays in the queue (Ctrl+R retries).</translation>
    </message>
    <message>
        <source>Cajón</source>
        <translation>Cash drawer</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>10% o 2,50</source>
        <translation>10% or 2.50</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>PVP</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Ubic.</source>
        <translation>Location</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <source>Nuevo cliente</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIF</source>
        <translation>Tax ID</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tarjeta sanitaria</source>
        <translation>Health card</translation>
    </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <source>Cobrar</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Entregado (Intro: importe exacto) · F5 tarjeta · F6 a cuenta</source>
        <translation>Amount tendered (Enter: exact amount) · F5 card · F6 on account</translation>
    </message>
    <message>
        <source>Importe no válido</source>
        <translation>Not a valid amount</translation>
    </message>
    <message>
        <source>Faltan {0}</source>
        <translation>{0} short</translation>
    </message>
</context>
<context>
    <name>PrescriptionDialog</name>
    <message>
        <source>Receta</source>
        <translation>Prescription</translation>
    </message>
    <message>
        <source>Receta pendiente (P)</source>
        <translation>Prescription to follow (P)</translation>
    </message>
    <message>
        <source>Enter elige · P pendiente · Supr venta libre · Esc cancela</source>
        <translation>Enter chooses · P to follow · Del no prescription · Esc cancels</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Libro recetario</source>
        <translation>Register book</translation>
    </message>
    <message>
        <source>Venta sin receta (psicótropo)</source>
        <translation>Sold without a prescription (psychotropic)</translation>
    </message>
    <message>
        <source>Paciente</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>DNI/NIE del paciente</source>
        <translation>Patient&apos;s ID (DNI/NIE)</translation>
    </message>
    <message>
        <source>Médico</source>
        <translation>Prescriber</translation>
    </message>
    <message>
        <source>Nº de colegiado</source>
        <translation>Prescriber&apos;s licence no.</translation>
    </message>
    <message>
        <source>Nº de receta</source>
        <translation>Prescription no.</translation>
    </message>
    <message>
        <source>Documento de quien recoge</source>
        <translation>ID of the person collecting</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Devolución</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Número de ticket (escanee el código de barras del ticket)</source>
        <translation>Ticket number (scan the barcode on the ticket)</translation>
    </message>
    <message>
        <source>Ticket {0}: {1}</source>
        <translation>Ticket {0}: {1}</translation>
    </message>
    <message>
        <source>{0} · vendido {1}</source>
        <translation>{0} · sold {1}</translation>
    </message>
    <message>
        <source>Indique qué se devuelve.</source>
        <translation>Enter what is being returned.</translation>
    </message>
</context>
<context>
    <name>SaleLinesModel</name>
    <message>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Cant.</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>PVP</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Dto.</source>
        <translation>Disc.</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Receta</source>
        <translation>Rx</translation>
    </message>
    <message>
        <source>{0} pdte.</source>
        <translation>{0} pending</translation>
    </message>
</context>
<context>
    <name>SaleWidget</name>
    <message>
        <source>Código o escaneo · F2 buscar · F12 cobrar</source>
        <translation>Code or scan · F2 search · F12 pay</translation>
    </message>
    <message>
        <source>Total: {0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <source>Líneas: {0} · unidades: {1} · descuento: {2}</source>
        <translation>Lines: {0} · units: {1} · discount: {2}</translation>
    </message>
    <message>
        <source>Error interno ({0}): la operación no se hizo; consulte el registro.</source>
        <translation>Internal error ({0}): nothing was done; see the log.</translation>
    </message>
    <message>
        <source>Serie {0} · lote {1} · caduca {2}</source>
        <translation>Serial {0} · batch {1} · expires {2}</translation>
    </message>
    <message>
        <source>Confirme lote y caducidad</source>
        <translation>Confirm batch and expiry</translation>
    </message>
    <message>
        <source>Envase no añadido: confirme el lote y la caducidad.</source>
        <translation>Pack not added: confirm the batch and expiry date.</translation>
    </message>
    <message>
        <source>Faltan los datos del libro recetario: la venta no se podrá cobrar sin ellos.</source>
        <translation>Register book details are missing: the sale cannot be paid until they are entered.</translation>
    </message>
    <message>
        <source>Elija una línea.</source>
        <translation>Select a line first.</translation>
    </message>
    <message>
        <source>Descuento en el total</source>
        <translation>Discount on the total</translation>
    </message>
    <message>
        <source>Descuento en la línea</source>
        <translation>Discount on the line</translation>
    </message>
    <message>
        <source>Artículo guardado.</source>
        <translation>Product saved.</translation>
    </message>
    <message>
        <source>Devolución {0}: {1}</source>
        <translation>Return {0}: {1}</translation>
    </message>
    <message>
        <source>La venta está vacía.</source>
        <translation>The sale is empty.</translation>
    </message>
    <message>
        <source>La venta ha cambiado mientras se cobraba: cobre de nuevo (F12).</source>
        <translation>The sale changed while it was being paid: take the payment again (F12).</translation>
    </message>
    <message>
        <source>Último: {0} · entregado {1} · cambio {2}</source>
        <translation>Last sale: {0} · tendered {1} · change {2}</translation>
    </message>
    <message>
        <source>No hay ventas aparcadas.</source>
        <translation>There are no parked sales.</translation>
    </message>
    <message>
        <source>Ventas aparcadas</source>
        <translation>Parked sales</translation>
    </message>
    <message>
        <source>Recuperar:</source>
        <translation>Resume:</translation>
    </message>
    <message>
        <source>Anular venta</source>
        <translation>Cancel sale</translation>
    </message>
    <message>
        <source>¿Anular la venta entera?</source>
        <translation>Cancel the whole sale?</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Buscar artículo</source>
        <translation>Find a product</translation>
    </message>
    <message>
        <source>Escriba parte de la descripción…</source>
        <translation>Type part of the description…</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>«{0}» no es un importe.</source>
        <translation>“{0}” is not an amount.</translation>
    </message>
</context>
<context>
    <name>run_counter</name>
    <message>
        <source>Dispositivos desactivados: {0}</source>
        <translation>Devices disabled: {0}</translation>
    </message>
</context>
</TS>
