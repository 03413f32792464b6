## Words and formats every page and email shares: the language's own name, dates, counts,
## and why a field was refused.

# This language, in itself (the language switch lists every language this way).
language-name = Nederlands

## Dates: "Saturday 1 November 2026, 10:05". $weekday and $month come from the lists below.
weekday-1 = maandag
weekday-2 = dinsdag
weekday-3 = woensdag
weekday-4 = donderdag
weekday-5 = vrijdag
weekday-6 = zaterdag
weekday-7 = zondag
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
# $hour and $minute have two digits.
datetime = { $weekday } { $day } { $month } { $year } om { $hour }:{ $minute }

## Counts.
seat-count = { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
}
seats-left = { $count ->
    [one] nog 1 plaats vrij
   *[other] nog { $count } plaatsen vrij
}
not-enough-seats = Er { $count ->
    [one] is nog maar 1 plaats
   *[other] zijn nog maar { $count } plaatsen
} vrij op deze rit.
too-many = Te veel aanvragen in korte tijd. Probeer het over { $minutes } min opnieuw.
time-left = { $hours ->
    [0] { $minutes } min
   *[other] { $hours } u { $minutes } min
}

## Why a field was refused (next to the field, and in the API's `fields`).
invalid-required = Dit veld is verplicht.
invalid-too-long = Maximaal { $max } tekens.
invalid-control-characters = Deze tekens zijn niet toegestaan.
invalid-encoding = Deze tekst bevat onleesbare tekens (geen UTF-8).
invalid-too-far-ahead = Te ver in de toekomst: maximaal twee jaar.
invalid-email = Ongeldig e-mailadres (bijvoorbeeld: lotte@example.org).
invalid-phone = Ongeldig telefoonnummer (bijvoorbeeld: +32 470 12 34 56).
invalid-seats = Een aantal plaatsen van 1 tot { $max }.
invalid-seats-below-taken = { $taken ->
    [one] Er is al één plaats bezet: minder kan niet.
   *[other] Er zijn al { $taken } plaatsen bezet: minder kan niet.
}
invalid-whole-number = Vul een geheel getal in.
invalid-date-time = Ongeldige datum en tijd (JJJJ-MM-DDTUU:MM).
invalid-in-the-past = Deze datum ligt in het verleden.
invalid-nonexistent-local-time = Dit tijdstip bestaat niet op die dag (overgang zomer-/wintertijd).
invalid-time-zone = Onbekende tijdzone (bijvoorbeeld: Europe/Brussels).
invalid-direction = Kies heenrit of terugrit.
invalid-locale = Onbekende taal.
invalid-wrong-type = Verkeerd type: { $expected } verwacht.
invalid-trip-time = Dit tijdstip past niet bij het evenement (een heenrit vertrekt vóór het begin, hoogstens 7 dagen ervoor; een terugrit vertrekt na het begin en na de heenrit).
invalid-return-without-outbound = Een terugrit kan alleen samen met een heenrit.
invalid-return-needs-time = Vul ook de vertrektijd van de terugrit in.
invalid-unknown-field = Onbekend veld.

## A request's state, as its pages and emails name it.
status-pending = openstaand
status-confirmed = bevestigd
status-refused = geweigerd
status-refused-full = geweigerd (rit vol)
status-ride-cancelled = rit geannuleerd
status-expired = verlopen zonder antwoord
status-removed = plaats ingetrokken door de bestuurder
status-cancelled = geannuleerd door de passagier

## One trip, as pages and emails name it.
trip-to = Heenrit naar { $event }
trip-from = Terugrit vanaf { $event }

## Labels.
# A label and its value: "Driver: Ann" (French puts a space before the colon).
label-value = { $label }: { $value }
# A label before what follows it: "Their message:".
label-colon = { $label }:

## The waiting list, as pages and emails name it.
need-rides = Gezochte ritten
need-place = Van of naar
need-see-or-change = Mijn aanvraag bekijken of wijzigen
need-my-request = mijn aanvraag op de wachtlijst
need-direction-to = Een heenrit naar het evenement
need-direction-from = Een terugrit
need-direction-both = Heen- en terugrit
need-status-waiting = wacht op een plaats
need-status-matched = plaats gevonden
need-status-withdrawn = ingetrokken
need-status-lapsed = beëindigd (het evenement is begonnen)
invalid-time-window = Het uiterste tijdstip moet na het vroegste liggen.
pending-count = { $count ->
    [one] 1 aanvraag wacht op antwoord
   *[other] { $count } aanvragen wachten op antwoord
}
waiting-count = { $count ->
    [one] 1 persoon zoekt een rit
   *[other] { $count } personen zoeken een rit
}

# Places (issue 16)
invalid-unknown-place = Deze plaats is onbekend: probeer een gemeente, een postcode of coördinaten zoals '45.76, 4.83'.
invalid-radius = Een afstand in kilometers, groter dan 0 en hoogstens { $max }.
invalid-detour = Een heel aantal minuten, van 1 tot { $max }.
