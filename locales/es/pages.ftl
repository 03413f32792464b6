## The public pages: layout, home, forms, event and offer pages, confirmations.

skip-to-content = Ir al contenido
language = Idioma
tagline = Viajes compartidos a sus eventos
footer = covoit — sin cuenta; sus datos de contacto nunca se publican.
home-title = Comparta el viaje a sus eventos
home-intro = Un club, una escuela o una empresa publica su evento; los conductores ofrecen plazas; los pasajeros solicitan una plaza sin crear una cuenta; el conductor acepta o rechaza con un clic desde el correo.
home-step-event = El organizador crea el evento y comparte su página (o la inserta en su sitio web).
home-step-offer = Un conductor ofrece un trayecto de ida, de vuelta o ambos.
home-step-request = Un pasajero solicita una o varias plazas.
home-step-answer = El conductor responde en un plazo de 24 horas; todos reciben un recordatorio el día anterior.
create-event = Crear un evento
new-event-title = Nuevo evento
event-name = Nombre del evento
venue = Lugar
starts-at = Inicio (fecha y hora locales)
timezone = Zona horaria
timezone-hint = Escriba una ciudad o una zona (por ejemplo Madrid o Europe/Lisbon) y elíjala de la lista.
organizer-name = Su nombre
organizer-email = Su correo electrónico
organizer-email-hint = Para enviarle los enlaces del evento. Nunca se muestra.
email-language = Idioma de sus correos
form-has-errors = El formulario contiene errores:
lost-title = Recibir mis enlaces por correo
lost-intro = ¿Ha perdido el correo con su enlace? Escriba su dirección: le enviamos un correo con los enlaces de sus reservas, trayectos, inscripciones en listas de espera y eventos aún en curso.
lost-email = Su dirección de correo electrónico
lost-button = Enviarme mis enlaces
lost-sent = Si esta dirección tiene reservas, trayectos, inscripciones en listas de espera o eventos en curso, un correo con sus enlaces está en camino.
lost-sent-more = Puede tardar unos minutos; mire también en la carpeta de correo no deseado. Por su privacidad, esta página responde lo mismo sea cual sea la dirección.
lost-footer-link = ¿Ha perdido su enlace?
lost-created-hint = ¿Ha perdido el correo? Pida que le reenviemos sus enlaces.
optional = opcional
event-created = Su evento está publicado. Comparta esta página con los participantes.
share-this-page = Dirección de la página
embed-snippet = Para insertar las reservas en su propio sitio web, pegue este código:
embed-title = Módulo de reservas
# The title of the widget's frame on the organiser's site (read by screen readers).
widget-title = Viajes compartidos: reservar una plaza
embed-preview = Vista previa
when = Cuándo
where = Dónde
times-in-zone = Horas indicadas en la zona horaria
rides-to = Trayectos de ida
rides-from = Trayectos de vuelta
no-rides = Todavía no se ofrece ningún trayecto.
offer-a-ride = Ofrecer un trayecto
full = Completo
cancelled-offer = Cancelado
departed = Ya ha salido
new-offer-title = Ofrecer un trayecto
direction = Sentido del trayecto
to-event = Ida (hacia el evento)
from-event = Vuelta (desde el evento)
place = Lugar de salida (o destino, en un trayecto de vuelta)
place-hint = Una ciudad, un barrio, un aparcamiento: no su dirección exacta.
departure-place = Lugar de salida
departs-at = Salida (fecha y hora locales)
seats-offered = Plazas ofrecidas (de 1 a 8)
seats = Plazas
notes = Observaciones
notes-hint = Equipaje, mascotas, reparto de gastos…
driver-name = Su nombre
your-email = Su correo electrónico
driver-email-hint = Allí recibirá las solicitudes. Nunca se muestra.
your-phone = Su teléfono
driver-phone-hint = Solo se comunica a los pasajeros que usted acepte.
return-trip = Trayecto de vuelta
return-trip-hint = Indique una hora de salida para publicar también un trayecto de vuelta.
return-departs-at = Salida de la vuelta (fecha y hora locales)
return-seats = Plazas en la vuelta
return-place = Destino de la vuelta
publish-offer = Publicar el trayecto
offer-published = Su trayecto está publicado.
driver = Conductor
departure = Salida
destination = Destino
return-offer-link = Ver el trayecto de vuelta
outbound-offer-link = Ver el trayecto de ida
request-seats = Solicitar una plaza
booking-hint = Su solicitud no reserva ninguna plaza hasta que el conductor la acepte. El conductor tiene 24 horas para responder; la respuesta le llegará por correo.
your-name = Su nombre
passenger-email-hint = Para recibir la respuesta. Nunca se muestra.
passenger-phone-hint = Se envía al conductor junto con su solicitud.
seats-wanted = Número de plazas
pickup = Punto de recogida
pickup-hint = Dónde puede subir al coche (o bajar de él).
message = Mensaje para el conductor
send-request = Enviar la solicitud
request-sent-title = Solicitud enviada
request-sent-body = El conductor ha recibido su solicitud. No se reserva ninguna plaza hasta que la acepte; la respuesta le llegará por correo.
answer-by = Respuesta esperada antes del
back-to-event = Volver al evento
other-rides = Ver los otros trayectos
not-found-title = Página no encontrada
not-found-body = Esta página no existe o ya no está disponible. Revise el enlace que recibió.
error-title = Se ha producido un error
server-error-body = Se ha producido un error por nuestra parte. Si estaba guardando algo, revise su correo antes de volver a intentarlo.
unavailable-title = Servicio no disponible temporalmente
unavailable-write-body = En este momento no podemos guardar nada: su solicitud no se ha guardado. Vuelva a intentarlo dentro de unos minutos.
unavailable-read-body = Esta página no se puede mostrar en este momento. Vuelva a intentarlo dentro de unos minutos.
bad-request-body = Los datos enviados tienen un formato incorrecto.
too-large-body = El contenido enviado es demasiado grande.
conflict-title = No se puede realizar la solicitud
offer-cancelled-body = El conductor ha cancelado este trayecto.
departed-body = Este trayecto ya ha salido.
duplicate-body = Ya tiene una solicitud pendiente o aceptada para este trayecto.
home = Inicio
honeypot = Deje este campo vacío
email-queued = Se avisará al conductor por correo y usted recibirá una confirmación en su dirección.
email-captured = Modo de desarrollo: los correos no se envían, sino que se guardan en /dev/mail.
ack-suppressed = Se ha guardado. Esta vez no le hemos enviado ningún correo: esta dirección ha recibido muchos mensajes de covoit en la última hora. Guarde este enlace; es su forma de volver a esta página:
open-private-page = Abrir mi página

## The waiting list: the form, its confirmation, the event and offer pages.
need-a-ride = Busco un trayecto
need-no-fit = ¿Ningún trayecto le conviene? Apúntese a la lista de espera
need-join-list = Apuntarme a la lista de espera
need-title = Busco un trayecto
need-intro = ¿Todavía no hay ningún trayecto que le convenga? Indique lo que necesita: cuando se liberen plazas en un trayecto adecuado, o un conductor le invite, recibirá un correo con un enlace para ocuparlas.
need-place-hint = Su municipio o barrio: los conductores lo ven para saber quién espera cerca de su ruta.
need-earliest = Salida como pronto
need-latest = Salida como muy tarde
need-window-hint = Opcional: solo se le propondrán trayectos que salgan entre estas horas.
need-email-hint = Para avisarle de las plazas libres. Nunca se muestra.
need-phone-hint = Solo se comunica al conductor que le lleve.
need-submit = Apuntarme a la lista de espera
need-created-title = Está en la lista de espera
need-created-body = Cuando se liberen plazas en un trayecto que le convenga, o un conductor le invite, recibirá un correo con un enlace para ocuparlas.
need-email-queued = Recibirá en su dirección una confirmación con su enlace personal.
event-started-body = El evento ha empezado: la lista de espera está cerrada.
duplicate-need-body = Ya está en la lista de espera para un trayecto en este sentido.
booking-confirmed-title = Plaza reservada
booking-confirmed-body = Este conductor acepta las solicitudes automáticamente: su plaza está reservada. Recibirá en su dirección los datos de contacto del conductor.
auto-accept = Aceptar las solicitudes automáticamente
auto-accept-hint = Una solicitud para la que haya plazas suficientes se confirma al instante, sin esperar su respuesta; se le avisa por correo.

## Confirmations and error summaries that tell a newcomer where they are.
offer-published-public = Esta es la página pública de su trayecto: los pasajeros la encuentran en la página del evento y solicitan aquí sus plazas.
offer-published-manage = Para responder a las solicitudes, modificar o cancelar su trayecto, use el enlace personal que le acabamos de enviar por correo. Guarde ese correo: es su acceso a su trayecto.
offer-published-form-is-for-passengers = Este formulario es para sus pasajeros: usted no tiene que rellenar nada aquí.
# One line of the error summary: the field's label, then what is wrong with it.
error-summary-item = { $field }: { $message }
event-created-link-emailed = Le hemos enviado por correo su enlace personal de organizador: muestra los trayectos y las solicitudes. Guarde ese correo: es su acceso a este evento.
home-role-organiser = Organizador
home-role-organiser-body = Cree la página de su evento en un minuto, compártala o intégrela en su sitio, y siga cada trayecto y cada solicitud.
home-role-driver = Conductor
home-role-driver-body = Ofrezca sus plazas libres desde la página del evento, y acepte o rechace cada solicitud con un clic desde su correo.
home-role-passenger = Pasajero
home-role-passenger-body = Elija un trayecto en la página del evento y solicite una plaza, sin cuenta; la respuesta le llega por correo.
book-return-too = Solicitar también las mismas plazas en el trayecto de vuelta ({ $when })
book-return-sent = Su solicitud para el trayecto de vuelta ({ $when }) también se ha enviado; el conductor responde a cada una.
book-return-not-sent = Su solicitud para el trayecto de vuelta ({ $when }) no se ha podido enviar: puede que esté completo o que ya lo haya solicitado.

# Places: near me (issue 16)
near-legend = Viajes cerca de usted
near-label = Su municipio, código postal o coordenadas
near-hint = Los viajes se ordenan según la distancia de su salida (o de su destino en un viaje de vuelta).
radius-label = En un radio de
radius-any = cualquier distancia
radius-km = { $km } km
near-submit = Ordenar por distancia
near-sorted = Viajes ordenados del más cercano al más lejano de «{ $place }».
distance-km = a { $km } km
distance-under-1-km = a menos de 1 km

# Places: the schematic map (issue 16)
map-heading = Mapa de los viajes
map-title = Mapa esquemático de los viajes
map-desc = El lugar del evento en el centro; alrededor, los municipios de donde salen (o adonde van) los viajes, en su dirección real y a una distancia a escala. Posiciones aproximadas.
map-town = { $town }: { $distance }, { $rides ->
    [one] 1 viaje
   *[other] { $rides } viajes
}
map-unplaced = { $count ->
    [one] 1 viaje con lugar desconocido no está en el mapa.
   *[other] { $count } viajes con lugar desconocido no están en el mapa.
}
compass-n = al norte
compass-ne = al noreste
compass-e = al este
compass-se = al sureste
compass-s = al sur
compass-sw = al suroeste
compass-w = al oeste
compass-nw = al noroeste

# Rutas: el desvío del conductor y su máximo (con un calculador de rutas).
route-detour = Tu desvío para las recogidas
route-max-detour = Tu desvío máximo
route-minutes = { $count } min
route-detour-with = Tu desvío con este pasajero
route-over-max = más que tu máximo
max-detour = Desvío máximo (minutos)
max-detour-hint = Opcional. Se te señalan las solicitudes cuya recogida te desviaría más.
contribution-label = Aportación sugerida
contribution-value = unos { $amount } ({ $km } km × { $rate }/km)
# The API page (/api/docs).
api-docs-title = API de covoit
api-docs-missing = La página de la API necesita Swagger UI, que no está instalado en este servidor. El operador lo instala desde la carpeta de covoit con
