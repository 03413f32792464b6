## The operators' pages (/admin, /dev/mail), the CSV headers and the figures.

## Figures.
# A share: "12.5%". $value has the language's decimal separator.
percent = { $value }%
decimal-separator = ,
# A figure that cannot be computed yet.
no-figure = —

## Operator sign-in.
login-title = Accesso operatore
login-failed = Questo token non è il token di amministrazione.
login-token = Token di amministrazione
login-button = Accedi

## The operations page.
admin-title = Gestione operativa
admin-sign-out = Esci
admin-retried = L'e-mail è di nuovo in coda.
admin-totals = Totali
admin-events = Eventi
admin-open-offers = Passaggi aperti
admin-seats = Posti offerti / occupati
admin-requests = Richieste
admin-pending = In attesa
admin-confirmed = Confermate
admin-refused = Rifiutate
admin-expired = Scadute
admin-cancelled = Annullate
admin-acceptance = Tasso di accettazione
admin-median = Tempo mediano di risposta del conducente
admin-expired-share = Quota di richieste scadute
admin-emails-today = E-mail di oggi (UTC)
admin-none = Nessuna.
admin-failed-emails = E-mail non riuscite
admin-kind = Tipo
admin-queued = Messa in coda
admin-tries = Tentativi
admin-error = Errore
admin-retry = Riprova
admin-find = Cerca una richiesta
admin-request-id = Numero della richiesta
admin-find-button = Cerca
admin-no-request = Nessuna richiesta n. { $id }.
admin-request = Richiesta
admin-state = Stato
admin-seats-col = Posti
admin-passenger = Passeggero
admin-made = Creata
admin-expires = Scadenza
admin-answered = Risposta
admin-offer = Passaggio
admin-event = Evento
admin-offers = Passaggi
admin-seats-taken = Posti (occupati)
admin-accepted = Accettate
admin-median-answer = Risposta mediana
# One line of the emails of the day: "sent: 12".
admin-email-state = { $state }: { $count }
email-state-queued = in coda
email-state-sending = in invio
email-state-sent = inviate
email-state-failed = non riuscite
email-state-captured = intercettate
email-state-bounced = tornato indietro (indirizzo non valido)
email-state-suppressed = non inviato (indirizzo non valido)

## Captured emails (development).
devmail-title = E-mail intercettate
devmail-mode = covoit in modalità sviluppo
devmail-hint = Modalità sviluppo: non viene usato alcun relay SMTP, quindi le e-mail vengono conservate qui invece di essere inviate. Prima le più recenti.
devmail-empty = Ancora nessuna e-mail. Crei un evento, offra un passaggio o prenoti un posto.
devmail-to = A
devmail-all = Tutte le e-mail intercettate
devmail-reply-to = Rispondi a
devmail-kind = Tipo
devmail-kind-line = { $kind } (record { $record }, versione { $version })
devmail-language = Lingua
devmail-html = Parte HTML
devmail-text = Parte testo
devmail-links = Link

## The organiser's CSV: column headers and values.
csv-ride = passaggio
csv-direction = direzione
csv-departure = partenza
csv-place = luogo
csv-status = stato
csv-seats-offered = posti offerti
csv-seats-taken = posti occupati
csv-driver = conducente
csv-passenger = passeggero
csv-passenger-seats = posto del passeggero (n/totale)
csv-pickup = punto di ritrovo
csv-to-event = andata
csv-from-event = ritorno
csv-open = aperto
csv-cancelled = annullato

## The waiting list's figures.
admin-needs = Lista d'attesa
admin-needs-waiting = In attesa
admin-needs-matched = Posto trovato
admin-needs-withdrawn = Ritirate
admin-needs-lapsed = Concluse senza posto
admin-matched-share = Quota con un posto
admin-time-to-match = Tempo mediano per trovare un posto

# Bounces.
admin-bounces = E-mail non recapitate
admin-bounces-hard = Errori definitivi (30 giorni)
admin-bounces-soft = Errori temporanei (30 giorni)
admin-suppressed = Indirizzi a cui non si scrive ora
admin-address = Indirizzo
admin-bounced-at = Non recapitato dal
admin-until = Nessuna e-mail fino al
admin-hits = Errori definitivi
admin-reason = Motivo
admin-lift = Scrivere di nuovo
admin-recent-bounces = Ultimi ritorni
admin-received = Ricevuto
admin-status-code = Codice
admin-bounce-hard = definitivo
admin-bounce-soft = temporaneo
admin-lifted = Questo indirizzo riceverà di nuovo le e-mail.
