## The emails: subjects, greetings, every paragraph and label, in text and HTML.
## Values are plain text (the HTML part escapes them). $count picks the plural form.

## Shared by every email.
mail-hello = Beste { $name },
mail-footer = Automatische e-mail van covoit. Uw contactgegevens worden nooit gepubliceerd.
mail-footer-short = Automatische e-mail van covoit.
mail-departure = Vertrek
mail-place = Locatie
mail-when = Wanneer
mail-where = Waar
mail-name = Naam
mail-seats = Plaatsen
mail-pickup = Ophaalplaats
mail-phone = Telefoon
mail-email = E-mail
mail-driver = Bestuurder
mail-seats-left = Vrije plaatsen: { $count }.
mail-manage-ride = Mijn rit beheren
mail-other-rides = Andere ritten bekijken
mail-other-rides-label = De andere ritten
mail-see-or-cancel = Mijn reservering bekijken of annuleren
mail-event-page = Pagina van het evenement
mail-see-ride = Rit bekijken
mail-unsubscribe = Deze e-mails niet meer ontvangen
links-subject = Uw covoit-links
links-intro = Hier zijn de links voor uw adres die nog actief zijn.
links-events = Evenementen die u organiseert
links-rides = Uw ritten
links-bookings = Uw boekingen
links-needs = Uw plaatsen op een wachtlijst
links-private = Elke link opent uw eigen pagina: houd ze voor uzelf.
links-not-you = Heeft u deze e-mail niet aangevraagd? Iemand heeft uw adres op covoit ingevuld; u kunt hem negeren.
mail-accept = Accepteren
mail-refuse = Weigeren
mail-confirmed-passengers = Uw bevestigde passagiers

## To the organiser, when the event is created.
created-subject = Uw evenement “{ $event }” is gepubliceerd
created-intro = Uw evenement “{ $event }” is gepubliceerd. Deel de pagina met de deelnemers: bestuurders bieden er ritten aan, passagiers vragen er plaatsen aan.
created-manage = Uw organisatorpagina (privé: niet delen)
created-keep = Bewaar deze e-mail: hierin vindt u alles terug over dit evenement.
created-embed = Om reserveren op uw eigen website mogelijk te maken, plakt u deze code in een pagina:

## To the driver, when a ride is published.
published-subject = Uw rit voor “{ $event }” is gepubliceerd
published-intro = Bedankt! Uw rit voor “{ $event }” is gepubliceerd. Elke aanvraag voor een plaats ontvangt u per e-mail; met één klik accepteert of weigert u die. Er wordt pas een plaats vastgehouden als u de aanvraag accepteert.
published-seats-offered = { $count ->
    [one] { $count } plaats aangeboden
   *[other] { $count } plaatsen aangeboden
}
published-personal = Deze link is persoonlijk: deel hem niet.
published-manage-line = Mijn rit beheren (persoonlijke link, niet delen)

## To the driver: a passenger asks for seats.
received-subject = { $name } vraagt { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
} aan — { $event }
received-intro = { $name } vraagt { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
} aan op uw rit. Graag antwoorden vóór { $deadline }; zonder antwoord verloopt de aanvraag.
received-passenger = De passagier
received-message = Bericht van de passagier
received-left = U hebt nog { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
} vrij op deze rit. Als u op deze e-mail antwoordt, schrijft u rechtstreeks aan de passagier.
received-footer = Automatische e-mail van covoit. U krijgt de gegevens van de passagier om te kunnen beslissen; houd ze voor uzelf.

## To the passenger: the request is sent.
sent-subject = Aanvraag verstuurd naar { $driver } — { $event }
sent-intro = Uw aanvraag voor { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
} is verstuurd naar { $driver }. Er wordt pas een plaats vastgehouden als de aanvraag geaccepteerd is. U ontvangt het antwoord per e-mail, uiterlijk op { $deadline }; komt er geen antwoord op tijd, dan verloopt de aanvraag en kunt u een nieuwe doen.
sent-contact = Zodra uw aanvraag geaccepteerd is, ontvangt u de contactgegevens van de bestuurder.
sent-follow = Mijn aanvraag volgen of annuleren

## To the passenger: accepted.
accepted-subject = Geaccepteerd: { $driver } neemt u mee — { $event }
accepted-intro = Goed nieuws: { $driver } heeft uw aanvraag voor { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
} geaccepteerd. Uw reservering is bevestigd.
accepted-your-driver = Uw bestuurder
accepted-calendar = De rit zit als bijlage bij deze e-mail, voor uw agenda (.ics-bestand). Kunt u toch niet komen? Annuleer dan, zodat de plaats weer vrijkomt:
# The description of the calendar event.
accepted-calendar-driver = Bestuurder: { $name }

## To the passenger: refused, or the ride is full.
refused-subject = Aanvraag niet geaccepteerd — { $event }
full-subject = Rit vol — { $event }
refused-intro = { $driver } kan u niet meenemen op deze rit.
full-intro = De rit van { $driver } is nu vol: uw aanvraag kan niet meer worden geaccepteerd.
refused-others = Misschien hebben andere bestuurders nog plaats:

## To the driver: the passenger list changed.
list-subject = Uw passagiers — { $event }
list-cancelled-subject = { $name } heeft geannuleerd — { $event }
list-accepted = U hebt { $name } geaccepteerd.
list-cancelled-pending = { $name } heeft de openstaande aanvraag geannuleerd.
list-cancelled = { $name } heeft de reservering geannuleerd.
list-removed = U hebt { $name } van uw passagierslijst verwijderd.
list-none = Nog geen.

## To the passenger: cancellation confirmed, removed by the driver, ride cancelled.
notice-cancelled-subject = Annulering bevestigd — { $event }
notice-removed-subject = De bestuurder heeft uw plaats ingetrokken — { $event }
notice-offer-cancelled-subject = Rit geannuleerd — { $event }
notice-cancelled = Uw aanvraag is geannuleerd. De bestuurder heeft bericht gekregen; bedankt dat u de plaats hebt vrijgemaakt.
notice-removed = { $driver } heeft uw plaats op deze rit ingetrokken. Denkt u dat dit een vergissing is? Beantwoord dan deze e-mail: uw antwoord gaat naar { $driver }.
notice-offer-cancelled = { $driver } heeft deze rit geannuleerd. Uw aanvraag vervalt daarmee.

## To confirmed passengers: the trip changed.
changed-subject = Tijdstip of locatie gewijzigd — { $event }
changed-intro = { $driver } heeft de rit gewijzigd waarop u een plaats hebt.
changed-instead = { $new } (in plaats van { $old })
changed-cancel = Komt de wijziging u niet uit? Dan kunt u annuleren:

## Request expired, to the passenger or to the driver.
expired-subject = Aanvraag verlopen zonder antwoord — { $event }
expired-driver-subject = Aanvraag verlopen: { $name } — { $event }
expired-intro = Uw aanvraag is niet op tijd beantwoord en is verlopen. Er wordt op deze rit geen plaats voor u vastgehouden; misschien hebben andere bestuurders nog plaats.
expired-driver-intro = De aanvraag van { $name } is verlopen zonder antwoord. Er werd geen plaats vastgehouden; verder verandert er niets.

## To the driver, half-way to a request's expiry.
nudge-subject = { $name } wacht op uw antwoord — { $event }
nudge-intro = { $name } wacht op uw antwoord voor { $count ->
    [one] { $count } plaats
   *[other] { $count } plaatsen
}. U kunt antwoorden tot { $deadline }; zonder antwoord verloopt de aanvraag.

## The day before.
reminder-driver-subject = Morgen: { $when } — { $event }
reminder-driver-intro = Morgen is het zover! Hier vindt u uw rit en uw passagiers.
reminder-driver-none = Geen bevestigde passagiers.
reminder-passenger-subject = Morgen: { $driver } neemt u mee — { $event }
reminder-passenger-intro = Morgen is het zover! Uw reservering is bevestigd.

## covoit send-test-email
test-subject = covoit: testbericht
test-body = Dit is een testbericht van covoit ({ $url }). Kunt u dit lezen, dan werken de SMTP-instellingen.

## The waiting list's emails.
need-created-subject = U staat op de wachtlijst — { $event }
need-created-intro = U staat op de wachtlijst voor “{ $event }”:
need-created-next = Komen er plaatsen vrij op een rit die u uitkomt, of nodigt een bestuurder u uit, dan krijgt u een e-mail met een link om ze te nemen. Tot dan wordt er geen plaats voor u vastgehouden.
seat-freed-subject = Plaatsen vrij op een rit — { $event }
seat-freed-intro = { $driver } heeft { $count ->
    [one] 1 plaats
   *[other] { $count } plaatsen
} vrij op een rit die u misschien uitkomt.
seat-freed-auto = Deze bestuurder accepteert aanvragen automatisch: de plaatsen zijn van u zodra u bevestigt.
seat-freed-ask = Uw aanvraag gaat naar de bestuurder, die per e-mail antwoordt.
seat-freed-claim = Plaatsen reserveren
seat-freed-first = Andere wachtenden krijgen deze e-mail misschien ook: wie het eerst komt, het eerst maalt.
invitation-subject = { $driver } nodigt u uit om mee te rijden — { $event }
invitation-intro = { $driver } nodigt u uit om mee te rijden: { $count ->
    [one] 1 plaats
   *[other] { $count } plaatsen
} voor u.
invitation-how = Uw plaatsen zijn gereserveerd zodra u accepteert, en u krijgt de contactgegevens van de bestuurder.
invitation-join = Met deze rit meerijden
still-subject = Bent u er nog bij? { $when } — { $event }
still-driver-intro = Uw rit vertrekt binnenkort.
still-passenger-intro = U hebt een plaats in de auto van { $driver }, die binnenkort vertrekt.
still-question = Bent u er nog bij?
still-yes = Ja, ik ben erbij
still-no-driver = Nee, mijn rit annuleren
still-no-passenger = Nee, mijn plaats vrijgeven
still-driver-no-means = “Nee” annuleert uw rit; uw passagiers krijgen meteen bericht.
still-passenger-no-means = “Nee” geeft uw plaats vrij voor iemand anders; de bestuurder krijgt meteen bericht.
published-waiting = Mensen die een rit zoals de uwe zoeken:
published-invite = U kunt hen uitnodigen via de pagina van uw rit (Mijn rit beheren).
waiting-offer = Geen andere rit die u uitkomt? Schrijf u in op de wachtlijst:
waiting-join = de wachtlijst
waiting-back = U staat weer op de wachtlijst: u krijgt bericht zodra er plaatsen vrijkomen op een andere rit.

# A hard bounce, told to the other party of a trip.
bounced-subject = Het e-mailadres van { $name } werkt niet
bounced-passenger = E-mails aan { $name }, die een plaats in uw auto heeft gevraagd, komen onbestelbaar terug: het adres werkt niet. Uw antwoord en nieuws over de rit komen niet per e-mail aan.
bounced-driver = E-mails aan { $name }, de bestuurder van uw rit, komen onbestelbaar terug: het adres werkt niet. Uw aanvraag en uw berichten worden mogelijk niet gelezen.
bounced-call = Neem telefonisch contact op:
bounced-no-phone-passenger = Er is geen telefoonnummer opgegeven: kunt u deze persoon anders bereiken, laat het dan weten; anders kunt u de aanvraag weigeren.
bounced-no-phone-driver = Er is geen telefoonnummer opgegeven: op de pagina van het evenement vindt u andere ritten.
bounced-open-page = Pagina van mijn rit openen
bounced-open-page-label = Pagina van uw rit

# Routes en ophaaltijden (met een routeplanner).
route-pickup-time = Ophaaltijd
route-dropoff-time = Afzettijd
route-moved-intro = De route van de rit van { $driver } is veranderd (er kwamen passagiers bij of vielen af), en daarmee de tijd bij uw halte.
route-request-over = Met { $name } aan boord zou uw omweg { $detour } zijn, meer dan uw maximum van { $max } min.
