## The emails: subjects, greetings, every paragraph and label, in text and HTML.
## Values are plain text (the HTML part escapes them). $count picks the plural form.

## Shared by every email.
mail-hello = Hallo { $name },
mail-footer = Automatische E-Mail von covoit. Ihre Kontaktdaten werden nie veröffentlicht.
mail-footer-short = Automatische E-Mail von covoit.
mail-departure = Abfahrt
mail-place = Ort
mail-when = Wann
mail-where = Wo
mail-name = Name
mail-seats = Plätze
mail-pickup = Abholort
mail-phone = Telefon
mail-email = E-Mail
mail-driver = Fahrer
mail-seats-left = Freie Plätze: { $count }.
mail-manage-ride = Meine Fahrt verwalten
mail-other-rides = Weitere Fahrten ansehen
mail-other-rides-label = Weitere Fahrten
mail-see-or-cancel = Meine Buchung ansehen oder stornieren
mail-event-page = Veranstaltungsseite
mail-see-ride = Fahrt ansehen
mail-unsubscribe = Diese E-Mails abbestellen
links-subject = Ihre covoit-Links
links-intro = Hier sind die noch gültigen Links zu Ihrer Adresse.
links-events = Ihre Veranstaltungen
links-rides = Ihre Fahrten
links-bookings = Ihre Buchungen
links-needs = Ihre Einträge auf Wartelisten
links-private = Jeder Link öffnet Ihre persönliche Seite: Geben Sie sie nicht weiter.
links-not-you = Sie haben diese E-Mail nicht angefordert? Jemand hat Ihre Adresse bei covoit eingegeben; Sie können sie ignorieren.
mail-accept = Annehmen
mail-refuse = Ablehnen
mail-confirmed-passengers = Ihre bestätigten Mitfahrer

## To the organiser, when the event is created.
created-subject = Ihre Veranstaltung „{ $event }“ ist veröffentlicht
created-intro = Ihre Veranstaltung „{ $event }“ ist veröffentlicht. Teilen Sie die Seite mit den Teilnehmenden: Dort bieten Fahrer ihre Fahrten an und Mitfahrer fragen Plätze an.
created-manage = Ihre Veranstalterseite (privat: bitte nicht weitergeben)
created-keep = Bewahren Sie diese E-Mail auf: Sie ist Ihre Referenz für diese Veranstaltung.
created-embed = Um die Buchung in Ihre eigene Website einzubinden, fügen Sie diesen Code in eine Seite ein:

## To the driver, when a ride is published.
published-subject = Ihr Fahrtangebot für „{ $event }“ ist veröffentlicht
published-intro = Vielen Dank! Ihr Fahrtangebot für „{ $event }“ ist veröffentlicht. Jede Platzanfrage erhalten Sie per E-Mail und können sie mit einem Klick annehmen oder ablehnen. Eine Anfrage reserviert erst dann einen Platz, wenn Sie sie annehmen.
published-seats-offered = { $count ->
    [one] { $count } Platz angeboten
   *[other] { $count } Plätze angeboten
}
published-personal = Dieser Link ist persönlich: Bitte geben Sie ihn nicht weiter.
published-manage-line = Meine Fahrt verwalten (persönlicher Link, bitte nicht weitergeben)

## To the driver: a passenger asks for seats.
received-subject = { $name } fragt { $count ->
    [one] { $count } Platz
   *[other] { $count } Plätze
} an — { $event }
received-intro = { $name } fragt { $count ->
    [one] { $count } Platz
   *[other] { $count } Plätze
} auf Ihrer Fahrt an. Bitte antworten Sie bis { $deadline }; ohne Antwort läuft die Anfrage ab.
received-passenger = Angaben zum Mitfahrer
received-message = Nachricht des Mitfahrers
received-left = Auf dieser Fahrt { $count ->
    [one] ist noch { $count } Platz
   *[other] sind noch { $count } Plätze
} frei. Wenn Sie auf diese E-Mail antworten, schreiben Sie direkt dem Mitfahrer.
received-footer = Automatische E-Mail von covoit. Die Angaben des Mitfahrers erhalten Sie nur für Ihre Entscheidung; bitte behandeln Sie sie vertraulich.

## To the passenger: the request is sent.
sent-subject = Anfrage an { $driver } gesendet — { $event }
sent-intro = Ihre Anfrage für { $count ->
    [one] { $count } Platz
   *[other] { $count } Plätze
} wurde an { $driver } gesendet. Bis zur Annahme ist kein Platz für Sie reserviert. Die Antwort erhalten Sie per E-Mail, spätestens bis { $deadline }; bleibt sie bis dahin aus, läuft die Anfrage ab und Sie können eine neue stellen.
sent-contact = Sobald Ihre Anfrage angenommen ist, erhalten Sie die Kontaktdaten des Fahrers.
sent-follow = Meine Anfrage verfolgen oder stornieren

## To the passenger: accepted.
accepted-subject = Angenommen: { $driver } nimmt Sie mit — { $event }
accepted-intro = Gute Nachricht: { $driver } hat Ihre Anfrage für { $count ->
    [one] { $count } Platz
   *[other] { $count } Plätze
} angenommen. Ihre Mitfahrt ist gebucht.
accepted-your-driver = Ihr Fahrer
accepted-calendar = Die Fahrt ist als Kalenderdatei (.ics) angehängt. Falls Sie nicht mehr mitfahren können, stornieren Sie bitte, um den Platz freizugeben:
# The description of the calendar event.
accepted-calendar-driver = Fahrer: { $name }

## To the passenger: refused, or the ride is full.
refused-subject = Anfrage nicht angenommen — { $event }
full-subject = Fahrt ausgebucht — { $event }
refused-intro = { $driver } kann Sie auf dieser Fahrt leider nicht mitnehmen.
full-intro = Die Fahrt von { $driver } ist inzwischen ausgebucht: Ihre Anfrage kann nicht angenommen werden.
refused-others = Vielleicht haben andere Fahrer noch Plätze frei:

## To the driver: the passenger list changed.
list-subject = Ihre Mitfahrer — { $event }
list-cancelled-subject = { $name } hat storniert — { $event }
list-accepted = Sie haben die Anfrage von { $name } angenommen.
list-cancelled-pending = { $name } hat die noch offene Anfrage storniert.
list-cancelled = { $name } hat die Mitfahrt storniert.
list-removed = Sie haben { $name } von der Liste Ihrer Mitfahrer entfernt.
list-none = Noch keine.

## To the passenger: cancellation confirmed, removed by the driver, ride cancelled.
notice-cancelled-subject = Stornierung bestätigt — { $event }
notice-removed-subject = Der Fahrer hat Ihren Platz gestrichen — { $event }
notice-offer-cancelled-subject = Fahrt abgesagt — { $event }
notice-cancelled = Ihre Anfrage ist storniert. Der Fahrer wurde benachrichtigt; danke, dass Sie den Platz freigegeben haben.
notice-removed = { $driver } hat Ihren Platz auf dieser Fahrt gestrichen. Falls Sie das für einen Irrtum halten, antworten Sie einfach auf diese E-Mail: Ihre Antwort geht an { $driver }.
notice-offer-cancelled = { $driver } hat diese Fahrt abgesagt. Ihre Anfrage ist damit hinfällig.

## To confirmed passengers: the trip changed.
changed-subject = Uhrzeit oder Ort geändert — { $event }
changed-intro = { $driver } hat die Fahrt geändert, auf der Sie einen Platz haben.
changed-instead = { $new } (bisher: { $old })
changed-cancel = Falls Ihnen die Änderung nicht passt, können Sie stornieren:

## Request expired, to the passenger or to the driver.
expired-subject = Anfrage ohne Antwort abgelaufen — { $event }
expired-driver-subject = Anfrage abgelaufen: { $name } — { $event }
expired-intro = Ihre Anfrage wurde nicht rechtzeitig beantwortet und ist abgelaufen. Auf dieser Fahrt ist kein Platz für Sie reserviert; vielleicht haben andere Fahrer noch Plätze frei.
expired-driver-intro = Die Anfrage von { $name } ist ohne Antwort abgelaufen. Es war kein Platz reserviert; sonst ändert sich nichts.

## To the driver, half-way to a request's expiry.
nudge-subject = { $name } wartet auf Ihre Antwort — { $event }
nudge-intro = { $name } wartet noch bis { $deadline } auf Ihre Antwort zur Anfrage für { $count ->
    [one] { $count } Platz
   *[other] { $count } Plätze
}. Ohne Antwort läuft die Anfrage ab.

## The day before.
reminder-driver-subject = Morgen: { $when } — { $event }
reminder-driver-intro = Morgen geht es los! Hier sind Ihre Fahrt und Ihre Mitfahrer.
reminder-driver-none = Keine bestätigten Mitfahrer.
reminder-passenger-subject = Morgen: { $driver } nimmt Sie mit — { $event }
reminder-passenger-intro = Morgen geht es los! Ihre Mitfahrt ist gebucht.

## covoit send-test-email
test-subject = covoit: Testnachricht
test-body = Dies ist eine Testnachricht von covoit ({ $url }). Wenn Sie sie lesen können, funktionieren die SMTP-Einstellungen.

## The waiting list's emails.
need-created-subject = Sie stehen auf der Warteliste — { $event }
need-created-intro = Sie stehen auf der Warteliste für „{ $event }“:
need-created-next = Sobald auf einer passenden Fahrt Plätze frei werden oder ein Fahrer Sie einlädt, erhalten Sie eine E-Mail mit einem Link, über den Sie die Plätze übernehmen können. Bis dahin ist kein Platz für Sie reserviert.
seat-freed-subject = Freie Plätze auf einer Fahrt — { $event }
seat-freed-intro = Auf einer Fahrt von { $driver }, die zu Ihnen passen könnte, { $count ->
    [one] ist 1 Platz
   *[other] sind { $count } Plätze
} frei.
seat-freed-auto = Dieser Fahrer nimmt Anfragen automatisch an: Die Plätze gehören Ihnen, sobald Sie bestätigen.
seat-freed-ask = Ihre Anfrage geht an den Fahrer, der per E-Mail antwortet.
seat-freed-claim = Plätze übernehmen
seat-freed-first = Auch andere Wartende erhalten diese E-Mail möglicherweise: Wer zuerst kommt, mahlt zuerst.
invitation-subject = { $driver } lädt Sie zum Mitfahren ein — { $event }
invitation-intro = { $driver } lädt Sie zum Mitfahren ein: { $count ->
    [one] 1 Platz
   *[other] { $count } Plätze
} für Sie.
invitation-how = Ihre Plätze sind gebucht, sobald Sie annehmen, und Sie erhalten die Kontaktdaten des Fahrers.
invitation-join = Bei dieser Fahrt mitfahren
still-subject = Noch dabei? { $when } — { $event }
still-driver-intro = Ihre Fahrt geht bald los.
still-passenger-intro = Sie haben einen Platz im Auto von { $driver }; die Fahrt geht bald los.
still-question = Sind Sie noch dabei?
still-yes = Ja, ich bin dabei
still-no-driver = Nein, meine Fahrt absagen
still-no-passenger = Nein, meinen Platz freigeben
still-driver-no-means = „Nein“ sagt Ihre Fahrt ab; Ihre Mitfahrer werden sofort benachrichtigt.
still-passenger-no-means = „Nein“ gibt Ihren Platz für jemand anderen frei; der Fahrer wird sofort benachrichtigt.
published-waiting = Personen, die eine Fahrt wie Ihre suchen:
published-invite = Sie können sie über die Seite Ihrer Fahrt einladen (Meine Fahrt verwalten).
waiting-offer = Keine andere Fahrt passt? Tragen Sie sich in die Warteliste ein:
waiting-join = die Warteliste
waiting-back = Sie stehen wieder auf der Warteliste: Sie werden benachrichtigt, sobald auf einer anderen Fahrt Plätze frei werden.

# A hard bounce, told to the other party of a trip.
bounced-subject = Die E-Mail-Adresse von { $name } funktioniert nicht
bounced-passenger = E-Mails an { $name }, die einen Platz in Ihrem Auto angefragt hat, kommen unzustellbar zurück: Die Adresse funktioniert nicht. Ihre Antwort und Neuigkeiten zur Fahrt erreichen diese Person nicht per E-Mail.
bounced-driver = E-Mails an { $name }, die Ihre Fahrt fährt, kommen unzustellbar zurück: Die Adresse funktioniert nicht. Ihre Anfrage und Ihre Nachrichten werden womöglich nicht gelesen.
bounced-call = Erreichen Sie die Person telefonisch:
bounced-no-phone-passenger = Es wurde keine Telefonnummer angegeben: Wenn Sie die Person anders erreichen, sagen Sie ihr Bescheid; sonst können Sie die Anfrage ablehnen.
bounced-no-phone-driver = Es wurde keine Telefonnummer angegeben: Auf der Seite der Veranstaltung finden Sie andere Fahrten.
bounced-open-page = Seite meiner Fahrt öffnen
bounced-open-page-label = Seite Ihrer Fahrt

# Routen und Abholzeiten (mit einem Routenplaner).
route-pickup-time = Abholzeit
route-dropoff-time = Absetzzeit
route-moved-intro = Die Route der Fahrt von { $driver } hat sich geändert (Mitfahrende sind hinzugekommen oder abgesprungen), und damit die Zeit an Ihrem Halt.
route-request-over = Mit { $name } an Bord wäre Ihr Umweg { $detour } lang, mehr als Ihr Maximum von { $max } Min.
