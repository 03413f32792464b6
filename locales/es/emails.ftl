## The emails: subjects, greetings, every paragraph and label, in text and HTML.
## Values are plain text (the HTML part escapes them). $count picks the plural form.

## Shared by every email.
mail-hello = Hola, { $name }:
mail-footer = Correo automático de covoit. Sus datos de contacto nunca se publican.
mail-footer-short = Correo automático de covoit.
mail-departure = Salida
mail-place = Lugar
mail-when = Cuándo
mail-where = Dónde
mail-name = Nombre
mail-seats = Plazas
mail-pickup = Recogida
mail-phone = Teléfono
mail-email = Correo electrónico
mail-driver = Conductor
mail-seats-left = Plazas libres: { $count }.
mail-manage-ride = Gestionar mi trayecto
mail-other-rides = Ver los otros trayectos
mail-other-rides-label = Los otros trayectos
mail-see-or-cancel = Ver o cancelar mi reserva
mail-event-page = Página del evento
mail-see-ride = Ver el trayecto
mail-unsubscribe = Dejar de recibir estos correos
links-subject = Sus enlaces de covoit
links-intro = Estos son los enlaces aún activos para su dirección.
links-events = Los eventos que organiza
links-rides = Sus trayectos
links-bookings = Sus reservas
links-needs = Sus inscripciones en listas de espera
links-private = Cada enlace abre su página personal: no los comparta.
links-not-you = ¿No ha pedido este correo? Alguien escribió su dirección en covoit; puede ignorarlo.
mail-accept = Aceptar
mail-refuse = Rechazar
mail-confirmed-passengers = Sus pasajeros confirmados

## To the organiser, when the event is created.
created-subject = Su evento «{ $event }» está publicado
created-intro = Su evento «{ $event }» está publicado. Comparta su página con los participantes: en ella, los conductores ofrecen trayectos y los pasajeros solicitan plazas.
created-manage = Su página de organizador (privada: no la comparta)
created-keep = Conserve este correo: es su referencia para este evento.
created-embed = Para insertar las reservas en su propio sitio web, pegue este código en una página:

## To the driver, when a ride is published.
published-subject = Su trayecto para «{ $event }» está publicado
published-intro = ¡Gracias! Su trayecto para «{ $event }» está publicado. Cada solicitud de plaza le llegará por correo, y podrá aceptarla o rechazarla con un clic. Una solicitud no reserva ninguna plaza hasta que usted la acepte.
published-seats-offered = { $count ->
    [one] { $count } plaza ofrecida
   *[other] { $count } plazas ofrecidas
}
published-personal = Este enlace es personal: no lo comparta.
published-manage-line = Gestionar mi trayecto (enlace personal, no lo comparta)

## To the driver: a passenger asks for seats.
received-subject = { $name } solicita { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
} — { $event }
received-intro = { $name } solicita { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
} en su trayecto. Responda antes del { $deadline }; si no hay respuesta, la solicitud caducará.
received-passenger = El pasajero
received-message = Mensaje del pasajero
received-left = { $count ->
    [one] Le queda { $count } plaza libre
   *[other] Le quedan { $count } plazas libres
} en este trayecto. Si responde a este correo, escribirá directamente al pasajero.
received-footer = Correo automático de covoit. Le facilitamos los datos del pasajero para que pueda decidir; no los comparta.

## To the passenger: the request is sent.
sent-subject = Solicitud enviada a { $driver } — { $event }
sent-intro = Su solicitud de { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
} se ha enviado a { $driver }. No se reserva ninguna plaza hasta que se acepte la solicitud. Recibirá la respuesta por correo, a más tardar el { $deadline }; si para entonces no hay respuesta, la solicitud caducará y podrá hacer otra.
sent-contact = Cuando se acepte su solicitud, recibirá los datos de contacto del conductor.
sent-follow = Seguir o cancelar mi solicitud

## To the passenger: accepted.
accepted-subject = Solicitud aceptada: viajará con { $driver } — { $event }
accepted-intro = Buenas noticias: { $driver } ha aceptado su solicitud de { $count ->
    [one] { $count } plaza. Su plaza está reservada.
   *[other] { $count } plazas. Sus plazas están reservadas.
}
accepted-your-driver = Su conductor
accepted-calendar = El trayecto va adjunto para su calendario (archivo .ics). Si ya no puede venir, cancele para liberar la plaza:
# The description of the calendar event.
accepted-calendar-driver = Conductor: { $name }

## To the passenger: refused, or the ride is full.
refused-subject = Solicitud no aceptada — { $event }
full-subject = Trayecto completo — { $event }
refused-intro = { $driver } no puede aceptar su solicitud para este trayecto.
full-intro = El trayecto de { $driver } ya está completo: su solicitud no puede aceptarse.
refused-others = Quizá otros conductores tengan plazas:

## To the driver: the passenger list changed.
list-subject = Sus pasajeros — { $event }
list-cancelled-subject = { $name } ha cancelado — { $event }
list-accepted = Ha aceptado a { $name }.
list-cancelled-pending = { $name } ha cancelado su solicitud pendiente.
list-cancelled = { $name } ha cancelado su plaza.
list-removed = Ha retirado a { $name } de su lista de pasajeros.
list-none = Ninguno por ahora.

## To the passenger: cancellation confirmed, removed by the driver, ride cancelled.
notice-cancelled-subject = Cancelación confirmada — { $event }
notice-removed-subject = El conductor le ha retirado la plaza — { $event }
notice-offer-cancelled-subject = Trayecto cancelado — { $event }
notice-cancelled = Su solicitud está cancelada. Hemos avisado al conductor; gracias por liberar la plaza.
notice-removed = { $driver } le ha retirado la plaza en este trayecto. Si cree que se trata de un error, responda a este correo: su respuesta le llegará a { $driver }.
notice-offer-cancelled = { $driver } ha cancelado este trayecto. Su solicitud queda sin efecto.

## To confirmed passengers: the trip changed.
changed-subject = Cambio de hora o de lugar — { $event }
changed-intro = { $driver } ha modificado el trayecto en el que usted tiene plaza.
changed-instead = { $new } (en lugar de { $old })
changed-cancel = Si los cambios no le convienen, puede cancelar:

## Request expired, to the passenger or to the driver.
expired-subject = Solicitud caducada sin respuesta — { $event }
expired-driver-subject = Solicitud caducada: { $name } — { $event }
expired-intro = Su solicitud no recibió respuesta a tiempo y ha caducado. No tiene ninguna plaza reservada en este trayecto; quizá otros conductores tengan plazas.
expired-driver-intro = La solicitud de { $name } ha caducado sin respuesta. No había ninguna plaza reservada; no cambia nada más.

## To the driver, half-way to a request's expiry.
nudge-subject = { $name } espera su respuesta — { $event }
nudge-intro = { $name } espera su respuesta a la solicitud de { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
} hasta el { $deadline }. Si no responde, la solicitud caducará.

## The day before.
reminder-driver-subject = Mañana: { $when } — { $event }
reminder-driver-intro = ¡Es mañana! Aquí tiene su trayecto y sus pasajeros.
reminder-driver-none = Ningún pasajero confirmado.
reminder-passenger-subject = Mañana: viajará con { $driver } — { $event }
reminder-passenger-intro = ¡Es mañana! Su reserva está confirmada.

## covoit send-test-email
test-subject = covoit: mensaje de prueba
test-body = Este es un mensaje de prueba de covoit ({ $url }). Si puede leerlo, la configuración SMTP funciona.

## The waiting list's emails.
need-created-subject = Está en la lista de espera — { $event }
need-created-intro = Está en la lista de espera de «{ $event }»:
need-created-next = Cuando se liberen plazas en un trayecto que le convenga, o un conductor le invite, recibirá un correo con un enlace para ocuparlas. Hasta entonces, no se le reserva ninguna plaza.
seat-freed-subject = Plazas libres en un trayecto — { $event }
seat-freed-intro = { $driver } tiene { $count ->
    [one] 1 plaza libre
   *[other] { $count } plazas libres
} en un trayecto que puede convenirle.
seat-freed-auto = Este conductor acepta las solicitudes automáticamente: las plazas son suyas en cuanto confirme.
seat-freed-ask = Su solicitud se envía al conductor, que responde por correo.
seat-freed-claim = Reservar las plazas
seat-freed-first = Puede que otras personas en espera también reciban este correo: las plazas son para quien llegue primero.
invitation-subject = { $driver } le invita a viajar juntos — { $event }
invitation-intro = { $driver } le propone viajar juntos: { $count ->
    [one] 1 plaza
   *[other] { $count } plazas
} para usted.
invitation-how = Sus plazas quedan reservadas en cuanto acepte, y recibirá los datos de contacto del conductor.
invitation-join = Unirme a este trayecto
still-subject = ¿Sigue en pie su viaje? { $when } — { $event }
still-driver-intro = Su trayecto sale pronto.
still-passenger-intro = Tiene una plaza en el coche de { $driver }, que sale pronto.
still-question = ¿Sigue en pie su viaje?
still-yes = Sí, sigue en pie
still-no-driver = No, cancelar mi trayecto
still-no-passenger = No, liberar mi plaza
still-driver-no-means = «No» cancela su trayecto; se avisa a sus pasajeros al instante.
still-passenger-no-means = «No» libera su plaza para otra persona; se avisa al conductor al instante.
published-waiting = Personas que buscan un trayecto como el suyo:
published-invite = Puede invitarlas desde la página de su trayecto (Gestionar mi trayecto).
waiting-offer = ¿Ningún otro trayecto le conviene? Apúntese a la lista de espera:
waiting-join = la lista de espera
waiting-back = Vuelve a estar en la lista de espera: le avisaremos cuando se liberen plazas en otro trayecto.

# A hard bounce, told to the other party of a trip.
bounced-subject = La dirección de correo de { $name } no funciona
bounced-passenger = Los correos enviados a { $name }, que pidió una plaza en su coche, vuelven sin entregar: su dirección no funciona. No recibirá su respuesta ni las novedades del trayecto por correo.
bounced-driver = Los correos enviados a { $name }, que conduce su trayecto, vuelven sin entregar: su dirección no funciona. Puede que no vea su solicitud ni sus mensajes.
bounced-call = Contacte por teléfono:
bounced-no-phone-passenger = No dejó número de teléfono: si puede contactar a esta persona de otro modo, avísele; si no, puede rechazar la solicitud.
bounced-no-phone-driver = No dejó número de teléfono: puede buscar otro trayecto en la página del evento.
bounced-open-page = Abrir la página de mi trayecto
bounced-open-page-label = La página de su trayecto

# Rutas y horas de recogida (con un calculador de rutas).
route-pickup-time = Hora de recogida
route-dropoff-time = Hora de llegada a tu parada
route-moved-intro = La ruta del viaje de { $driver } ha cambiado (se han sumado o retirado pasajeros), y con ella la hora en tu parada.
route-request-over = Con { $name } a bordo, tu desvío sería de { $detour }, más que tu máximo de { $max } min.
