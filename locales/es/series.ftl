# Series (un evento en varias fechas) y compartir la página de un evento.

invalid-date = Indica una fecha con el formato AAAA-MM-DD.
invalid-until-before-start = La última fecha es anterior a la primera.
invalid-too-many-dates = Como máximo { $max } fechas por serie.
invalid-every-weeks = Un número entero de semanas, de 1 a { $max }.
invalid-repeat-date = Una de las fechas elegidas ya no admite viajes. Vuelve a cargar el formulario y elige de nuevo.

series-legend = El mismo evento en otras fechas
series-hint = Para un entrenamiento semanal o cada día de un viaje: cada fecha tiene su propia página, y tu único enlace las gestiona todas.
series-every-weeks = Repetir cada … semanas
series-every-weeks-hint = 1 para cada semana, 2 para semanas alternas.
series-until = Última fecha de las repeticiones
series-dates = Otras fechas
series-dates-hint-form = Una fecha por línea (AAAA-MM-DD, a la misma hora), o una fecha y hora (AAAA-MM-DD HH:MM).

series-created-dates = { $count ->
    [one] Este evento tiene { $count } fecha:
   *[other] Este evento tiene { $count } fechas:
}
series-created-one-link = Este único enlace gestiona todas las fechas de la serie.

series-dates-heading = Todas las fechas de la serie
series-dates-hint = Esta página gestiona una fecha; abre otra desde la lista. Tu enlace llega a todas.
series-col-date = Fecha
series-col-state = Estado
series-col-rides = Viajes
series-col-manage = Gestionar
series-this-date = Esta fecha
series-manage-date = Gestionar esta fecha
series-other-dates = Todas las fechas de este evento

series-repeat-legend = Ofrecer el mismo viaje en otras fechas
series-repeat-hint = El mismo lugar, las mismas plazas y los mismos horarios (respecto al inicio del evento) en cada fecha marcada. Recibes un solo correo, con un enlace para el viaje de cada fecha; los pasajeros reservan cada fecha por separado.

series-repeated-intro = { $count ->
    [one] El mismo viaje en { $count } fecha más, cada una con su página para gestionarlo:
   *[other] El mismo viaje en { $count } fechas más, cada una con su página para gestionarlo:
}

share-heading = Compartir este evento
share-link-label = Enlace a esta página
share-copy = Copiar el enlace
share-copied = Enlace copiado.
share-copy-failed = No se pudo copiar: selecciona el enlace y cópialo.
qr-alt = Código QR de la página del evento
qr-caption = Código QR de la página pública, para imprimir en un cartel:
qr-link = Código QR de esta página
