## Words and formats every page and email shares: the language's own name, dates, counts,
## and why a field was refused.

# This language, in itself (the language switch lists every language this way).
language-name = Deutsch

## Dates: "Saturday 1 November 2026, 10:05". $weekday and $month come from the lists below.
weekday-1 = Montag
weekday-2 = Dienstag
weekday-3 = Mittwoch
weekday-4 = Donnerstag
weekday-5 = Freitag
weekday-6 = Samstag
weekday-7 = Sonntag
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
# $hour and $minute have two digits.
datetime = { $weekday }, { $day }. { $month } { $year }, { $hour }:{ $minute } Uhr

## Counts.
seat-count = { $count ->
    [one] { $count } Platz
   *[other] { $count } Plätze
}
seats-left = { $count ->
    [one] 1 Platz frei
   *[other] { $count } Plätze frei
}
not-enough-seats = Auf dieser Fahrt { $count ->
    [one] ist nur noch 1 Platz
   *[other] sind nur noch { $count } Plätze
} frei.
too-many = Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in { $minutes } Min. erneut.
time-left = { $hours ->
    [0] { $minutes } Min.
   *[other] { $hours } Std. { $minutes } Min.
}

## Why a field was refused (next to the field, and in the API's `fields`).
invalid-required = Dieses Feld ist ein Pflichtfeld.
invalid-too-long = Höchstens { $max } Zeichen.
invalid-control-characters = Unzulässige Zeichen.
invalid-encoding = Dieser Text enthält unlesbare Zeichen (keine UTF-8-Kodierung).
invalid-too-far-ahead = Zu weit in der Zukunft: höchstens zwei Jahre im Voraus.
invalid-email = Ungültige E-Mail-Adresse (Beispiel: anna@example.org).
invalid-phone = Ungültige Telefonnummer (Beispiel: +49 30 12345678).
invalid-seats = Bitte geben Sie 1 bis { $max } Plätze an.
invalid-seats-below-taken = { $taken ->
    [one] Ein Platz ist bereits vergeben: weniger geht nicht.
   *[other] { $taken } Plätze sind bereits vergeben: weniger geht nicht.
}
invalid-whole-number = Bitte geben Sie eine ganze Zahl ein.
invalid-date-time = Ungültiges Datum oder ungültige Uhrzeit (Format JJJJ-MM-TTThh:mm, z. B. 2026-11-01T10:05).
invalid-in-the-past = Dieses Datum liegt in der Vergangenheit.
invalid-nonexistent-local-time = Diese Uhrzeit gibt es an diesem Tag nicht (Zeitumstellung).
invalid-time-zone = Unbekannte Zeitzone (Beispiel: Europe/Berlin).
invalid-direction = Bitte wählen Sie Hin- oder Rückfahrt.
invalid-locale = Unbekannte Sprache.
invalid-wrong-type = Falscher Typ: { $expected } erwartet.
invalid-trip-time = Diese Uhrzeit passt nicht zur Veranstaltung (eine Hinfahrt startet vor Beginn, höchstens 7 Tage vorher; eine Rückfahrt startet nach Beginn und nach der Hinfahrt).
invalid-return-without-outbound = Eine Rückfahrt gibt es nur zusammen mit einer Hinfahrt.
invalid-return-needs-time = Bitte geben Sie auch die Abfahrtszeit der Rückfahrt an.
invalid-unknown-field = Unbekanntes Feld.

## A request's state, as its pages and emails name it.
status-pending = offen
status-confirmed = bestätigt
status-refused = abgelehnt
status-refused-full = abgelehnt (Fahrt ausgebucht)
status-ride-cancelled = Fahrt abgesagt
status-expired = ohne Antwort abgelaufen
status-removed = Platz vom Fahrer gestrichen
status-cancelled = vom Mitfahrer storniert

## One trip, as pages and emails name it.
trip-to = Hinfahrt zu „{ $event }“
trip-from = Rückfahrt von „{ $event }“

## Labels.
# A label and its value: "Driver: Ann" (French puts a space before the colon).
label-value = { $label }: { $value }
# A label before what follows it: "Their message:".
label-colon = { $label }:

## The waiting list, as pages and emails name it.
need-rides = Gesuchte Fahrten
need-place = Von oder nach
need-see-or-change = Meine Anfrage ansehen oder ändern
need-my-request = meine Anfrage auf der Warteliste
need-direction-to = Eine Hinfahrt zur Veranstaltung
need-direction-from = Eine Rückfahrt
need-direction-both = Hin- und Rückfahrt
need-status-waiting = wartet auf einen Platz
need-status-matched = Platz gefunden
need-status-withdrawn = zurückgezogen
need-status-lapsed = beendet (die Veranstaltung hat begonnen)
invalid-time-window = Die späteste Uhrzeit muss nach der frühesten liegen.
pending-count = { $count ->
    [one] 1 Anfrage wartet auf Antwort
   *[other] { $count } Anfragen warten auf Antwort
}
waiting-count = { $count ->
    [one] 1 Person sucht eine Mitfahrt
   *[other] { $count } Personen suchen eine Mitfahrt
}

# Places (issue 16)
invalid-unknown-place = Dieser Ort ist unbekannt: Versuchen Sie einen Ort, eine Postleitzahl oder Koordinaten wie „45.76, 4.83“.
invalid-radius = Eine Entfernung in Kilometern, über 0 und höchstens { $max }.
invalid-detour = Eine ganze Zahl von Minuten, von 1 bis { $max }.
