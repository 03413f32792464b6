## The operators' pages (/admin, /dev/mail), the CSV headers and the figures.

## Figures.
# A share: "12.5%". $value has the language's decimal separator.
percent = { $value }%
decimal-separator = ,
# A figure that cannot be computed yet.
no-figure = —

## Operator sign-in.
login-title = Aanmelden als beheerder
login-failed = Dit is niet het beheertoken.
login-token = Beheertoken
login-button = Aanmelden

## The operations page.
admin-title = Beheer
admin-sign-out = Afmelden
admin-retried = De e-mail staat opnieuw in de wachtrij.
admin-totals = Totalen
admin-events = Evenementen
admin-open-offers = Open ritten
admin-seats = Plaatsen aangeboden / bezet
admin-requests = Aanvragen
admin-pending = Openstaand
admin-confirmed = Bevestigd
admin-refused = Geweigerd
admin-expired = Verlopen
admin-cancelled = Geannuleerd
admin-acceptance = Acceptatiegraad
admin-median = Mediane tijd tot antwoord van de bestuurder
admin-expired-share = Aandeel verlopen
admin-emails-today = E-mails vandaag (UTC)
admin-none = Geen.
admin-failed-emails = Mislukte e-mails
admin-kind = Soort
admin-queued = In wachtrij gezet
admin-tries = Pogingen
admin-error = Fout
admin-retry = Opnieuw proberen
admin-find = Aanvraag zoeken
admin-request-id = Aanvraagnummer
admin-find-button = Zoeken
admin-no-request = Aanvraag #{ $id } bestaat niet.
admin-request = Aanvraag
admin-state = Status
admin-seats-col = Plaatsen
admin-passenger = Passagier
admin-made = Ingediend
admin-expires = Verloopt
admin-answered = Beantwoord
admin-offer = Rit
admin-event = Evenement
admin-offers = Ritten
admin-seats-taken = Plaatsen (bezet)
admin-accepted = Geaccepteerd
admin-median-answer = Mediane antwoordtijd
# One line of the emails of the day: "sent: 12".
admin-email-state = { $state }: { $count }
email-state-queued = in wachtrij
email-state-sending = wordt verzonden
email-state-sent = verzonden
email-state-failed = mislukt
email-state-captured = opgevangen
email-state-bounced = onbestelbaar teruggekomen
email-state-suppressed = niet verzonden (adres onbestelbaar)

## Captured emails (development).
devmail-title = Opgevangen e-mails
devmail-mode = covoit in ontwikkelmodus
devmail-hint = Ontwikkelmodus: er wordt geen SMTP-relay gebruikt, dus e-mails worden hier bewaard in plaats van verstuurd. Nieuwste eerst.
devmail-empty = Nog geen e-mails. Maak een evenement aan, bied een rit aan of reserveer een plaats.
devmail-to = Aan
devmail-all = Alle opgevangen e-mails
devmail-reply-to = Antwoord aan
devmail-kind = Soort
devmail-kind-line = { $kind } (record { $record }, versie { $version })
devmail-language = Taal
devmail-html = HTML-deel
devmail-text = Tekstdeel
devmail-links = Links

## The organiser's CSV: column headers and values.
csv-ride = rit
csv-direction = richting
csv-departure = vertrek
csv-place = locatie
csv-status = status
csv-seats-offered = aangeboden plaatsen
csv-seats-taken = bezette plaatsen
csv-driver = bestuurder
csv-passenger = passagier
csv-passenger-seats = plaats passagier (n/totaal)
csv-pickup = ophaalplaats
csv-to-event = heenrit
csv-from-event = terugrit
csv-open = open
csv-cancelled = geannuleerd

## The waiting list's figures.
admin-needs = Wachtlijst
admin-needs-waiting = Wachtend
admin-needs-matched = Plaats gevonden
admin-needs-withdrawn = Ingetrokken
admin-needs-lapsed = Afgelopen zonder plaats
admin-matched-share = Aandeel met een plaats
admin-time-to-match = Mediane tijd tot een plaats

# Bounces.
admin-bounces = Onbestelbare e-mails
admin-bounces-hard = Blijvend onbestelbaar (30 dagen)
admin-bounces-soft = Tijdelijk onbestelbaar (30 dagen)
admin-suppressed = Adressen die nu niets ontvangen
admin-address = Adres
admin-bounced-at = Onbestelbaar sinds
admin-until = Geen e-mail tot
admin-hits = Blijvende fouten
admin-reason = Reden
admin-lift = Weer mailen
admin-recent-bounces = Laatste onbestelbare e-mails
admin-received = Ontvangen
admin-status-code = Statuscode
admin-bounce-hard = blijvend
admin-bounce-soft = tijdelijk
admin-lifted = Dit adres ontvangt weer e-mails.
