# Reeksen (één evenement op meerdere data) en het delen van de pagina van een evenement.

invalid-date = Geef een datum als JJJJ-MM-DD.
invalid-until-before-start = De laatste datum valt vóór de eerste.
invalid-too-many-dates = Hoogstens { $max } data per reeks.
invalid-every-weeks = Een geheel aantal weken, van 1 tot { $max }.
invalid-repeat-date = Een van de gekozen data neemt geen ritten meer aan. Laad het formulier opnieuw en kies nog eens.

series-legend = Hetzelfde evenement op andere data
series-hint = Voor een wekelijkse training of elke dag van een reis: elke datum krijgt een eigen pagina, en uw ene link beheert ze allemaal.
series-every-weeks = Herhalen elke … weken
series-every-weeks-hint = 1 voor elke week, 2 voor om de week.
series-until = Laatste datum van de herhalingen
series-dates = Andere data
series-dates-hint-form = Eén datum per regel (JJJJ-MM-DD, op hetzelfde uur), of een datum en tijd (JJJJ-MM-DD UU:MM).

series-created-dates = { $count ->
    [one] Dit evenement heeft { $count } datum:
   *[other] Dit evenement heeft { $count } data:
}
series-created-one-link = Deze ene link beheert alle data van de reeks.

series-dates-heading = Alle data van de reeks
series-dates-hint = Deze pagina beheert één datum; open een andere uit de lijst. Uw link bereikt ze allemaal.
series-col-date = Datum
series-col-state = Status
series-col-rides = Ritten
series-col-manage = Beheren
series-this-date = Deze datum
series-manage-date = Deze datum beheren
series-other-dates = Alle data van dit evenement

series-repeat-legend = Dezelfde rit op andere data aanbieden
series-repeat-hint = Dezelfde plek, plaatsen en tijden (ten opzichte van het begin van het evenement) op elke aangevinkte datum. U krijgt één e-mail met een link voor de rit van elke datum; passagiers boeken elke datum apart.

series-repeated-intro = { $count ->
    [one] Dezelfde rit op { $count } andere datum, elk met een eigen pagina om hem te beheren:
   *[other] Dezelfde rit op { $count } andere data, elk met een eigen pagina om hem te beheren:
}

share-heading = Dit evenement delen
share-link-label = Link naar deze pagina
share-copy = Link kopiëren
share-copied = Link gekopieerd.
share-copy-failed = Kopiëren mislukt: selecteer de link en kopieer hem.
qr-alt = QR-code van de evenementpagina
qr-caption = QR-code van de openbare pagina, om op een affiche te drukken:
qr-link = QR-code van deze pagina
