## Words and formats every page and email shares: the language's own name, dates, counts,
## and why a field was refused.

# This language, in itself (the language switch lists every language this way).
language-name = Español

## Dates: "Saturday 1 November 2026, 10:05". $weekday and $month come from the lists below.
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
# $hour and $minute have two digits.
datetime = { $weekday }, { $day } de { $month } de { $year }, { $hour }:{ $minute }

## Counts.
seat-count = { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
}
seats-left = { $count ->
    [one] 1 plaza libre
   *[other] { $count } plazas libres
}
not-enough-seats = { $count ->
    [one] Solo queda 1 plaza libre
   *[other] Solo quedan { $count } plazas libres
} en este trayecto.
too-many = Demasiadas solicitudes en poco tiempo. Vuelva a intentarlo dentro de { $minutes } min.
time-left = { $hours ->
    [0] { $minutes } min
   *[other] { $hours } h { $minutes } min
}

## Why a field was refused (next to the field, and in the API's `fields`).
invalid-required = Este campo es obligatorio.
invalid-too-long = Máximo { $max } caracteres.
invalid-control-characters = Caracteres no permitidos.
invalid-encoding = Este texto contiene caracteres ilegibles (no está en UTF-8).
invalid-too-far-ahead = Fecha demasiado lejana: dos años como máximo.
invalid-email = Dirección de correo no válida (ejemplo: maria@example.org).
invalid-phone = Número de teléfono no válido (ejemplo: +34 600 123 456).
invalid-seats = Un número de plazas entre 1 y { $max }.
invalid-seats-below-taken = { $taken ->
    [one] Ya hay una plaza ocupada: no puede indicar menos.
   *[other] Ya hay { $taken } plazas ocupadas: no puede indicar menos.
}
invalid-whole-number = Indique un número entero.
invalid-date-time = Fecha y hora no válidas (AAAA-MM-DDTHH:MM).
invalid-in-the-past = Esta fecha ya ha pasado.
invalid-nonexistent-local-time = Esta hora no existe ese día (cambio de horario).
invalid-time-zone = Zona horaria desconocida (ejemplo: Europe/Madrid).
invalid-direction = Elija ida o vuelta.
invalid-locale = Idioma desconocido.
invalid-wrong-type = Tipo incorrecto: se esperaba { $expected }.
invalid-trip-time = Esta hora no encaja con el evento (un trayecto de ida sale antes de que empiece, como máximo 7 días antes; uno de vuelta sale después del inicio y después de la ida).
invalid-return-without-outbound = Un trayecto de vuelta debe ir acompañado de uno de ida.
invalid-return-needs-time = Indique también la hora de salida de la vuelta.
invalid-unknown-field = Campo desconocido.

## A request's state, as its pages and emails name it.
status-pending = pendiente
status-confirmed = confirmada
status-refused = rechazada
status-refused-full = rechazada (trayecto completo)
status-ride-cancelled = trayecto cancelado
status-expired = caducada sin respuesta
status-removed = plaza retirada por el conductor
status-cancelled = cancelada por el pasajero

## One trip, as pages and emails name it.
trip-to = Trayecto de ida a { $event }
trip-from = Trayecto de vuelta desde { $event }

## Labels.
# A label and its value: "Driver: Ann" (French puts a space before the colon).
label-value = { $label }: { $value }
# A label before what follows it: "Their message:".
label-colon = { $label }:

## The waiting list, as pages and emails name it.
need-rides = Trayectos buscados
need-place = Desde o hacia
need-see-or-change = Ver o modificar mi solicitud
need-my-request = mi solicitud en la lista de espera
need-direction-to = Un trayecto de ida al evento
need-direction-from = Un trayecto de vuelta
need-direction-both = Ida y vuelta
need-status-waiting = a la espera de una plaza
need-status-matched = plaza encontrada
need-status-withdrawn = retirada
need-status-lapsed = finalizada (el evento ha empezado)
invalid-time-window = La hora más tardía debe ser posterior a la más temprana.
pending-count = { $count ->
    [one] 1 solicitud pendiente de respuesta
   *[other] { $count } solicitudes pendientes de respuesta
}
waiting-count = { $count ->
    [one] 1 persona busca trayecto
   *[other] { $count } personas buscan trayecto
}

# Places (issue 16)
invalid-unknown-place = Lugar desconocido: pruebe con un municipio, un código postal o unas coordenadas como «45.76, 4.83».
invalid-radius = Una distancia en kilómetros, mayor que 0 y como máximo { $max }.
invalid-detour = Un número entero de minutos, de 1 a { $max }.
