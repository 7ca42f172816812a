<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>messages</name>
    <message>
        <source>Ajustes de dispositivos desconocidos: {names}.</source>
        <translation>Unknown device settings: {names}.</translation>
    </message>
    <message>
        <source>Ancho de papel {width} mm no admitido (58 u 80).</source>
        <translation>Paper width of {width} mm is not supported (58 or 80).</translation>
    </message>
    <message>
        <source>Bloque {copay} {block} completo.</source>
        <translation>Block {copay} {block} is complete.</translation>
    </message>
    <message>
        <source>CN {code}: dígito de control erróneo (correcto: {expected}).</source>
        <translation>CN {code}: wrong check digit (correct: {expected}).</translation>
    </message>
    <message>
        <source>Cantidad con demasiados decimales ({quantity}).</source>
        <translation>Quantity with too many decimals ({quantity}).</translation>
    </message>
    <message>
        <source>Cantidad excesiva ({quantity}); el máximo por línea es {maximum}.</source>
        <translation>Quantity too large ({quantity}); the maximum per line is {maximum}.</translation>
    </message>
    <message>
        <source>Cantidad no válida: {value!r}.</source>
        <translation>Invalid quantity: {value!r}.</translation>
    </message>
    <message>
        <source>Color no válido: {value!r}; use el formato #RRGGBB.</source>
        <translation>Invalid colour: {value!r}; use the #RRGGBB format.</translation>
    </message>
    <message>
        <source>Columnas de impresora no válidas: {columns} (32, 42 o 48).</source>
        <translation>Invalid printer columns: {columns} (32, 42 or 48).</translation>
    </message>
    <message>
        <source>Con ese descuento, {article} quedaría con un {pct}: el máximo permitido es {maximum}.</source>
        <translation>With that discount, {article} would be {pct} off: the maximum allowed is {maximum}.</translation>
    </message>
    <message>
        <source>Contenido demasiado largo para un código QR.</source>
        <translation>Too much content for a QR code.</translation>
    </message>
    <message>
        <source>Correo electrónico no válido: {email!r}.</source>
        <translation>Invalid email address: {email!r}.</translation>
    </message>
    <message>
        <source>Coste</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Coste medio</source>
        <translation>Average cost</translation>
    </message>
    <message>
        <source>Código DataMatrix no válido: {reason}</source>
        <translation>Invalid DataMatrix code: {reason}</translation>
    </message>
    <message>
        <source>Código demasiado largo (máximo 40 caracteres): {code!r}.</source>
        <translation>Code too long (40 characters at most): {code!r}.</translation>
    </message>
    <message>
        <source>Código demasiado largo para un Code 128 en la impresora.</source>
        <translation>Code too long for a Code 128 on the printer.</translation>
    </message>
    <message>
        <source>Código desconocido: {code}.</source>
        <translation>Unknown code: {code}.</translation>
    </message>
    <message>
        <source>Código nacional no válido: {code!r} (6 dígitos, o 7 con el de control).</source>
        <translation>Invalid national code (CN): {code!r} (6 digits, or 7 with the check digit).</translation>
    </message>
    <message>
        <source>Códigos repetidos en el artículo: {codes}.</source>
        <translation>The article has repeated codes: {codes}.</translation>
    </message>
    <message>
        <source>De {article} se vendieron {sold} y quedan {left} por devolver.</source>
        <translation>{sold} of {article} were sold and {left} are left to return.</translation>
    </message>
    <message>
        <source>Descuento del {pct} sobre {article}: el máximo permitido es {maximum}.</source>
        <translation>A {pct} discount on {article}: the maximum allowed is {maximum}.</translation>
    </message>
    <message>
        <source>Dto. máx.</source>
        <translation>Max. disc.</translation>
    </message>
    <message>
        <source>El DataMatrix contradice su código nacional: GTIN {gtin} y AI 712 {code}.</source>
        <translation>The DataMatrix contradicts its national code: GTIN {gtin} and AI 712 {code}.</translation>
    </message>
    <message>
        <source>El DataMatrix no es una cadena GS1 válida: {reason}</source>
        <translation>The DataMatrix is not a valid GS1 element string: {reason}</translation>
    </message>
    <message>
        <source>El DataMatrix no lleva GTIN (AI 01).</source>
        <translation>The DataMatrix has no GTIN (AI 01).</translation>
    </message>
    <message>
        <source>El DataMatrix repite el AI {ai}.</source>
        <translation>The DataMatrix repeats AI {ai}.</translation>
    </message>
    <message>
        <source>El DataMatrix se leyó sin separadores y admite {count} lecturas; elija la que coincide con el lote y la caducidad impresos en el envase.</source>
        <translation>The DataMatrix was read without separators and can be read {count} ways; choose the one matching the batch and expiry printed on the pack.</translation>
    </message>
    <message>
        <source>El GTIN {gtin} tiene el dígito de control erróneo: vuelva a escanear.</source>
        <translation>GTIN {gtin} has a wrong check digit: scan it again.</translation>
    </message>
    <message>
        <source>El PIN debe tener entre 4 y 12 cifras.</source>
        <translation>The PIN must have 4 to 12 digits.</translation>
    </message>
    <message>
        <source>El PVP lleva como mucho dos decimales ({price}).</source>
        <translation>The retail price has two decimals at most ({price}).</translation>
    </message>
    <message>
        <source>El PVP no puede ser negativo ({price}).</source>
        <translation>The retail price cannot be negative ({price}).</translation>
    </message>
    <message>
        <source>El albarán no tiene líneas.</source>
        <translation>The delivery note has no lines.</translation>
    </message>
    <message>
        <source>El bloque {copay} {block} ya está cerrado.</source>
        <translation>Block {copay} {block} is already closed.</translation>
    </message>
    <message>
        <source>El cajón se abre por la impresora y no hay impresora configurada.</source>
        <translation>The cash drawer opens through the printer and no printer is set up.</translation>
    </message>
    <message>
        <source>El coste no puede ser negativo.</source>
        <translation>The cost cannot be negative.</translation>
    </message>
    <message>
        <source>El código QR ({count} módulos) no cabe en papel de {columns} columnas.</source>
        <translation>The QR code ({count} modules) does not fit on {columns}-column paper.</translation>
    </message>
    <message>
        <source>El código del envase se leyó sin separadores y admite varias lecturas; confirme lote y caducidad.</source>
        <translation>The pack code was read without separators and can be read several ways; confirm the batch and expiry.</translation>
    </message>
    <message>
        <source>El código está vacío.</source>
        <translation>The code is empty.</translation>
    </message>
    <message>
        <source>El código nacional {code!r} del DataMatrix (AI 712) no es válido.</source>
        <translation>The DataMatrix national code {code!r} (AI 712) is not valid.</translation>
    </message>
    <message>
        <source>El código {code!r} es demasiado largo para un código de barras en {columns} columnas.</source>
        <translation>The code {code!r} is too long for a barcode in {columns} columns.</translation>
    </message>
    <message>
        <source>El código {code!r} es demasiado largo para una etiqueta de {width} mm.</source>
        <translation>The code {code!r} is too long for a {width} mm label.</translation>
    </message>
    <message>
        <source>El código {code!r} no empieza por el GTIN (AI 01 y 14 dígitos).</source>
        <translation>The code {code!r} does not start with the GTIN (AI 01 and 14 digits).</translation>
    </message>
    <message>
        <source>El código {code!r} no se puede imprimir como Code 128 (solo ASCII imprimible).</source>
        <translation>The code {code!r} cannot be printed as Code 128 (printable ASCII only).</translation>
    </message>
    <message>
        <source>El código {code} no es un EAN-13 válido (el dígito de control debería ser {digit}); corríjalo en la ficha del artículo.</source>
        <translation>The code {code} is not a valid EAN-13 (the check digit should be {digit}); correct it on the article&apos;s record.</translation>
    </message>
    <message>
        <source>El código {code} ya es del artículo {article_code} {article}.</source>
        <translation>The code {code} already belongs to article {article_code} {article}.</translation>
    </message>
    <message>
        <source>El descuento debe estar entre 0 y 100 % y no ser negativo.</source>
        <translation>The discount must be between 0 and 100% and not negative.</translation>
    </message>
    <message>
        <source>El descuento del cliente debe estar entre 0 y 100 % ({value}).</source>
        <translation>The customer&apos;s discount must be between 0 and 100% ({value}).</translation>
    </message>
    <message>
        <source>El descuento máximo debe estar entre 0 y 100 %.</source>
        <translation>The maximum discount must be between 0 and 100%.</translation>
    </message>
    <message>
        <source>El dígito de control del código de barras {code} es erróneo (debería ser {expected}).</source>
        <translation>The check digit of barcode {code} is wrong (it should be {expected}).</translation>
    </message>
    <message>
        <source>El efectivo contado y el que se deja no pueden ser negativos.</source>
        <translation>The cash counted and the cash left in the drawer cannot be negative.</translation>
    </message>
    <message>
        <source>El fichero está vacío.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>El fondo de caja no puede ser negativo.</source>
        <translation>The opening float cannot be negative.</translation>
    </message>
    <message>
        <source>El importe debe ser positivo.</source>
        <translation>The amount must be positive.</translation>
    </message>
    <message>
        <source>El importe {key} no puede ser negativo ({value}).</source>
        <translation>The amount {key} cannot be negative ({value}).</translation>
    </message>
    <message>
        <source>El lector {setting!r} no es serie: no hay nada que abrir.</source>
        <translation>The scanner {setting!r} is not a serial one: there is nothing to open.</translation>
    </message>
    <message>
        <source>El libro ya tiene asientos; su numeración no se puede cambiar.</source>
        <translation>The register book already has entries; its numbering cannot be changed.</translation>
    </message>
    <message>
        <source>El lote está vacío.</source>
        <translation>The batch is empty.</translation>
    </message>
    <message>
        <source>El lote {batch} ya existe con caducidad {expiry}, no {other}; revise el lote.</source>
        <translation>Batch {batch} already exists with expiry {expiry}, not {other}; check the batch.</translation>
    </message>
    <message>
        <source>El límite de crédito no puede ser negativo ({value}).</source>
        <translation>The credit limit cannot be negative ({value}).</translation>
    </message>
    <message>
        <source>El nombre del cliente está vacío.</source>
        <translation>The customer&apos;s name is empty.</translation>
    </message>
    <message>
        <source>El pedido no tiene líneas.</source>
        <translation>The order has no lines.</translation>
    </message>
    <message>
        <source>El pedido {number} es un borrador: márquelo como enviado antes de recibirlo.</source>
        <translation>Order {number} is a draft: mark it as sent before receiving it.</translation>
    </message>
    <message>
        <source>El pedido {number} está {state}; no admite recepciones.</source>
        <translation>Order {number} is {state}; nothing more can be received on it.</translation>
    </message>
    <message>
        <source>El pedido {number} no tiene líneas.</source>
        <translation>Order {number} has no lines.</translation>
    </message>
    <message>
        <source>El pedido {number} ya está {state}; no se puede anular.</source>
        <translation>Order {number} is already {state}; it cannot be cancelled.</translation>
    </message>
    <message>
        <source>El pedido {number} ya está {state}; solo se envía un borrador.</source>
        <translation>Order {number} is already {state}; only a draft can be sent.</translation>
    </message>
    <message>
        <source>El porcentaje del paciente debe estar entre 0 y 100.</source>
        <translation>The patient&apos;s percentage must be between 0 and 100.</translation>
    </message>
    <message>
        <source>El proveedor necesita un nombre.</source>
        <translation>The supplier needs a name.</translation>
    </message>
    <message>
        <source>El proveedor {code} está dado de baja; no admite pedidos.</source>
        <translation>Supplier {code} is discontinued; it takes no orders.</translation>
    </message>
    <message>
        <source>El stock máximo ({maximum}) es menor que el mínimo ({minimum}).</source>
        <translation>The maximum stock ({maximum}) is below the minimum ({minimum}).</translation>
    </message>
    <message>
        <source>El stock mínimo y el máximo no pueden ser negativos.</source>
        <translation>The minimum and maximum stock cannot be negative.</translation>
    </message>
    <message>
        <source>El ticket {number} ya tiene factura.</source>
        <translation>Ticket {number} already has an invoice.</translation>
    </message>
    <message>
        <source>El tipo de aportación necesita código y nombre.</source>
        <translation>The co-payment type needs a code and a name.</translation>
    </message>
    <message>
        <source>El vendedor necesita código y nombre.</source>
        <translation>The seller needs a code and a name.</translation>
    </message>
    <message>
        <source>Elija qué líneas se devuelven.</source>
        <translation>Choose the lines to return.</translation>
    </message>
    <message>
        <source>En el cajón debería haber {in_drawer} y la devolución es de {refund}: devuélvalo de otra forma o desde la caja fuerte.</source>
        <translation>There should be {in_drawer} in the drawer and the refund is {refund}: give it back another way or from the safe.</translation>
    </message>
    <message>
        <source>En el cajón debería haber {in_drawer} y se quieren sacar {amount}: páguelo de otra forma o desde la caja fuerte.</source>
        <translation>There should be {in_drawer} in the drawer and {amount} is to be taken out: pay it another way or from the safe.</translation>
    </message>
    <message>
        <source>Entregado {tendered}: faltan {short}.</source>
        <translation>{tendered} tendered: {short} short.</translation>
    </message>
    <message>
        <source>Envase desconocido: GTIN {gtin} no está en el catálogo.</source>
        <translation>Unknown pack: GTIN {gtin} is not in the catalogue.</translation>
    </message>
    <message>
        <source>Error de red con {target}: {reason}</source>
        <translation>Network error with {target}: {reason}</translation>
    </message>
    <message>
        <source>Esta base de datos no tiene farmacia ni mostradores: cree la demo con `farmapos demo-data` o configure la farmacia.</source>
        <translation>This database has no pharmacy or counters: create the demo with `farmapos demo-data` or set up the pharmacy.</translation>
    </message>
    <message>
        <source>Esta base de datos no tiene farmacia ni mostradores: cree la demo con `farmapos demo-data` o revise el mostrador {code!r}.</source>
        <translation>This database has no pharmacy or counters: create the demo with `farmapos demo-data` or check the counter {code!r}.</translation>
    </message>
    <message>
        <source>Esta base de datos ya tiene una farmacia.</source>
        <translation>This database already has a pharmacy.</translation>
    </message>
    <message>
        <source>Estado de pedido desconocido: {states}.</source>
        <translation>Unknown order state: {states}.</translation>
    </message>
    <message>
        <source>Este envase (número de serie {serial}) ya está en la venta.</source>
        <translation>This pack (serial number {serial}) is already in the sale.</translation>
    </message>
    <message>
        <source>Este vendedor no tiene permiso para abrir el cajón.</source>
        <translation>This seller is not allowed to open the cash drawer.</translation>
    </message>
    <message>
        <source>Explique la corrección.</source>
        <translation>Explain the correction.</translation>
    </message>
    <message>
        <source>Falta configurar la farmacia (NIF) antes de vender.</source>
        <translation>Set up the pharmacy (its NIF tax ID) before selling.</translation>
    </message>
    <message>
        <source>Faltan columnas obligatorias en la cabecera: {columns}.</source>
        <translation>Required columns are missing from the header: {columns}.</translation>
    </message>
    <message>
        <source>Fecha de caducidad imposible en el DataMatrix ({reason}).</source>
        <translation>Impossible expiry date in the DataMatrix ({reason}).</translation>
    </message>
    <message>
        <source>Forma de pago desconocida: {method!r}.</source>
        <translation>Unknown payment method: {method!r}.</translation>
    </message>
    <message>
        <source>Forma de pago no válida para cobrar una deuda: {method!r}.</source>
        <translation>Payment method not valid for collecting a debt: {method!r}.</translation>
    </message>
    <message>
        <source>Formato de etiquetas desconocido: {layout!r} ({layouts}).</source>
        <translation>Unknown label format: {layout!r} ({layouts}).</translation>
    </message>
    <message>
        <source>Hay {count} discrepancias; corríjalas antes de facturar.</source>
        <translation>There are {count} discrepancies; correct them before billing.</translation>
    </message>
    <message>
        <source>IVA</source>
        <translation>VAT</translation>
    </message>
    <message>
        <source>Impresora USB {target} no encontrada o sin permiso: {reason}</source>
        <translation>USB printer {target} not found or not permitted: {reason}</translation>
    </message>
    <message>
        <source>Impresora USB {target}: {reason}</source>
        <translation>USB printer {target}: {reason}</translation>
    </message>
    <message>
        <source>Indique cómo se paga.</source>
        <translation>Choose how the sale is paid.</translation>
    </message>
    <message>
        <source>Indique el descuento como porcentaje o como importe, no ambos.</source>
        <translation>Give the discount as a percentage or as an amount, not both.</translation>
    </message>
    <message>
        <source>Indique el efectivo contado: por billetes y monedas o como importe total.</source>
        <translation>Enter the cash counted: by notes and coins or as a total amount.</translation>
    </message>
    <message>
        <source>Indique el motivo del movimiento de caja.</source>
        <translation>Enter the reason for the cash movement.</translation>
    </message>
    <message>
        <source>Indique el número de albarán.</source>
        <translation>Enter the delivery note number.</translation>
    </message>
    <message>
        <source>Indique el tipo de IVA o una familia que lo tenga.</source>
        <translation>Give the VAT rate or a family that has one.</translation>
    </message>
    <message>
        <source>Indique el tipo de tarjeta.</source>
        <translation>Choose the card type.</translation>
    </message>
    <message>
        <source>Indique por qué se abre el cajón.</source>
        <translation>Say why the cash drawer is being opened.</translation>
    </message>
    <message>
        <source>La base de datos está en la versión {current} y esta versión de farmapos necesita la {head}. Actualícela con `farmapos db upgrade` (haga antes una copia de seguridad).</source>
        <translation>The database is at version {current} and this version of farmapos needs {head}. Upgrade it with `farmapos db upgrade` (make a backup first).</translation>
    </message>
    <message>
        <source>La base de datos está vacía o no es de farmapos. Créela con `farmapos db upgrade` (o `farmapos demo-data` para una farmacia de demostración).</source>
        <translation>The database is empty or not a farmapos one. Create it with `farmapos db upgrade` (or `farmapos demo-data` for a demonstration pharmacy).</translation>
    </message>
    <message>
        <source>La caducidad {expiry!r} no es una fecha AAMMDD.</source>
        <translation>The expiry {expiry!r} is not a YYMMDD date.</translation>
    </message>
    <message>
        <source>La caducidad {expiry!r} tiene un día imposible.</source>
        <translation>The expiry {expiry!r} has an impossible day.</translation>
    </message>
    <message>
        <source>La caducidad {expiry!r} tiene un mes imposible.</source>
        <translation>The expiry {expiry!r} has an impossible month.</translation>
    </message>
    <message>
        <source>La caducidad {expiry} está a más de {years} años de hoy.</source>
        <translation>The expiry {expiry} is more than {years} years from today.</translation>
    </message>
    <message>
        <source>La caja ya está abierta.</source>
        <translation>The till is already open.</translation>
    </message>
    <message>
        <source>La cantidad a devolver debe ser positiva.</source>
        <translation>The quantity to return must be positive.</translation>
    </message>
    <message>
        <source>La cantidad debe ser positiva ({quantity}); para devolver use F10.</source>
        <translation>The quantity must be positive ({quantity}); to return goods use F10.</translation>
    </message>
    <message>
        <source>La descripción del artículo está vacía.</source>
        <translation>The article&apos;s description is empty.</translation>
    </message>
    <message>
        <source>La descripción no puede pasar de 200 caracteres.</source>
        <translation>The description cannot be longer than 200 characters.</translation>
    </message>
    <message>
        <source>La entidad necesita código y nombre.</source>
        <translation>The payer needs a code and a name.</translation>
    </message>
    <message>
        <source>La facturación de {month} a {payer} ya es definitiva.</source>
        <translation>The {month} billing to {payer} is already final.</translation>
    </message>
    <message>
        <source>La farmacia no aplica descuentos en líneas de receta.</source>
        <translation>The pharmacy does not discount prescription lines.</translation>
    </message>
    <message>
        <source>La fecha final es anterior a la inicial.</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <source>La impresora {printer} no imprime {what} ni imágenes.</source>
        <translation>The {printer} printer prints neither {what} nor images.</translation>
    </message>
    <message>
        <source>La impresora {printer} no tiene conector de cajón (ESC p).</source>
        <translation>The {printer} printer has no cash drawer port (ESC p).</translation>
    </message>
    <message>
        <source>La impresora {printer} no tiene la página de códigos {code_page} (tiene: {pages}).</source>
        <translation>The {printer} printer does not have code page {code_page} (it has: {pages}).</translation>
    </message>
    <message>
        <source>La línea ya tiene {quantity}: para quitarla, bórrela.</source>
        <translation>The line already has {quantity}: to take it off, delete it.</translation>
    </message>
    <message>
        <source>La línea {line_id} no es del ticket {number}.</source>
        <translation>Line {line_id} is not on ticket {number}.</translation>
    </message>
    <message>
        <source>La línea {line_id} no está en la venta {sale_id}.</source>
        <translation>Line {line_id} is not in sale {sale_id}.</translation>
    </message>
    <message>
        <source>La posición inicial debe estar entre 1 y {last}.</source>
        <translation>The starting position must be between 1 and {last}.</translation>
    </message>
    <message>
        <source>La venta de esa receta pendiente aún no está cerrada.</source>
        <translation>The sale of that prescription to follow is not closed yet.</translation>
    </message>
    <message>
        <source>La venta no tiene líneas.</source>
        <translation>The sale has no lines.</translation>
    </message>
    <message>
        <source>La venta tiene fecha anterior al último cierre de caja: revise el reloj del equipo.</source>
        <translation>The sale is dated before the last cash close: check the computer&apos;s clock.</translation>
    </message>
    <message>
        <source>La venta {sale_id} está {state}.</source>
        <translation>Sale {sale_id} is {state}.</translation>
    </message>
    <message>
        <source>La venta {sale_id} no está abierta; no se puede cobrar.</source>
        <translation>Sale {sale_id} is not open; it cannot be paid.</translation>
    </message>
    <message>
        <source>Las cantidades contadas no pueden ser negativas.</source>
        <translation>Counted quantities cannot be negative.</translation>
    </message>
    <message>
        <source>Las impresoras USB necesitan pyusb y libusb (pip install pyusb); o use la impresora como fichero: file:///dev/usb/lp0.</source>
        <translation>USB printers need pyusb and libusb (pip install pyusb); or use the printer as a file: file:///dev/usb/lp0.</translation>
    </message>
    <message>
        <source>Libro desconocido: {book!r}.</source>
        <translation>Unknown register book: {book!r}.</translation>
    </message>
    <message>
        <source>Los pagos suman {paid} y el total es {total}.</source>
        <translation>The payments add up to {paid} and the total is {total}.</translation>
    </message>
    <message>
        <source>Los topes no pueden ser negativos.</source>
        <translation>The caps cannot be negative.</translation>
    </message>
    <message>
        <source>Lote {batch} de {article} caducado el {expiry}: no se puede vender.</source>
        <translation>Batch {batch} of {article} expired on {expiry}: it cannot be sold.</translation>
    </message>
    <message>
        <source>Lote {batch} nuevo: queda marcado para revisar.</source>
        <translation>New batch {batch}: it is flagged for review.</translation>
    </message>
    <message>
        <source>Mes no válido: {month!r} (use AAAA-MM).</source>
        <translation>Invalid month: {month!r} (use YYYY-MM).</translation>
    </message>
    <message>
        <source>Motor de base de datos no soportado: {backend!r} (use sqlite o postgresql).</source>
        <translation>Unsupported database engine: {backend!r} (use sqlite or postgresql).</translation>
    </message>
    <message>
        <source>Movimiento de caja desconocido: {kind!r}.</source>
        <translation>Unknown cash movement: {kind!r}.</translation>
    </message>
    <message>
        <source>Máximo</source>
        <translation>Maximum stock</translation>
    </message>
    <message>
        <source>Mínimo</source>
        <translation>Minimum stock</translation>
    </message>
    <message>
        <source>NIF/NIE/DNI no válido: {value!r} ({reason}).</source>
        <translation>Invalid NIF/NIE/DNI: {value!r} ({reason}).</translation>
    </message>
    <message>
        <source>No existe el almacén {code!r}.</source>
        <translation>There is no warehouse {code!r}.</translation>
    </message>
    <message>
        <source>No existe el almacén {warehouse_id}.</source>
        <translation>There is no warehouse {warehouse_id}.</translation>
    </message>
    <message>
        <source>No existe el artículo {article_id}.</source>
        <translation>There is no article {article_id}.</translation>
    </message>
    <message>
        <source>No existe el asiento {entry_id}.</source>
        <translation>There is no register entry {entry_id}.</translation>
    </message>
    <message>
        <source>No existe el bloque {block_id}.</source>
        <translation>There is no block {block_id}.</translation>
    </message>
    <message>
        <source>No existe el cliente {customer_id}.</source>
        <translation>There is no customer {customer_id}.</translation>
    </message>
    <message>
        <source>No existe el mostrador {workstation_id}.</source>
        <translation>There is no counter {workstation_id}.</translation>
    </message>
    <message>
        <source>No existe el pedido {number}.</source>
        <translation>There is no order {number}.</translation>
    </message>
    <message>
        <source>No existe el pedido {order_id}.</source>
        <translation>There is no order {order_id}.</translation>
    </message>
    <message>
        <source>No existe el proveedor {code!r}; añádalo antes de pedirle.</source>
        <translation>There is no supplier {code!r}; add it before ordering from it.</translation>
    </message>
    <message>
        <source>No existe el proveedor {supplier_id}.</source>
        <translation>There is no supplier {supplier_id}.</translation>
    </message>
    <message>
        <source>No existe el ticket {number}.</source>
        <translation>There is no ticket {number}.</translation>
    </message>
    <message>
        <source>No existe el vendedor {seller_id}.</source>
        <translation>There is no seller {seller_id}.</translation>
    </message>
    <message>
        <source>No existe esa sesión de caja.</source>
        <translation>That cash session does not exist.</translation>
    </message>
    <message>
        <source>No existe la entidad {payer!r}; añádala con `farmapos copay add-payer`.</source>
        <translation>There is no payer {payer!r}; add it with `farmapos copay add-payer`.</translation>
    </message>
    <message>
        <source>No existe la familia {family!r}.</source>
        <translation>There is no family {family!r}.</translation>
    </message>
    <message>
        <source>No existe la venta {sale_id} en este mostrador.</source>
        <translation>There is no sale {sale_id} at this counter.</translation>
    </message>
    <message>
        <source>No hay caja abierta en este mostrador: ábrala para cobrar o devolver en efectivo.</source>
        <translation>The till is not open at this counter: open it to take or give back cash.</translation>
    </message>
    <message>
        <source>No hay caja abierta en este mostrador: ábrala primero.</source>
        <translation>The till is not open at this counter: open it first.</translation>
    </message>
    <message>
        <source>No hay cajón configurado.</source>
        <translation>No cash drawer is set up.</translation>
    </message>
    <message>
        <source>No hay conexión con la base de datos ({reason}). No se ha guardado nada de esta operación; inténtelo de nuevo cuando vuelva.</source>
        <translation>The database cannot be reached ({reason}). Nothing of this operation was saved; try again when it is back.</translation>
    </message>
    <message>
        <source>No hay etiquetas que imprimir.</source>
        <translation>There are no labels to print.</translation>
    </message>
    <message>
        <source>No hay impresora configurada.</source>
        <translation>No printer is set up.</translation>
    </message>
    <message>
        <source>No hay ninguna sesión de caja en este mostrador.</source>
        <translation>There is no cash session at this counter.</translation>
    </message>
    <message>
        <source>No hay ninguna sesión de caja {session_id}.</source>
        <translation>There is no cash session {session_id}.</translation>
    </message>
    <message>
        <source>No hay simulador de {kind!r}.</source>
        <translation>There is no simulator for {kind!r}.</translation>
    </message>
    <message>
        <source>No hay tipo de aportación {code!r} en vigor hoy.</source>
        <translation>There is no co-payment type {code!r} in force today.</translation>
    </message>
    <message>
        <source>No hay transporte para {scheme!r}.</source>
        <translation>There is no transport for {scheme!r}.</translation>
    </message>
    <message>
        <source>No hay una receta pendiente en esa línea.</source>
        <translation>That line has no prescription to follow.</translation>
    </message>
    <message>
        <source>No se aparca una venta vacía.</source>
        <translation>An empty sale cannot be parked.</translation>
    </message>
    <message>
        <source>No se ha importado nada: {failed} de {total} filas tienen errores.</source>
        <translation>Nothing was imported: {failed} of {total} rows have errors.</translation>
    </message>
    <message>
        <source>No se ha leído ningún código.</source>
        <translation>No code was read.</translation>
    </message>
    <message>
        <source>No se puede abrir la base de datos {database}: {reason}</source>
        <translation>Cannot open the database {database}: {reason}</translation>
    </message>
    <message>
        <source>No se puede escribir en {path}: {reason}</source>
        <translation>Cannot write to {path}: {reason}</translation>
    </message>
    <message>
        <source>No se puede escribir {path}: {reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>No se puede leer el DataMatrix sin separadores: {reason} Configure el lector para enviar el separador GS (ASCII 29) o teclee el código nacional.</source>
        <translation>Cannot read the DataMatrix without separators: {reason} Set the scanner to send the GS separator (ASCII 29) or type the national code.</translation>
    </message>
    <message>
        <source>No se puede leer el fichero de configuración {path}: {reason}.</source>
        <translation>Cannot read the configuration file {path}: {reason}.</translation>
    </message>
    <message>
        <source>No se puede leer {path}: {reason}.</source>
        <translation>Cannot read {path}: {reason}.</translation>
    </message>
    <message>
        <source>No se pueden dejar {left} si se han contado {counted}.</source>
        <translation>{left} cannot be left in the drawer when only {counted} was counted.</translation>
    </message>
    <message>
        <source>PVP</source>
        <translation>Retail price</translation>
    </message>
    <message>
        <source>Para vender a cuenta hay que elegir el cliente (F3).</source>
        <translation>To sell on account, choose the customer (F3).</translation>
    </message>
    <message>
        <source>Perfil de impresora desconocido: {name!r} (p. ej. default, TM-T20II, TM-T88V).</source>
        <translation>Unknown printer profile: {name!r} (e.g. default, TM-T20II, TM-T88V).</translation>
    </message>
    <message>
        <source>Política de venta sin stock desconocida: {value!r} (allow o block).</source>
        <translation>Unknown out-of-stock sales policy: {value!r} (allow or block).</translation>
    </message>
    <message>
        <source>Puerto serie {port}: {reason}</source>
        <translation>Serial port {port}: {reason}</translation>
    </message>
    <message>
        <source>Página de códigos {code_page!r}: use CP858 o CP1252 (tienen el €).</source>
        <translation>Code page {code_page!r}: use CP858 or CP1252 (they have the € sign).</translation>
    </message>
    <message>
        <source>Receta completada: bloque {copay} {block}, hueco {slot}.</source>
        <translation>Prescription completed: block {copay} {block}, slot {slot}.</translation>
    </message>
    <message>
        <source>Receta: bloque {copay} {block}, hueco {slot}.</source>
        <translation>Prescription: block {copay} {block}, slot {slot}.</translation>
    </message>
    <message>
        <source>Sin pedido hay que indicar lo recibido.</source>
        <translation>Without an order, say what was received.</translation>
    </message>
    <message>
        <source>Sin stock suficiente de {article} (hay {available}).</source>
        <translation>Not enough stock of {article} ({available} on hand).</translation>
    </message>
    <message>
        <source>Sin stock suficiente de {article}: hay {available} y se piden {wanted}.</source>
        <translation>Not enough stock of {article}: {available} on hand and {wanted} asked for.</translation>
    </message>
    <message>
        <source>Solo se emite factura completa de un ticket de venta.</source>
        <translation>A full invoice is only issued for a sales ticket.</translation>
    </message>
    <message>
        <source>Solo se verifica una sesión cerrada.</source>
        <translation>Only a closed cash session can be verified.</translation>
    </message>
    <message>
        <source>Stock insuficiente de {article} (hay {available}): se venderá y quedará registrada la diferencia.</source>
        <translation>Not enough stock of {article} ({available} on hand): it will be sold and the shortfall recorded.</translation>
    </message>
    <message>
        <source>Sume el efectivo en un solo pago.</source>
        <translation>Put all the cash in a single payment.</translation>
    </message>
    <message>
        <source>Tarjeta {card!r} no admitida (admitidas: {admitted}).</source>
        <translation>Card {card!r} is not accepted (accepted: {admitted}).</translation>
    </message>
    <message>
        <source>Tipo de IVA desconocido: {rate} (válidos: {known}).</source>
        <translation>Unknown VAT rate: {rate} (valid: {known}).</translation>
    </message>
    <message>
        <source>Tipo de código desconocido: {kind!r}.</source>
        <translation>Unknown code type: {kind!r}.</translation>
    </message>
    <message>
        <source>Tipo de dispositivo desconocido: {kind!r} ({kinds}).</source>
        <translation>Unknown device type: {kind!r} ({kinds}).</translation>
    </message>
    <message>
        <source>Tipo de entidad: public, mutual o private.</source>
        <translation>Payer type: public, mutual or private.</translation>
    </message>
    <message>
        <source>Tipo de movimiento de stock desconocido: {kind!r}.</source>
        <translation>Unknown stock movement type: {kind!r}.</translation>
    </message>
    <message>
        <source>Todo movimiento de stock necesita un motivo.</source>
        <translation>Every stock movement needs a reason.</translation>
    </message>
    <message>
        <source>URL de base de datos no válida: {url!r} ({reason}).</source>
        <translation>Invalid database URL: {url!r} ({reason}).</translation>
    </message>
    <message>
        <source>Un DataMatrix identifica un solo envase: escanee cada envase.</source>
        <translation>A DataMatrix identifies a single pack: scan each pack.</translation>
    </message>
    <message>
        <source>Un EAN-13 no cabe legible en una etiqueta de {width} mm.</source>
        <translation>An EAN-13 does not fit legibly on a {width} mm label.</translation>
    </message>
    <message>
        <source>Un código QR necesita contenido.</source>
        <translation>A QR code needs content.</translation>
    </message>
    <message>
        <source>Un código nacional tiene 6 dígitos más el de control: {code!r}.</source>
        <translation>A national code has 6 digits plus the check digit: {code!r}.</translation>
    </message>
    <message>
        <source>Un código no puede contener espacios: {code!r}.</source>
        <translation>A code cannot contain spaces: {code!r}.</translation>
    </message>
    <message>
        <source>Un descuento no puede ser negativo.</source>
        <translation>A discount cannot be negative.</translation>
    </message>
    <message>
        <source>Un estupefaciente requiere receta.</source>
        <translation>A narcotic requires a prescription.</translation>
    </message>
    <message>
        <source>Un movimiento de stock con cantidad cero no explica nada.</source>
        <translation>A stock movement with a zero quantity records nothing.</translation>
    </message>
    <message>
        <source>Un pago no puede ser negativo.</source>
        <translation>A payment cannot be negative.</translation>
    </message>
    <message>
        <source>Un ticket de devolución no se puede devolver.</source>
        <translation>A refund ticket cannot be returned.</translation>
    </message>
    <message>
        <source>Una línea escaneada por DataMatrix es un solo envase; escanee cada envase.</source>
        <translation>A line scanned from a DataMatrix is a single pack; scan each pack.</translation>
    </message>
    <message>
        <source>Ya existe el proveedor {code}.</source>
        <translation>Supplier {code} already exists.</translation>
    </message>
    <message>
        <source>Ya existe el vendedor {code}.</source>
        <translation>Seller {code} already exists.</translation>
    </message>
    <message>
        <source>Ya existe la entidad {code}.</source>
        <translation>Payer {code} already exists.</translation>
    </message>
    <message>
        <source>Ya hay un cliente con NIF {nif}.</source>
        <translation>There is already a customer with tax ID (NIF) {nif}.</translation>
    </message>
    <message>
        <source>abierta</source>
        <translation>open</translation>
    </message>
    <message>
        <source>anulada</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>anulado</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>aparcada</source>
        <translation>parked</translation>
    </message>
    <message>
        <source>borrador</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>cajón simulado desconectado</source>
        <translation>simulated cash drawer disconnected</translation>
    </message>
    <message>
        <source>cerrada</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>contiene datos que no son los de un envase (AI 17, 10, 21, 712).</source>
        <translation>it holds data that is not a pack&apos;s (AI 17, 10, 21, 712).</translation>
    </message>
    <message>
        <source>códigos QR</source>
        <translation>QR codes</translation>
    </message>
    <message>
        <source>códigos de barras</source>
        <translation>barcodes</translation>
    </message>
    <message>
        <source>dispositivo</source>
        <translation>device</translation>
    </message>
    <message>
        <source>dispositivo simulado apagado</source>
        <translation>simulated device switched off</translation>
    </message>
    <message>
        <source>documento del paciente</source>
        <translation>patient&apos;s ID document</translation>
    </message>
    <message>
        <source>el cajón no contesta</source>
        <translation>the cash drawer does not answer</translation>
    </message>
    <message>
        <source>el código {code} se repite (línea {line})</source>
        <translation>the code {code} is repeated (line {line})</translation>
    </message>
    <message>
        <source>el código {code} ya existe en el catálogo</source>
        <translation>the code {code} is already in the catalogue</translation>
    </message>
    <message>
        <source>el visor no contesta</source>
        <translation>the customer display does not answer</translation>
    </message>
    <message>
        <source>enviado</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>error de la impresora (atasco o cuchilla)</source>
        <translation>printer error (paper jam or cutter)</translation>
    </message>
    <message>
        <source>falta el código</source>
        <translation>the code is missing</translation>
    </message>
    <message>
        <source>familia desconocida {family!r}</source>
        <translation>unknown family {family!r}</translation>
    </message>
    <message>
        <source>fuera de línea</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>impresora simulada desconectada</source>
        <translation>simulated printer disconnected</translation>
    </message>
    <message>
        <source>la cola de impresión está cerrada</source>
        <translation>the print queue is closed</translation>
    </message>
    <message>
        <source>la conexión no informa del estado</source>
        <translation>the connection does not report the status</translation>
    </message>
    <message>
        <source>la impresora no contesta al estado</source>
        <translation>the printer does not answer status requests</translation>
    </message>
    <message>
        <source>médico</source>
        <translation>prescriber</translation>
    </message>
    <message>
        <source>no es válido (cajón por impresora: printer:2 o printer:5).</source>
        <translation>is not valid (drawer through the printer: printer:2 or printer:5).</translation>
    </message>
    <message>
        <source>no es válido aquí (admite: {schemes}).</source>
        <translation>is not valid here (allowed: {schemes}).</translation>
    </message>
    <message>
        <source>no es válido: use usb://VVVV:PPPP en hexadecimal.</source>
        <translation>is not valid: use usb://VVVV:PPPP in hexadecimal.</translation>
    </message>
    <message>
        <source>no indica el host (tcp://host:9100).</source>
        <translation>does not give the host (tcp://host:9100).</translation>
    </message>
    <message>
        <source>no indica la ruta del dispositivo.</source>
        <translation>does not give the device path.</translation>
    </message>
    <message>
        <source>no tiene un esquema admitido ({schemes}).</source>
        <translation>does not have a supported scheme ({schemes}).</translation>
    </message>
    <message>
        <source>nombre del paciente</source>
        <translation>patient&apos;s name</translation>
    </message>
    <message>
        <source>nº de colegiado</source>
        <translation>prescriber&apos;s licence number</translation>
    </message>
    <message>
        <source>queda poco papel</source>
        <translation>paper running low</translation>
    </message>
    <message>
        <source>recibido</source>
        <translation>received</translation>
    </message>
    <message>
        <source>recibido en parte</source>
        <translation>partly received</translation>
    </message>
    <message>
        <source>sin papel</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <source>tapa abierta</source>
        <translation>cover open</translation>
    </message>
    <message>
        <source>tiene parámetros desconocidos: {params}.</source>
        <translation>has unknown parameters: {params}.</translation>
    </message>
    <message>
        <source>tiene un baudrate que no es un número ({baudrate!r}).</source>
        <translation>has a baud rate that is not a number ({baudrate!r}).</translation>
    </message>
    <message>
        <source>tiene un pin de cajón no válido (pin=2 o pin=5).</source>
        <translation>has an invalid drawer pin (pin=2 or pin=5).</translation>
    </message>
    <message>
        <source>tiene un protocolo de visor desconocido (use {protocols}).</source>
        <translation>has an unknown customer display protocol (use {protocols}).</translation>
    </message>
    <message>
        <source>tiene un puerto no válido (tcp://host:9100).</source>
        <translation>has an invalid port (tcp://host:9100).</translation>
    </message>
    <message>
        <source>visor simulado desconectado</source>
        <translation>simulated customer display disconnected</translation>
    </message>
    <message>
        <source>{article} es un estupefaciente: anote el documento de quien lo recoge.</source>
        <translation>{article} is a narcotic: record the ID document of the person collecting it.</translation>
    </message>
    <message>
        <source>{article} es un medicamento publicitario: no admitido en {copay}.</source>
        <translation>{article} is an advertised OTC medicine: not allowed under {copay}.</translation>
    </message>
    <message>
        <source>{article} está dado de baja: no se puede pedir.</source>
        <translation>{article} is discontinued: it cannot be ordered.</translation>
    </message>
    <message>
        <source>{article} está excluido de la financiación: no admitido en {copay}.</source>
        <translation>{article} is excluded from public funding: not allowed under {copay}.</translation>
    </message>
    <message>
        <source>{article} no es un medicamento del libro recetario.</source>
        <translation>{article} is not a medicine for the register book.</translation>
    </message>
    <message>
        <source>{article} no lleva stock (artículo sin control de existencias).</source>
        <translation>{article} carries no stock (an article without stock control).</translation>
    </message>
    <message>
        <source>{article} no lleva stock: no se pide a un proveedor.</source>
        <translation>{article} carries no stock: it is not ordered from a supplier.</translation>
    </message>
    <message>
        <source>{article} va al libro registro: indique el número de albarán del proveedor.</source>
        <translation>{article} goes into the register book: give the supplier&apos;s delivery note number.</translation>
    </message>
    <message>
        <source>{article}: anote el número de receta oficial de estupefacientes.</source>
        <translation>{article}: record the number of the official narcotics prescription.</translation>
    </message>
    <message>
        <source>{article}: como mucho {maximum} envases de estupefaciente por receta.</source>
        <translation>{article}: at most {maximum} packs of a narcotic per prescription.</translation>
    </message>
    <message>
        <source>{article}: el coste no puede ser negativo.</source>
        <translation>{article}: the cost cannot be negative.</translation>
    </message>
    <message>
        <source>{article}: falta {missing} para el libro recetario.</source>
        <translation>{article}: missing for the register book: {missing}.</translation>
    </message>
    <message>
        <source>{article}: faltan los datos del libro recetario (paciente, DNI, médico y colegiado).</source>
        <translation>{article}: the register book details are missing (patient, ID document, prescriber and licence no.).</translation>
    </message>
    <message>
        <source>{article}: la cantidad pedida debe ser positiva.</source>
        <translation>{article}: the quantity ordered must be positive.</translation>
    </message>
    <message>
        <source>{article}: la cantidad recibida debe ser positiva.</source>
        <translation>{article}: the quantity received must be positive.</translation>
    </message>
    <message>
        <source>{article}: stock bajo ({level}).</source>
        <translation>{article}: low stock ({level}).</translation>
    </message>
    <message>
        <source>{article}: vendido sin existencias: faltaban {missing} unidades.</source>
        <translation>{article}: sold without stock: {missing} units were missing.</translation>
    </message>
    <message>
        <source>{article}: {reason}</source>
        <translation>{article}: {reason}</translation>
    </message>
    <message>
        <source>{code!r} no es un código de barras EAN/GTIN (8, 12, 13 o 14 dígitos).</source>
        <translation>{code!r} is not an EAN/GTIN barcode (8, 12, 13 or 14 digits).</translation>
    </message>
    <message>
        <source>{code!r} no tiene los 13 dígitos de un EAN-13.</source>
        <translation>{code!r} does not have the 13 digits of an EAN-13.</translation>
    </message>
    <message>
        <source>{code} es un {found}, no un {kind}.</source>
        <translation>{code} is a code of type {found}, not {kind}.</translation>
    </message>
    <message>
        <source>{customer} debe {owed}; no se puede cobrar {amount}.</source>
        <translation>{customer} owes {owed}; {amount} cannot be collected.</translation>
    </message>
    <message>
        <source>{customer} está bloqueado: no se le puede vender a cuenta.</source>
        <translation>{customer} is blocked: sales on account are not allowed.</translation>
    </message>
    <message>
        <source>{customer} no tiene NIF: es obligatorio en una factura completa.</source>
        <translation>{customer} has no tax ID (NIF): a full invoice requires one.</translation>
    </message>
    <message>
        <source>{customer}: el crédito disponible es {available} (límite {limit}, debe {owed}).</source>
        <translation>{customer}: the credit available is {available} (limit {limit}, owes {owed}).</translation>
    </message>
    <message>
        <source>{device}: {setting!r} {problem}</source>
        <translation>{device}: {setting!r} {problem}</translation>
    </message>
    <message>
        <source>{items}, {item}</source>
        <translation>{items}, {item}</translation>
    </message>
    <message>
        <source>{label}: {text!r} no es sí/no</source>
        <translation>{label}: {text!r} is not yes/no</translation>
    </message>
    <message>
        <source>{label}: {text!r} no es un número</source>
        <translation>{label}: {text!r} is not a number</translation>
    </message>
    <message>
        <source>{label}: {value!r} no es un número.</source>
        <translation>{label}: {value!r} is not a number.</translation>
    </message>
    <message>
        <source>{number} {article}: receta pendiente sin completar</source>
        <translation>{number} {article}: prescription to follow not yet completed</translation>
    </message>
    <message>
        <source>{number} {article}: receta sin hueco en ningún bloque</source>
        <translation>{number} {article}: prescription without a slot in any block</translation>
    </message>
    <message>
        <source>{order} es para otro almacén; recíbalo en un puesto de ese almacén.</source>
        <translation>{order} is for another warehouse; receive it at a counter of that warehouse.</translation>
    </message>
    <message>
        <source>{order} no tiene nada pendiente de recibir.</source>
        <translation>{order} has nothing left to receive.</translation>
    </message>
    <message>
        <source>{path} es un fichero: no devuelve el estado del dispositivo</source>
        <translation>{path} is a file: it does not report the device&apos;s status</translation>
    </message>
    <message>
        <source>{path}: [counter] language debe ser &quot;es&quot; (español) o &quot;en&quot; (inglés).</source>
        <translation>{path}: [counter] language must be &quot;es&quot; (Spanish) or &quot;en&quot; (English).</translation>
    </message>
    <message>
        <source>{path}: [counter] text_size debe ser un número entre 0.8 y 2.5 (1 = tamaño del sistema).</source>
        <translation>{path}: [counter] text_size must be a number between 0.8 and 2.5 (1 = the system&apos;s size).</translation>
    </message>
    <message>
        <source>{path}: [database] y [counter] deben ser secciones.</source>
        <translation>{path}: [database] and [counter] must be sections.</translation>
    </message>
    <message>
        <source>{path}: [devices] admite {keys}.</source>
        <translation>{path}: [devices] accepts {keys}.</translation>
    </message>
    <message>
        <source>{report}
  línea {line}: {reason}</source>
        <translation>{report}
  line {line}: {reason}</translation>
    </message>
    <message>
        <source>{report}
  … y {count} errores más</source>
        <translation>{report}
  … and {count} more errors</translation>
    </message>
    <message>
        <source>{seller} no tiene permiso para abrir el cajón.</source>
        <translation>{seller} is not allowed to open the cash drawer.</translation>
    </message>
    <message>
        <source>{target} no responde: {reason}</source>
        <translation>{target} does not respond: {reason}</translation>
    </message>
    <message>
        <source>{value} no es un billete ni una moneda de euro.</source>
        <translation>{value} is not a euro note or coin.</translation>
    </message>
    <message>
        <source>{variable}: {reason}</source>
        <translation>{variable}: {reason}</translation>
    </message>
</context>
</TS>
