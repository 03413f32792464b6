## The operators' pages (/admin, /dev/mail), the CSV headers and the figures.

## Figures.
# A share: "12.5%". $value has the language's decimal separator.
percent = { $value } %
decimal-separator = ,
# A figure that cannot be computed yet.
no-figure = —

## Operator sign-in.
login-title = Anmeldung für Betreiber
login-failed = Dieses Token ist nicht das Admin-Token.
login-token = Admin-Token
login-button = Anmelden

## The operations page.
admin-title = Betrieb
admin-sign-out = Abmelden
admin-retried = Die E-Mail ist wieder in der Warteschlange.
admin-totals = Summen
admin-events = Veranstaltungen
admin-open-offers = Offene Fahrten
admin-seats = Plätze angeboten / vergeben
admin-requests = Anfragen
admin-pending = Offen
admin-confirmed = Bestätigt
admin-refused = Abgelehnt
admin-expired = Abgelaufen
admin-cancelled = Storniert
admin-acceptance = Annahmequote
admin-median = Mediane Antwortzeit der Fahrer
admin-expired-share = Anteil abgelaufen
admin-emails-today = E-Mails heute (UTC)
admin-none = Keine.
admin-failed-emails = Fehlgeschlagene E-Mails
admin-kind = Typ
admin-queued = Eingereiht
admin-tries = Versuche
admin-error = Fehler
admin-retry = Erneut versuchen
admin-find = Anfrage suchen
admin-request-id = Anfragenummer
admin-find-button = Suchen
admin-no-request = Keine Anfrage Nr. { $id }.
admin-request = Anfrage
admin-state = Status
admin-seats-col = Plätze
admin-passenger = Mitfahrer
admin-made = Erstellt
admin-expires = Läuft ab
admin-answered = Beantwortet
admin-offer = Fahrt
admin-event = Veranstaltung
admin-offers = Fahrten
admin-seats-taken = Plätze (vergeben)
admin-accepted = Angenommen
admin-median-answer = Mediane Antwortzeit
# One line of the emails of the day: "sent: 12".
admin-email-state = { $state }: { $count }
email-state-queued = in Warteschlange
email-state-sending = wird gesendet
email-state-sent = gesendet
email-state-failed = fehlgeschlagen
email-state-captured = abgefangen
email-state-bounced = unzustellbar zurückgekommen
email-state-suppressed = nicht gesendet (Adresse unzustellbar)

## Captured emails (development).
devmail-title = Abgefangene E-Mails
devmail-mode = covoit im Entwicklungsmodus
devmail-hint = Entwicklungsmodus: Es wird kein SMTP-Relay verwendet, daher werden E-Mails hier gespeichert statt versendet. Neueste zuerst.
devmail-empty = Noch keine E-Mails. Erstellen Sie eine Veranstaltung, bieten Sie eine Fahrt an oder buchen Sie einen Platz.
devmail-to = An
devmail-all = Alle abgefangenen E-Mails
devmail-reply-to = Antwort an
devmail-kind = Typ
devmail-kind-line = { $kind } (Datensatz { $record }, Version { $version })
devmail-language = Sprache
devmail-html = HTML-Teil
devmail-text = Textteil
devmail-links = Links

## The organiser's CSV: column headers and values.
csv-ride = Fahrt
csv-direction = Richtung
csv-departure = Abfahrt
csv-place = Ort
csv-status = Status
csv-seats-offered = Angebotene Plätze
csv-seats-taken = Vergebene Plätze
csv-driver = Fahrer
csv-passenger = Mitfahrer
csv-passenger-seats = Platz des Mitfahrers (n/gesamt)
csv-pickup = Abholort
csv-to-event = Hinfahrt
csv-from-event = Rückfahrt
csv-open = offen
csv-cancelled = abgesagt

## The waiting list's figures.
admin-needs = Warteliste
admin-needs-waiting = Wartend
admin-needs-matched = Platz gefunden
admin-needs-withdrawn = Zurückgezogen
admin-needs-lapsed = Ohne Platz beendet
admin-matched-share = Anteil mit gefundenem Platz
admin-time-to-match = Mediane Zeit bis zum Platz

# Bounces.
admin-bounces = Unzustellbare E-Mails
admin-bounces-hard = Dauerhaft unzustellbar (30 Tage)
admin-bounces-soft = Vorübergehend unzustellbar (30 Tage)
admin-suppressed = Adressen, an die nichts gesendet wird
admin-address = Adresse
admin-bounced-at = Unzustellbar seit
admin-until = Keine E-Mails bis
admin-hits = Dauerhafte Fehler
admin-reason = Grund
admin-lift = Wieder senden
admin-recent-bounces = Letzte Rückläufer
admin-received = Erhalten
admin-status-code = Statuscode
admin-bounce-hard = dauerhaft
admin-bounce-soft = vorübergehend
admin-lifted = An diese Adresse wird wieder gesendet.
