## Words and formats every page and email shares: the language's own name, dates, counts,
## and why a field was refused.

# This language, in itself (the language switch lists every language this way).
language-name = Italiano

## Dates: "Saturday 1 November 2026, 10:05". $weekday and $month come from the lists below.
weekday-1 = lunedì
weekday-2 = martedì
weekday-3 = mercoledì
weekday-4 = giovedì
weekday-5 = venerdì
weekday-6 = sabato
weekday-7 = domenica
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
# $hour and $minute have two digits.
datetime = { $weekday } { $day } { $month } { $year }, { $hour }:{ $minute }

## Counts.
seat-count = { $count ->
    [one] { $count } posto
   *[other] { $count } posti
}
seats-left = { $count ->
    [one] 1 posto libero
   *[other] { $count } posti liberi
}
not-enough-seats = Su questo passaggio { $count ->
    [one] resta solo 1 posto libero
   *[other] restano solo { $count } posti liberi
}.
too-many = Troppe richieste in poco tempo. Riprovi tra { $minutes } min.
time-left = { $hours ->
    [0] { $minutes } min
   *[other] { $hours } h { $minutes } min
}

## Why a field was refused (next to the field, and in the API's `fields`).
invalid-required = Questo campo è obbligatorio.
invalid-too-long = Massimo { $max } caratteri.
invalid-control-characters = Caratteri non consentiti.
invalid-encoding = Il testo contiene caratteri illeggibili (codifica non UTF-8).
invalid-too-far-ahead = Data troppo lontana: al massimo due anni.
invalid-email = Indirizzo e-mail non valido (esempio: maria@esempio.it).
invalid-phone = Numero di telefono non valido (esempio: +39 347 123 4567).
invalid-seats = Indichi un numero di posti da 1 a { $max }.
invalid-seats-below-taken = { $taken ->
    [one] Un posto è già occupato: non può indicarne meno.
   *[other] { $taken } posti sono già occupati: non può indicarne meno.
}
invalid-whole-number = È richiesto un numero intero.
invalid-date-time = Data e ora non valide (AAAA-MM-GGTHH:MM).
invalid-in-the-past = Questa data è già passata.
invalid-nonexistent-local-time = Quest'ora non esiste in quel giorno (cambio dell'ora legale).
invalid-time-zone = Fuso orario sconosciuto (esempio: Europe/Rome).
invalid-direction = Scelga andata o ritorno.
invalid-locale = Lingua sconosciuta.
invalid-wrong-type = Tipo errato: previsto { $expected }.
invalid-trip-time = Questo orario non è compatibile con l'evento (un'andata parte prima dell'inizio, al massimo 7 giorni prima; un ritorno parte dopo l'inizio e dopo l'andata).
invalid-return-without-outbound = Un ritorno si può offrire solo insieme a un'andata.
invalid-return-needs-time = Indichi anche l'ora di partenza del ritorno.
invalid-unknown-field = Campo sconosciuto.

## A request's state, as its pages and emails name it.
status-pending = in attesa
status-confirmed = confermata
status-refused = rifiutata
status-refused-full = rifiutata (passaggio al completo)
status-ride-cancelled = passaggio annullato
status-expired = scaduta senza risposta
status-removed = posto revocato dal conducente
status-cancelled = annullata dal passeggero

## One trip, as pages and emails name it.
trip-to = Andata verso { $event }
trip-from = Ritorno da { $event }

## Labels.
# A label and its value: "Driver: Ann" (French puts a space before the colon).
label-value = { $label }: { $value }
# A label before what follows it: "Their message:".
label-colon = { $label }:

## The waiting list, as pages and emails name it.
need-rides = Passaggi cercati
need-place = Da o verso
need-see-or-change = Vedi o modifica la mia richiesta
need-my-request = la mia richiesta in lista d'attesa
need-direction-to = Un passaggio di andata verso l'evento
need-direction-from = Un passaggio di ritorno
need-direction-both = Andata e ritorno
need-status-waiting = in attesa di un posto
need-status-matched = posto trovato
need-status-withdrawn = ritirata
need-status-lapsed = conclusa (l'evento è iniziato)
invalid-time-window = L'orario più tardo deve essere successivo a quello più presto.
pending-count = { $count ->
    [one] 1 richiesta in attesa di risposta
   *[other] { $count } richieste in attesa di risposta
}
waiting-count = { $count ->
    [one] 1 persona cerca un passaggio
   *[other] { $count } persone cercano un passaggio
}

# Places (issue 16)
invalid-unknown-place = Luogo sconosciuto: provate un comune, un codice postale o delle coordinate come «45.76, 4.83».
invalid-radius = Una distanza in chilometri, più di 0 e al massimo { $max }.
invalid-detour = Un numero intero di minuti, da 1 a { $max }.
