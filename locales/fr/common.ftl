## Words and formats every page and email shares: the language's own name, dates, counts,
## and why a field was refused.

# This language, in itself (the language switch lists every language this way).
language-name = Français

## Dates: "samedi 1er novembre 2026 à 10:05". $weekday and $month come from the lists below.
weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
# $hour and $minute have two digits.
datetime = { $weekday } { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year } à { $hour }:{ $minute }

## Counts.
seat-count = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
seats-left = { $count ->
    [one] 1 place libre
   *[other] { $count } places libres
}
not-enough-seats = Il ne reste que { $count ->
    [one] 1 place libre
   *[other] { $count } places libres
} sur ce trajet.
too-many = Trop de demandes en peu de temps. Réessayez dans { $minutes } min.
time-left = { $hours ->
    [0] { $minutes } min
   *[other] { $hours } h { $minutes } min
}

## Why a field was refused (next to the field, and in the API's `fields`).
invalid-required = Ce champ est obligatoire.
invalid-too-long = { $max } caractères au maximum.
invalid-control-characters = Caractères non autorisés.
invalid-encoding = Ce texte contient des caractères illisibles (encodage non UTF-8).
invalid-too-far-ahead = Date trop lointaine : deux ans au plus.
invalid-email = Adresse e-mail invalide (exemple : marie@exemple.fr).
invalid-phone = Numéro de téléphone invalide (exemple : 06 12 34 56 78).
invalid-seats = Un nombre de places entre 1 et { $max }.
invalid-seats-below-taken = { $taken ->
    [one] Une place est déjà prise : pas moins.
   *[other] Déjà { $taken } places prises : pas moins.
}
invalid-whole-number = Un nombre entier est attendu.
invalid-date-time = Date et heure invalides (AAAA-MM-JJTHH:MM).
invalid-in-the-past = Cette date est déjà passée.
invalid-nonexistent-local-time = Cette heure n'existe pas ce jour-là (changement d'heure).
invalid-time-zone = Fuseau horaire inconnu (exemple : Europe/Paris).
invalid-direction = Choisissez aller ou retour.
invalid-locale = Langue inconnue.
invalid-wrong-type = Type incorrect : { $expected } attendu.
invalid-trip-time = Cet horaire ne correspond pas à l'événement (un aller part avant le début, au plus 7 jours avant ; un retour part après le début et après l'aller).
invalid-return-without-outbound = Un trajet retour accompagne un trajet aller.
invalid-return-needs-time = Indiquez aussi l'heure de départ du retour.
invalid-unknown-field = Champ inconnu.

## A request's state, as its pages and emails name it.
status-pending = en attente
status-confirmed = confirmée
status-refused = refusée
status-refused-full = refusée (trajet complet)
status-ride-cancelled = trajet annulé
status-expired = expirée sans réponse
status-removed = place retirée par le conducteur
status-cancelled = annulée par le passager

## One trip, as pages and emails name it.
trip-to = Aller vers { $event }
trip-from = Retour depuis { $event }

## Labels.
# A label and its value: "Driver: Ann" (French puts a space before the colon).
label-value = { $label } : { $value }
# A label before what follows it: "Their message:".
label-colon = { $label } :

## The waiting list, as pages and emails name it.
need-rides = Trajets recherchés
need-place = Depuis ou vers
need-see-or-change = Voir ou modifier ma demande
need-my-request = ma demande sur la liste d'attente
need-direction-to = Un aller vers l'événement
need-direction-from = Un retour
need-direction-both = L'aller et le retour
need-status-waiting = en attente d'une place
need-status-matched = place trouvée
need-status-withdrawn = retirée
need-status-lapsed = terminée (l'événement a commencé)
invalid-time-window = L'heure au plus tard doit venir après l'heure au plus tôt.
pending-count = { $count ->
    [one] 1 demande en attente de réponse
   *[other] { $count } demandes en attente de réponse
}
waiting-count = { $count ->
    [one] 1 personne cherche un trajet
   *[other] { $count } personnes cherchent un trajet
}

# Places (issue 16)
invalid-unknown-place = Ce lieu est inconnu : essayez une commune ou un code postal, ou des coordonnées « 45.76, 4.83 ».
invalid-radius = Une distance en kilomètres, de plus de 0 à { $max }.
invalid-detour = Un nombre entier de minutes, de 1 à { $max }.
