## The public pages: layout, home, forms, event and offer pages, confirmations.

skip-to-content = Vai al contenuto
language = Lingua
tagline = Carpooling per i Suoi eventi
footer = covoit — nessun account necessario; i Suoi recapiti non vengono mai pubblicati.
home-title = In auto insieme verso i Suoi eventi
home-intro = Un club, una scuola o un'azienda pubblica il proprio evento; i conducenti offrono posti; i passeggeri chiedono un posto senza creare un account; il conducente accetta o rifiuta con un clic dall'e-mail.
home-step-event = L'organizzatore crea l'evento e ne condivide la pagina (o la integra nel proprio sito).
home-step-offer = Un conducente offre un passaggio di andata, di ritorno o entrambi.
home-step-request = Un passeggero chiede uno o più posti.
home-step-answer = Il conducente risponde entro 24 ore; il giorno prima tutti ricevono un promemoria.
create-event = Crea un evento
new-event-title = Nuovo evento
event-name = Nome dell'evento
venue = Luogo
starts-at = Inizio (data e ora locali)
timezone = Fuso orario
timezone-hint = Scriva una città o un fuso (per esempio Roma o Europe/Zurich) e lo scelga dall'elenco.
organizer-name = Il Suo nome
organizer-email = Il Suo indirizzo e-mail
organizer-email-hint = Per inviarLe i link dell'evento. Non viene mai mostrato.
email-language = Lingua delle Sue e-mail
form-has-errors = Il modulo contiene errori:
lost-title = Ricevere i miei link via e-mail
lost-intro = Ha perso l'e-mail con il Suo link? Inserisca il Suo indirizzo: Le inviamo un'e-mail con i link delle Sue prenotazioni, dei Suoi passaggi, delle iscrizioni alle liste d'attesa e degli eventi ancora in corso.
lost-email = Il Suo indirizzo e-mail
lost-button = Inviatemi i miei link
lost-sent = Se a questo indirizzo corrispondono prenotazioni, passaggi, iscrizioni a liste d'attesa o eventi in corso, un'e-mail con i link è in arrivo.
lost-sent-more = Può richiedere qualche minuto; controlli anche la cartella della posta indesiderata. Per la Sua riservatezza, questa pagina risponde allo stesso modo qualunque sia l'indirizzo.
lost-footer-link = Link perso?
lost-created-hint = Ha perso l'e-mail? Si faccia inviare di nuovo i Suoi link.
optional = facoltativo
event-created = Il Suo evento è pubblicato. Condivida questa pagina con i partecipanti.
share-this-page = Indirizzo della pagina
embed-snippet = Per integrare le prenotazioni nel Suo sito, incolli questo codice:
embed-title = Widget di prenotazione
# The title of the widget's frame on the organiser's site (read by screen readers).
widget-title = Carpooling: prenota un posto
embed-preview = Anteprima
when = Quando
where = Dove
times-in-zone = Orari indicati nel fuso orario
rides-to = Passaggi di andata
rides-from = Passaggi di ritorno
no-rides = Ancora nessun passaggio offerto.
offer-a-ride = Offri un passaggio
full = Al completo
cancelled-offer = Annullato
departed = Partito
new-offer-title = Offri un passaggio
direction = Direzione
to-event = Andata (verso l'evento)
from-event = Ritorno (dall'evento)
place = Luogo di partenza (o destinazione per un ritorno)
place-hint = Una città, un quartiere, un parcheggio: non il Suo indirizzo esatto.
departure-place = Luogo di partenza
departs-at = Partenza (data e ora locali)
seats-offered = Posti offerti (da 1 a 8)
seats = Posti
notes = Note
notes-hint = Bagagli, animali, divisione delle spese…
driver-name = Il Suo nome
your-email = Il Suo indirizzo e-mail
driver-email-hint = Le richieste arrivano a questo indirizzo. Non viene mai mostrato.
your-phone = Il Suo telefono
driver-phone-hint = Comunicato solo ai passeggeri che accetta.
return-trip = Passaggio di ritorno
return-trip-hint = Indichi un orario di partenza per pubblicare anche un passaggio di ritorno.
return-departs-at = Partenza del ritorno (data e ora locali)
return-seats = Posti al ritorno
return-place = Destinazione del ritorno
publish-offer = Pubblica il passaggio
offer-published = Il Suo passaggio è pubblicato.
driver = Conducente
departure = Partenza
destination = Destinazione
return-offer-link = Vedi il passaggio di ritorno
outbound-offer-link = Vedi il passaggio di andata
request-seats = Richiedi un posto
booking-hint = La Sua richiesta non blocca alcun posto finché il conducente non la accetta. Il conducente ha 24 ore per rispondere; la risposta Le arriverà via e-mail.
your-name = Il Suo nome
passenger-email-hint = Per ricevere la risposta. Non viene mai mostrato.
passenger-phone-hint = Inviato al conducente insieme alla Sua richiesta.
seats-wanted = Numero di posti
pickup = Punto di ritrovo
pickup-hint = Dove il conducente può farLa salire (o scendere).
message = Messaggio per il conducente
send-request = Invia la richiesta
request-sent-title = Richiesta inviata
request-sent-body = Il conducente ha ricevuto la Sua richiesta. Nessun posto è bloccato finché non la accetta; la risposta Le arriverà via e-mail.
answer-by = Risposta attesa entro
back-to-event = Torna all'evento
other-rides = Vedi gli altri passaggi
not-found-title = Pagina non trovata
not-found-body = Questa pagina non esiste o non esiste più. Controlli il link ricevuto.
error-title = Si è verificato un errore
server-error-body = Si è verificato un errore da parte nostra. Se stava salvando qualcosa, controlli le Sue e-mail prima di riprovare.
unavailable-title = Servizio momentaneamente non disponibile
unavailable-write-body = Al momento non possiamo salvare nulla: la Sua richiesta non è stata registrata. Riprovi tra qualche minuto.
unavailable-read-body = Al momento questa pagina non può essere visualizzata. Riprovi tra qualche minuto.
bad-request-body = La richiesta inviata non è formulata correttamente.
too-large-body = Il contenuto inviato è troppo grande.
conflict-title = Richiesta non possibile
offer-cancelled-body = Il conducente ha annullato questo passaggio.
departed-body = Questo passaggio è già partito.
duplicate-body = Ha già una richiesta in attesa o accettata per questo passaggio.
home = Home
honeypot = Lasci vuoto questo campo
email-queued = Il conducente viene avvisato via e-mail e una conferma è in arrivo al Suo indirizzo.
email-captured = Modalità sviluppo: le e-mail non vengono inviate ma conservate in /dev/mail.
ack-suppressed = Salvataggio effettuato. Questa volta non Le abbiamo scritto: questo indirizzo ha ricevuto molti messaggi da covoit nell'ultima ora. Conservi questo link, è il Suo accesso a questa pagina:
open-private-page = Apri la mia pagina

## The waiting list: the form, its confirmation, the event and offer pages.
need-a-ride = Cerco un passaggio
need-no-fit = Nessun passaggio fa per Lei? Si iscriva alla lista d'attesa
need-join-list = Iscriviti alla lista d'attesa
need-title = Cerco un passaggio
need-intro = Nessun passaggio fa ancora per Lei? Indichi ciò di cui ha bisogno: quando si liberano posti su un passaggio adatto, o un conducente La invita, riceverà un'e-mail con un link per prenderli.
need-place-hint = Il Suo comune o quartiere: i conducenti lo vedono per sapere chi attende vicino al loro percorso.
need-earliest = Partenza al più presto
need-latest = Partenza al più tardi
need-window-hint = Facoltativo: Le verranno proposti solo i passaggi in partenza tra questi orari.
need-email-hint = Per avvisarLa dei posti liberi. Non viene mai mostrato.
need-phone-hint = Comunicato solo al conducente che Le darà un passaggio.
need-submit = Iscriviti alla lista d'attesa
need-created-title = È in lista d'attesa
need-created-body = Quando si liberano posti su un passaggio adatto a Lei, o un conducente La invita, riceverà un'e-mail con un link per prenderli.
need-email-queued = Una conferma con il Suo link personale è in arrivo al Suo indirizzo.
event-started-body = L'evento è iniziato: la lista d'attesa è chiusa.
duplicate-need-body = È già in lista d'attesa per un passaggio in questa direzione.
booking-confirmed-title = Posto prenotato
booking-confirmed-body = Questo conducente accetta le richieste automaticamente: il Suo posto è prenotato. I recapiti del conducente sono in arrivo al Suo indirizzo.
auto-accept = Accetta le richieste automaticamente
auto-accept-hint = Una richiesta per cui ci sono abbastanza posti liberi viene confermata subito, senza attendere la Sua risposta; riceverà un avviso via e-mail.

## Confirmations and error summaries that tell a newcomer where they are.
offer-published-public = Questa è la pagina pubblica del Suo passaggio: i passeggeri la trovano sulla pagina dell'evento e qui richiedono i loro posti.
offer-published-manage = Per rispondere alle richieste, modificare o annullare il passaggio, usi il link personale che Le abbiamo appena inviato via e-mail. Conservi quell'e-mail: è il Suo accesso al passaggio.
offer-published-form-is-for-passengers = Questo modulo è per i Suoi passeggeri: Lei non deve compilare nulla qui.
# One line of the error summary: the field's label, then what is wrong with it.
error-summary-item = { $field }: { $message }
event-created-link-emailed = Le abbiamo inviato via e-mail il Suo link personale di organizzatore: mostra i passaggi e le richieste. Conservi quell'e-mail: è il Suo accesso a questo evento.
home-role-organiser = Organizzatore
home-role-organiser-body = Crei la pagina del Suo evento in un minuto, la condivida o la integri nel Suo sito, e segua ogni passaggio e ogni richiesta.
home-role-driver = Conducente
home-role-driver-body = Offra i Suoi posti liberi dalla pagina dell'evento, e accetti o rifiuti ogni richiesta con un clic dalla Sua e-mail.
home-role-passenger = Passeggero
home-role-passenger-body = Scelga un passaggio sulla pagina dell'evento e richieda un posto, senza account; la risposta Le arriva via e-mail.
book-return-too = Richiedi gli stessi posti anche sul passaggio di ritorno ({ $when })
book-return-sent = Anche la Sua richiesta per il passaggio di ritorno ({ $when }) è inviata; il conducente risponde a ciascuna.
book-return-not-sent = La Sua richiesta per il passaggio di ritorno ({ $when }) non è stata inviata: il passaggio potrebbe essere al completo, oppure l'ha già richiesto.

# Places: near me (issue 16)
near-legend = Passaggi vicino a voi
near-label = Il vostro comune, codice postale o coordinate
near-hint = I passaggi sono ordinati secondo la distanza della partenza (o della destinazione per un ritorno).
radius-label = Entro
radius-any = qualsiasi distanza
radius-km = { $km } km
near-submit = Ordina per distanza
near-sorted = Passaggi ordinati dal più vicino al più lontano da «{ $place }».
distance-km = a { $km } km
distance-under-1-km = a meno di 1 km

# Places: the schematic map (issue 16)
map-heading = Mappa dei passaggi
map-title = Mappa schematica dei passaggi
map-desc = Il luogo dell'evento al centro; intorno, i comuni da cui partono (o verso cui vanno) i passaggi, nella loro direzione reale e a una distanza in scala. Posizioni approssimative.
map-town = { $town }: { $distance }, { $rides ->
    [one] 1 passaggio
   *[other] { $rides } passaggi
}
map-unplaced = { $count ->
    [one] 1 passaggio con luogo sconosciuto non è sulla mappa.
   *[other] { $count } passaggi con luogo sconosciuto non sono sulla mappa.
}
compass-n = a nord
compass-ne = a nord-est
compass-e = a est
compass-se = a sud-est
compass-s = a sud
compass-sw = a sud-ovest
compass-w = a ovest
compass-nw = a nord-ovest

# Percorsi: la deviazione del conducente e il suo massimo (con un calcolatore di percorsi).
route-detour = La tua deviazione per i ritiri
route-max-detour = La tua deviazione massima
route-minutes = { $count } min
route-detour-with = La tua deviazione con questo passeggero
route-over-max = oltre il tuo massimo
max-detour = Deviazione massima (minuti)
max-detour-hint = Facoltativo. Le richieste il cui ritiro ti allontanerebbe di più dal percorso vengono segnalate.
contribution-label = Contributo suggerito
contribution-value = circa { $amount } ({ $km } km × { $rate }/km)
# The API page (/api/docs).
api-docs-title = API di covoit
api-docs-missing = La pagina dell'API ha bisogno di Swagger UI, che non è installato su questo server. Il gestore lo installa dalla cartella di covoit con
