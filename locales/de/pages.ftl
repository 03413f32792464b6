## The public pages: layout, home, forms, event and offer pages, confirmations.

skip-to-content = Zum Inhalt springen
language = Sprache
tagline = Fahrgemeinschaften zu Ihren Veranstaltungen
footer = covoit — kein Konto nötig; Ihre Kontaktdaten werden nie veröffentlicht.
home-title = Gemeinsam zu Ihren Veranstaltungen fahren
home-intro = Ein Verein, eine Schule oder ein Unternehmen veröffentlicht seine Veranstaltung; Fahrer bieten Plätze an; Mitfahrer fragen ohne Konto einen Platz an; der Fahrer nimmt die Anfrage mit einem Klick in der E-Mail an oder lehnt sie ab.
home-step-event = Der Veranstalter erstellt die Veranstaltung und teilt ihre Seite (oder bindet sie in die eigene Website ein).
home-step-offer = Ein Fahrer bietet eine Hinfahrt, eine Rückfahrt oder beides an.
home-step-request = Ein Mitfahrer fragt einen oder mehrere Plätze an.
home-step-answer = Der Fahrer antwortet innerhalb von 24 Stunden; am Vortag erhalten alle eine Erinnerung.
create-event = Veranstaltung erstellen
new-event-title = Neue Veranstaltung
event-name = Name der Veranstaltung
venue = Veranstaltungsort
starts-at = Beginn (Datum und Uhrzeit vor Ort)
timezone = Zeitzone
timezone-hint = Geben Sie eine Stadt oder eine Zeitzone ein (z. B. Berlin oder Europe/Vienna) und wählen Sie sie aus der Liste.
organizer-name = Ihr Name
organizer-email = Ihre E-Mail-Adresse
organizer-email-hint = Dorthin senden wir Ihnen die Links zur Veranstaltung. Sie wird nie angezeigt.
email-language = Sprache Ihrer E-Mails
form-has-errors = Das Formular enthält Fehler:
lost-title = Meine Links per E-Mail erhalten
lost-intro = E-Mail mit Ihrem Link verloren? Geben Sie Ihre Adresse ein: Wir senden Ihnen eine E-Mail mit den Links zu Ihren Buchungen, Fahrten, Einträgen auf Wartelisten und laufenden Veranstaltungen.
lost-email = Ihre E-Mail-Adresse
lost-button = Meine Links senden
lost-sent = Falls es zu dieser Adresse Buchungen, Fahrten, Einträge auf Wartelisten oder laufende Veranstaltungen gibt, ist eine E-Mail mit den Links unterwegs.
lost-sent-more = Das kann einige Minuten dauern; sehen Sie auch im Spam-Ordner nach. Zum Schutz Ihrer Privatsphäre antwortet diese Seite immer gleich, egal welche Adresse.
lost-footer-link = Link verloren?
lost-created-hint = E-Mail verloren? Lassen Sie sich Ihre Links erneut senden.
optional = optional
event-created = Ihre Veranstaltung ist veröffentlicht. Teilen Sie diese Seite mit den Teilnehmenden.
share-this-page = Adresse dieser Seite
embed-snippet = Um die Buchung in Ihre eigene Website einzubinden, fügen Sie diesen Code ein:
embed-title = Buchungs-Widget
# The title of the widget's frame on the organiser's site (read by screen readers).
widget-title = Fahrgemeinschaft: Platz buchen
embed-preview = Vorschau
when = Wann
where = Wo
times-in-zone = Zeitangaben in der Zeitzone
rides-to = Hinfahrten
rides-from = Rückfahrten
no-rides = Noch keine Fahrt angeboten.
offer-a-ride = Fahrt anbieten
full = Ausgebucht
cancelled-offer = Abgesagt
departed = Abgefahren
new-offer-title = Fahrt anbieten
direction = Richtung
to-event = Hinfahrt (zur Veranstaltung)
from-event = Rückfahrt (von der Veranstaltung)
place = Abfahrtsort (bei einer Rückfahrt: Ziel)
place-hint = Eine Stadt, ein Stadtteil, ein Parkplatz – nicht Ihre genaue Adresse.
departure-place = Abfahrtsort
departs-at = Abfahrt (Datum und Uhrzeit vor Ort)
seats-offered = Angebotene Plätze (1 bis 8)
seats = Plätze
notes = Hinweise
notes-hint = Gepäck, Haustiere, Kostenbeteiligung …
driver-name = Ihr Name
your-email = Ihre E-Mail-Adresse
driver-email-hint = Anfragen werden an diese Adresse gesendet. Sie wird nie angezeigt.
your-phone = Ihre Telefonnummer
driver-phone-hint = Wird nur den Mitfahrern mitgeteilt, die Sie annehmen.
return-trip = Rückfahrt
return-trip-hint = Geben Sie eine Abfahrtszeit an, um zusätzlich eine Rückfahrt zu veröffentlichen.
return-departs-at = Abfahrt der Rückfahrt (Datum und Uhrzeit vor Ort)
return-seats = Plätze auf der Rückfahrt
return-place = Ziel der Rückfahrt
publish-offer = Fahrt veröffentlichen
offer-published = Ihre Fahrt ist veröffentlicht.
driver = Fahrer
departure = Abfahrt
destination = Ziel
return-offer-link = Rückfahrt ansehen
outbound-offer-link = Hinfahrt ansehen
request-seats = Platz anfragen
booking-hint = Ihre Anfrage reserviert erst dann einen Platz, wenn der Fahrer sie annimmt. Für die Antwort hat der Fahrer 24 Stunden Zeit; Sie erhalten sie per E-Mail.
your-name = Ihr Name
passenger-email-hint = Dorthin senden wir Ihnen die Antwort. Sie wird nie angezeigt.
passenger-phone-hint = Wird mit Ihrer Anfrage an den Fahrer übermittelt.
seats-wanted = Anzahl der Plätze
pickup = Abholort
pickup-hint = Wo der Fahrer Sie abholen (oder absetzen) kann.
message = Nachricht an den Fahrer
send-request = Anfrage senden
request-sent-title = Anfrage gesendet
request-sent-body = Der Fahrer hat Ihre Anfrage erhalten. Bis zur Annahme ist kein Platz für Sie reserviert; die Antwort erhalten Sie per E-Mail.
answer-by = Antwort erwartet bis
back-to-event = Zurück zur Veranstaltung
other-rides = Weitere Fahrten ansehen
not-found-title = Seite nicht gefunden
not-found-body = Diese Seite gibt es nicht (mehr). Bitte prüfen Sie den Link, den Sie erhalten haben.
error-title = Ein Fehler ist aufgetreten
server-error-body = Bei uns ist ein Fehler aufgetreten. Falls Sie gerade etwas gespeichert haben, prüfen Sie Ihre E-Mails, bevor Sie es erneut versuchen.
unavailable-title = Vorübergehend nicht verfügbar
unavailable-write-body = Im Moment können wir nichts speichern: Ihre Anfrage wurde nicht gespeichert. Bitte versuchen Sie es in ein paar Minuten erneut.
unavailable-read-body = Diese Seite kann im Moment nicht angezeigt werden. Bitte versuchen Sie es in ein paar Minuten erneut.
bad-request-body = Die gesendeten Daten sind fehlerhaft.
too-large-body = Die gesendeten Daten sind zu groß.
conflict-title = Anfrage nicht möglich
offer-cancelled-body = Der Fahrer hat diese Fahrt abgesagt.
departed-body = Diese Fahrt hat bereits begonnen.
duplicate-body = Sie haben für diese Fahrt bereits eine offene oder angenommene Anfrage.
home = Startseite
honeypot = Dieses Feld bitte leer lassen
email-queued = Der Fahrer wird per E-Mail benachrichtigt, und eine Bestätigung ist an Ihre Adresse unterwegs.
email-captured = Entwicklungsmodus: E-Mails werden nicht versendet, sondern unter /dev/mail gespeichert.
ack-suppressed = Gespeichert. Diesmal haben wir Ihnen keine E-Mail geschickt: Diese Adresse hat in der letzten Stunde viele Nachrichten von covoit erhalten. Bewahren Sie diesen Link auf – darüber gelangen Sie zurück zu dieser Seite:
open-private-page = Meine Seite öffnen

## The waiting list: the form, its confirmation, the event and offer pages.
need-a-ride = Ich suche eine Mitfahrt
need-no-fit = Keine passende Fahrt dabei? Tragen Sie sich in die Warteliste ein
need-join-list = In die Warteliste eintragen
need-title = Ich suche eine Mitfahrt
need-intro = Noch keine passende Fahrt dabei? Sagen Sie, was Sie brauchen: Sobald auf einer passenden Fahrt Plätze frei werden oder ein Fahrer Sie einlädt, erhalten Sie eine E-Mail mit einem Link, über den Sie die Plätze übernehmen können.
need-place-hint = Ihr Ort oder Stadtteil: Fahrer sehen ihn und wissen so, wer in der Nähe ihrer Strecke wartet.
need-earliest = Abfahrt frühestens
need-latest = Abfahrt spätestens
need-window-hint = Optional: Ihnen werden nur Fahrten vorgeschlagen, die in diesem Zeitraum abfahren.
need-email-hint = Damit wir Sie über freie Plätze informieren können. Sie wird nie angezeigt.
need-phone-hint = Wird nur dem Fahrer mitgeteilt, der Sie mitnimmt.
need-submit = In die Warteliste eintragen
need-created-title = Sie stehen auf der Warteliste
need-created-body = Sobald auf einer passenden Fahrt Plätze frei werden oder ein Fahrer Sie einlädt, erhalten Sie eine E-Mail mit einem Link, über den Sie die Plätze übernehmen können.
need-email-queued = Eine Bestätigung mit Ihrem persönlichen Link ist an Ihre Adresse unterwegs.
event-started-body = Die Veranstaltung hat begonnen: Die Warteliste ist geschlossen.
duplicate-need-body = Sie stehen bereits für eine Fahrt in dieser Richtung auf der Warteliste.
booking-confirmed-title = Platz gebucht
booking-confirmed-body = Dieser Fahrer nimmt Anfragen automatisch an: Ihr Platz ist gebucht. Die Kontaktdaten des Fahrers sind an Ihre Adresse unterwegs.
auto-accept = Anfragen automatisch annehmen
auto-accept-hint = Eine Anfrage, für die genug Plätze frei sind, wird sofort bestätigt, ohne auf Ihre Antwort zu warten; Sie werden per E-Mail benachrichtigt.

## Confirmations and error summaries that tell a newcomer where they are.
offer-published-public = Dies ist die öffentliche Seite Ihrer Fahrt: Mitfahrende finden sie auf der Seite der Veranstaltung und fragen hier ihre Plätze an.
offer-published-manage = Um Anfragen zu beantworten, Ihre Fahrt zu ändern oder abzusagen, nutzen Sie den persönlichen Link, den wir Ihnen soeben per E-Mail geschickt haben. Bewahren Sie diese E-Mail auf: Über sie gelangen Sie zu Ihrer Fahrt zurück.
offer-published-form-is-for-passengers = Dieses Formular ist für Ihre Mitfahrenden: Sie müssen hier nichts ausfüllen.
# One line of the error summary: the field's label, then what is wrong with it.
error-summary-item = { $field }: { $message }
event-created-link-emailed = Wir haben Ihnen Ihren persönlichen Link als Veranstalter per E-Mail geschickt: Er zeigt die Fahrten und die Anfragen. Bewahren Sie diese E-Mail auf: Über sie gelangen Sie zu dieser Veranstaltung zurück.
home-role-organiser = Veranstalter
home-role-organiser-body = Erstellen Sie die Seite Ihrer Veranstaltung in einer Minute, teilen Sie sie oder binden Sie sie auf Ihrer Website ein, und behalten Sie jede Fahrt und jede Anfrage im Blick.
home-role-driver = Fahrer
home-role-driver-body = Bieten Sie Ihre freien Plätze auf der Seite der Veranstaltung an, und nehmen Sie jede Anfrage mit einem Klick aus Ihrer E-Mail an oder lehnen Sie sie ab.
home-role-passenger = Mitfahrer
home-role-passenger-body = Wählen Sie eine Fahrt auf der Seite der Veranstaltung und fragen Sie einen Platz an, ohne Konto; die Antwort erhalten Sie per E-Mail.
book-return-too = Dieselben Plätze auch auf der Rückfahrt anfragen ({ $when })
book-return-sent = Ihre Anfrage für die Rückfahrt ({ $when }) ist ebenfalls gesendet; der Fahrer beantwortet jede einzeln.
book-return-not-sent = Ihre Anfrage für die Rückfahrt ({ $when }) konnte nicht gesendet werden: Die Fahrt ist vielleicht voll, oder Sie haben sie bereits angefragt.

# Places: near me (issue 16)
near-legend = Fahrten in Ihrer Nähe
near-label = Ihr Ort, Ihre Postleitzahl oder Koordinaten
near-hint = Die Fahrten werden nach der Entfernung ihres Abfahrtsorts sortiert (bei einer Rückfahrt ihres Ziels).
radius-label = Im Umkreis von
radius-any = beliebiger Entfernung
radius-km = { $km } km
near-submit = Nach Entfernung sortieren
near-sorted = Fahrten von der nächsten zur entferntesten ab „{ $place }“ sortiert.
distance-km = { $km } km entfernt
distance-under-1-km = weniger als 1 km entfernt

# Places: the schematic map (issue 16)
map-heading = Karte der Fahrten
map-title = Schematische Karte der Fahrten
map-desc = Der Veranstaltungsort in der Mitte; ringsum die Orte, von denen die Fahrten abfahren (oder zu denen sie fahren), in ihrer wahren Richtung und maßstäblicher Entfernung. Ungefähre Positionen.
map-town = { $town }: { $distance }, { $rides ->
    [one] 1 Fahrt
   *[other] { $rides } Fahrten
}
map-unplaced = { $count ->
    [one] 1 Fahrt mit unbekanntem Ort ist nicht auf der Karte.
   *[other] { $count } Fahrten mit unbekanntem Ort sind nicht auf der Karte.
}
compass-n = im Norden
compass-ne = im Nordosten
compass-e = im Osten
compass-se = im Südosten
compass-s = im Süden
compass-sw = im Südwesten
compass-w = im Westen
compass-nw = im Nordwesten

# Routen: der Umweg des Fahrers und sein Maximum (mit einem Routenplaner).
route-detour = Ihr Umweg für die Abholungen
route-max-detour = Ihr maximaler Umweg
route-minutes = { $count } Min.
route-detour-with = Ihr Umweg mit dieser Person
route-over-max = mehr als Ihr Maximum
max-detour = Maximaler Umweg (Minuten)
max-detour-hint = Optional. Anfragen, deren Abholung einen größeren Umweg bedeuten würde, werden markiert.
contribution-label = Vorgeschlagene Kostenbeteiligung
contribution-value = etwa { $amount } ({ $km } km × { $rate }/km)
# The API page (/api/docs).
api-docs-title = covoit-API
api-docs-missing = Die API-Seite braucht Swagger UI, das auf diesem Server nicht installiert ist. Der Betreiber installiert es im covoit-Ordner mit
