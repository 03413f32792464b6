## The operators' pages (/admin, /dev/mail), the CSV headers and the figures.

## Figures.
# A share: "12.5%". $value has the language's decimal separator.
percent = { $value } %
decimal-separator = ,
# A figure that cannot be computed yet.
no-figure = —

## Operator sign-in.
login-title = Acceso de operador
login-failed = Este token no es el token de administración.
login-token = Token de administración
login-button = Iniciar sesión

## The operations page.
admin-title = Operaciones
admin-sign-out = Cerrar sesión
admin-retried = El correo vuelve a estar en cola.
admin-totals = Totales
admin-events = Eventos
admin-open-offers = Trayectos abiertos
admin-seats = Plazas ofrecidas / ocupadas
admin-requests = Solicitudes
admin-pending = Pendientes
admin-confirmed = Confirmadas
admin-refused = Rechazadas
admin-expired = Caducadas
admin-cancelled = Canceladas
admin-acceptance = Tasa de aceptación
admin-median = Mediana del tiempo de respuesta del conductor
admin-expired-share = Porcentaje de caducadas
admin-emails-today = Correos de hoy (UTC)
admin-none = Ninguno.
admin-failed-emails = Correos fallidos
admin-kind = Tipo
admin-queued = En cola
admin-tries = Intentos
admin-error = Error
admin-retry = Reintentar
admin-find = Buscar una solicitud
admin-request-id = Número de solicitud
admin-find-button = Buscar
admin-no-request = No existe ninguna solicitud n.º { $id }.
admin-request = Solicitud
admin-state = Estado
admin-seats-col = Plazas
admin-passenger = Pasajero
admin-made = Creada
admin-expires = Caduca
admin-answered = Respondida
admin-offer = Trayecto
admin-event = Evento
admin-offers = Trayectos
admin-seats-taken = Plazas (ocupadas)
admin-accepted = Aceptadas
admin-median-answer = Mediana de respuesta
# One line of the emails of the day: "sent: 12".
admin-email-state = { $state }: { $count }
email-state-queued = en cola
email-state-sending = enviándose
email-state-sent = enviados
email-state-failed = fallidos
email-state-captured = capturados
email-state-bounced = devuelto (dirección que rebota)
email-state-suppressed = no enviado (la dirección rebota)

## Captured emails (development).
devmail-title = Correos capturados
devmail-mode = covoit en modo de desarrollo
devmail-hint = Modo de desarrollo: no se usa ningún servidor SMTP, así que los correos se guardan aquí en lugar de enviarse. Los más recientes, primero.
devmail-empty = Todavía no hay correos. Cree un evento, ofrezca un trayecto o reserve una plaza.
devmail-to = Para
devmail-all = Todos los correos capturados
devmail-reply-to = Responder a
devmail-kind = Tipo
devmail-kind-line = { $kind } (registro { $record }, versión { $version })
devmail-language = Idioma
devmail-html = Parte HTML
devmail-text = Parte de texto
devmail-links = Enlaces

## The organiser's CSV: column headers and values.
csv-ride = trayecto
csv-direction = sentido
csv-departure = salida
csv-place = lugar
csv-status = estado
csv-seats-offered = plazas ofrecidas
csv-seats-taken = plazas ocupadas
csv-driver = conductor
csv-passenger = pasajero
csv-passenger-seats = plaza del pasajero (n/total)
csv-pickup = recogida
csv-to-event = ida
csv-from-event = vuelta
csv-open = abierto
csv-cancelled = cancelado

## The waiting list's figures.
admin-needs = Lista de espera
admin-needs-waiting = En espera
admin-needs-matched = Plaza encontrada
admin-needs-withdrawn = Retiradas
admin-needs-lapsed = Terminadas sin plaza
admin-matched-share = Proporción con plaza
admin-time-to-match = Tiempo mediano hasta una plaza

# Bounces.
admin-bounces = Correos devueltos
admin-bounces-hard = Rebotes definitivos (30 días)
admin-bounces-soft = Rebotes temporales (30 días)
admin-suppressed = Direcciones a las que no se escribe ahora
admin-address = Dirección
admin-bounced-at = Rebota desde
admin-until = Sin correos hasta
admin-hits = Rebotes definitivos
admin-reason = Motivo
admin-lift = Volver a escribir
admin-recent-bounces = Últimos rebotes
admin-received = Recibido
admin-status-code = Código
admin-bounce-hard = definitivo
admin-bounce-soft = temporal
admin-lifted = Esta dirección volverá a recibir correos.
