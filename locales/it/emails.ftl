## The emails: subjects, greetings, every paragraph and label, in text and HTML.
## Values are plain text (the HTML part escapes them). $count picks the plural form.

## Shared by every email.
mail-hello = Buongiorno { $name },
mail-footer = E-mail automatica inviata da covoit. I Suoi recapiti non vengono mai pubblicati.
mail-footer-short = E-mail automatica inviata da covoit.
mail-departure = Partenza
mail-place = Luogo
mail-when = Quando
mail-where = Dove
mail-name = Nome
mail-seats = Posti
mail-pickup = Punto di ritrovo
mail-phone = Telefono
mail-email = E-mail
mail-driver = Conducente
mail-seats-left = Posti liberi: { $count }.
mail-manage-ride = Gestisci il mio passaggio
mail-other-rides = Vedi gli altri passaggi
mail-other-rides-label = Gli altri passaggi
mail-see-or-cancel = Vedi o annulla la mia prenotazione
mail-event-page = Pagina dell'evento
mail-see-ride = Vedi il passaggio
mail-unsubscribe = Non ricevere più queste e-mail
links-subject = I Suoi link covoit
links-intro = Ecco i link ancora attivi per il Suo indirizzo.
links-events = Gli eventi che organizza
links-rides = I Suoi passaggi
links-bookings = Le Sue prenotazioni
links-needs = Le Sue iscrizioni alle liste d'attesa
links-private = Ogni link apre la Sua pagina personale: non li condivida.
links-not-you = Non ha chiesto questa e-mail? Qualcuno ha inserito il Suo indirizzo su covoit; può ignorarla.
mail-accept = Accetta
mail-refuse = Rifiuta
mail-confirmed-passengers = I Suoi passeggeri confermati

## To the organiser, when the event is created.
created-subject = Il Suo evento «{ $event }» è pubblicato
created-intro = Il Suo evento «{ $event }» è pubblicato. Ne condivida la pagina con i partecipanti: lì i conducenti offrono passaggi e i passeggeri chiedono un posto.
created-manage = La Sua pagina di organizzatore (privata: non la condivida)
created-keep = Conservi questa e-mail: è il Suo riferimento per questo evento.
created-embed = Per integrare le prenotazioni nel Suo sito, incolli questo codice in una pagina:

## To the driver, when a ride is published.
published-subject = Il Suo passaggio per «{ $event }» è pubblicato
published-intro = Grazie! Il Suo passaggio per «{ $event }» è pubblicato. Ogni richiesta di posto Le arriverà via e-mail e potrà accettarla o rifiutarla con un clic. Una richiesta non blocca alcun posto finché non la accetta.
published-seats-offered = { $count ->
    [one] { $count } posto offerto
   *[other] { $count } posti offerti
}
published-personal = Questo link è personale: non lo condivida.
published-manage-line = Gestisci il mio passaggio (link personale, non lo condivida)

## To the driver: a passenger asks for seats.
received-subject = { $name } chiede { $count ->
    [one] { $count } posto
   *[other] { $count } posti
} — { $event }
received-intro = { $name } chiede { $count ->
    [one] { $count } posto
   *[other] { $count } posti
} sul Suo passaggio. Risponda entro { $deadline }; senza risposta, la richiesta scade.
received-passenger = Il passeggero
received-message = Messaggio del passeggero
received-left = Su questo passaggio Le { $count ->
    [one] resta { $count } posto libero
   *[other] restano { $count } posti liberi
}. Rispondendo a questa e-mail scriverà direttamente al passeggero.
received-footer = E-mail automatica inviata da covoit. I dati del passeggero Le vengono comunicati per decidere: li tenga per sé.

## To the passenger: the request is sent.
sent-subject = Richiesta inviata a { $driver } — { $event }
sent-intro = La Sua richiesta di { $count ->
    [one] { $count } posto
   *[other] { $count } posti
} è stata inviata a { $driver }. Nessun posto è bloccato finché la richiesta non viene accettata. Riceverà la risposta via e-mail entro { $deadline }; senza risposta entro quel termine, la richiesta scade e potrà farne un'altra.
sent-contact = Una volta accettata la Sua richiesta, riceverà i recapiti del conducente.
sent-follow = Segui o annulla la mia richiesta

## To the passenger: accepted.
accepted-subject = Richiesta accettata: viaggerà con { $driver } — { $event }
accepted-intro = Buone notizie: { $driver } ha accettato la Sua richiesta di { $count ->
    [one] { $count } posto
   *[other] { $count } posti
}. La prenotazione è confermata.
accepted-your-driver = Il Suo conducente
accepted-calendar = Il passaggio è allegato a questa e-mail per il Suo calendario (file .ics). Se non può più venire, annulli per liberare il posto:
# The description of the calendar event.
accepted-calendar-driver = Conducente: { $name }

## To the passenger: refused, or the ride is full.
refused-subject = Richiesta non accolta — { $event }
full-subject = Passaggio al completo — { $event }
refused-intro = { $driver } non può offrirLe un posto su questo passaggio.
full-intro = Il passaggio di { $driver } è ormai al completo: la Sua richiesta non può essere accettata.
refused-others = Altri conducenti potrebbero avere posti liberi:

## To the driver: the passenger list changed.
list-subject = I Suoi passeggeri — { $event }
list-cancelled-subject = { $name } ha annullato — { $event }
list-accepted = Ha accettato { $name }.
list-cancelled-pending = { $name } ha annullato la propria richiesta in attesa.
list-cancelled = { $name } ha annullato la propria prenotazione.
list-removed = Ha rimosso { $name } dall'elenco dei Suoi passeggeri.
list-none = Ancora nessuno.

## To the passenger: cancellation confirmed, removed by the driver, ride cancelled.
notice-cancelled-subject = Annullamento confermato — { $event }
notice-removed-subject = Il conducente ha revocato il Suo posto — { $event }
notice-offer-cancelled-subject = Passaggio annullato — { $event }
notice-cancelled = La Sua richiesta è annullata. Il conducente è stato avvisato; grazie per aver liberato il posto.
notice-removed = { $driver } ha revocato il Suo posto su questo passaggio. Se pensa che si tratti di un errore, risponda a questa e-mail: la Sua risposta arriverà a { $driver }.
notice-offer-cancelled = { $driver } ha annullato questo passaggio. La Sua richiesta non è più valida.

## To confirmed passengers: the trip changed.
changed-subject = Orario o luogo modificato — { $event }
changed-intro = { $driver } ha modificato il passaggio su cui Lei ha un posto.
changed-instead = { $new } (invece di { $old })
changed-cancel = Se la modifica non Le va bene, può annullare:

## Request expired, to the passenger or to the driver.
expired-subject = Richiesta scaduta senza risposta — { $event }
expired-driver-subject = Richiesta scaduta: { $name } — { $event }
expired-intro = La Sua richiesta non ha ricevuto risposta in tempo ed è scaduta. Nessun posto Le è riservato su questo passaggio; altri conducenti potrebbero avere posti liberi.
expired-driver-intro = La richiesta di { $name } è scaduta senza risposta. Nessun posto era bloccato; non cambia nient'altro.

## To the driver, half-way to a request's expiry.
nudge-subject = { $name } attende la Sua risposta — { $event }
nudge-intro = { $name } attende la Sua risposta per { $count ->
    [one] { $count } posto
   *[other] { $count } posti
}. Ha tempo fino a { $deadline }; senza risposta, la richiesta scadrà.

## The day before.
reminder-driver-subject = Domani: { $when } — { $event }
reminder-driver-intro = È domani! Ecco il Suo passaggio e i Suoi passeggeri.
reminder-driver-none = Nessun passeggero confermato.
reminder-passenger-subject = Domani: viaggerà con { $driver } — { $event }
reminder-passenger-intro = È domani! La Sua prenotazione è confermata.

## covoit send-test-email
test-subject = covoit: messaggio di prova
test-body = Questo è un messaggio di prova inviato da covoit ({ $url }). Se riesce a leggerlo, le impostazioni SMTP funzionano.

## The waiting list's emails.
need-created-subject = È in lista d'attesa — { $event }
need-created-intro = È in lista d'attesa per «{ $event }»:
need-created-next = Quando si liberano posti su un passaggio adatto a Lei, o un conducente La invita, riceverà un'e-mail con un link per prenderli. Fino ad allora nessun posto Le è riservato.
seat-freed-subject = Posti liberi su un passaggio — { $event }
seat-freed-intro = { $driver } ha { $count ->
    [one] 1 posto libero
   *[other] { $count } posti liberi
} su un passaggio che potrebbe fare per Lei.
seat-freed-auto = Questo conducente accetta le richieste automaticamente: i posti sono Suoi non appena conferma.
seat-freed-ask = La Sua richiesta va al conducente, che risponde via e-mail.
seat-freed-claim = Prenota i posti
seat-freed-first = Anche altre persone in attesa potrebbero ricevere questa e-mail: chi prima arriva, meglio alloggia.
invitation-subject = { $driver } La invita a viaggiare insieme — { $event }
invitation-intro = { $driver } Le propone di viaggiare insieme: { $count ->
    [one] 1 posto
   *[other] { $count } posti
} per Lei.
invitation-how = I Suoi posti sono prenotati non appena accetta, e riceverà i recapiti del conducente.
invitation-join = Unisciti a questo passaggio
still-subject = Partirà come previsto? { $when } — { $event }
still-driver-intro = Il Suo passaggio parte a breve.
still-passenger-intro = Ha un posto nell'auto di { $driver }, che parte a breve.
still-question = Partirà come previsto?
still-yes = Sì, parto
still-no-driver = No, annulla il mio passaggio
still-no-passenger = No, libera il mio posto
still-driver-no-means = «No» annulla il Suo passaggio; i Suoi passeggeri vengono avvisati subito.
still-passenger-no-means = «No» libera il Suo posto per qualcun altro; il conducente viene avvisato subito.
published-waiting = Persone che cercano un passaggio come il Suo:
published-invite = Può invitarle dalla pagina del Suo passaggio (Gestisci il mio passaggio).
waiting-offer = Nessun altro passaggio fa per Lei? Si iscriva alla lista d'attesa:
waiting-join = la lista d'attesa
waiting-back = È di nuovo in lista d'attesa: riceverà un avviso quando si libereranno posti su un altro passaggio.

# A hard bounce, told to the other party of a trip.
bounced-subject = L’indirizzo e-mail di { $name } non funziona
bounced-passenger = Le e-mail inviate a { $name }, che ha chiesto un posto nella Sua auto, tornano indietro: l’indirizzo non funziona. La Sua risposta e le novità sul passaggio non le arriveranno per e-mail.
bounced-driver = Le e-mail inviate a { $name }, che guida il Suo passaggio, tornano indietro: l’indirizzo non funziona. Potrebbe non vedere la Sua richiesta né i Suoi messaggi.
bounced-call = La contatti per telefono:
bounced-no-phone-passenger = Non ha lasciato un numero di telefono: se può raggiungere questa persona in altro modo, la avvisi; altrimenti può rifiutare la richiesta.
bounced-no-phone-driver = Non ha lasciato un numero di telefono: può cercare un altro passaggio nella pagina dell’evento.
bounced-open-page = Apri la pagina del mio passaggio
bounced-open-page-label = La pagina del Suo passaggio

# Percorsi e orari di partenza (con un calcolatore di percorsi).
route-pickup-time = Orario di ritiro
route-dropoff-time = Orario di discesa
route-moved-intro = Il percorso del passaggio di { $driver } è cambiato (si sono aggiunti o ritirati dei passeggeri), e con esso l’orario alla tua fermata.
route-request-over = Con { $name } a bordo la tua deviazione sarebbe di { $detour }, oltre il tuo massimo di { $max } min.
