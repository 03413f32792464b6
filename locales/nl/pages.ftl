## The public pages: layout, home, forms, event and offer pages, confirmations.

skip-to-content = Naar de inhoud
language = Taal
tagline = Carpoolen naar uw evenementen
footer = covoit — geen account nodig; uw contactgegevens worden nooit gepubliceerd.
home-title = Rij samen naar uw evenementen
home-intro = Een club, school of bedrijf publiceert zijn evenement; bestuurders bieden plaatsen aan; passagiers vragen zonder account een plaats aan; de bestuurder accepteert of weigert met één klik vanuit de e-mail.
home-step-event = De organisator maakt het evenement aan en deelt de pagina ervan (of sluit die in op de eigen website).
home-step-offer = Een bestuurder biedt een heenrit, een terugrit of beide aan.
home-step-request = Een passagier vraagt een of meer plaatsen aan.
home-step-answer = De bestuurder antwoordt binnen 24 uur; iedereen krijgt de dag ervoor een herinnering.
create-event = Evenement aanmaken
new-event-title = Nieuw evenement
event-name = Naam van het evenement
venue = Locatie
starts-at = Begin (lokale datum en tijd)
timezone = Tijdzone
timezone-hint = Typ een stad of een tijdzone (bijvoorbeeld Amsterdam of Europe/Brussels) en kies die uit de lijst.
organizer-name = Uw naam
organizer-email = Uw e-mailadres
organizer-email-hint = Om u de links van het evenement te sturen. Het wordt nooit getoond.
email-language = Taal van uw e-mails
form-has-errors = Het formulier bevat fouten:
lost-title = Mijn links per e-mail ontvangen
lost-intro = De e-mail met uw link kwijt? Vul uw adres in: we sturen u één e-mail met de links van uw boekingen, ritten, plaatsen op een wachtlijst en evenementen die nog lopen.
lost-email = Uw e-mailadres
lost-button = Stuur mij mijn links
lost-sent = Als dit adres boekingen, ritten, plaatsen op een wachtlijst of lopende evenementen heeft, is er een e-mail met de links onderweg.
lost-sent-more = Dat kan enkele minuten duren; kijk ook in uw spammap. Voor uw privacy zegt deze pagina hetzelfde, welk adres het ook is.
lost-footer-link = Link kwijt?
lost-created-hint = E-mail kwijt? Laat uw links opnieuw sturen.
optional = optioneel
event-created = Uw evenement is gepubliceerd. Deel deze pagina met de deelnemers.
share-this-page = Adres van de pagina
embed-snippet = Om reserveren op uw eigen website mogelijk te maken, plakt u deze code:
embed-title = Reserveringswidget
# The title of the widget's frame on the organiser's site (read by screen readers).
widget-title = Carpoolen: een plaats reserveren
embed-preview = Voorbeeld
when = Wanneer
where = Waar
times-in-zone = Tijden weergegeven in de tijdzone
rides-to = Heenritten
rides-from = Terugritten
no-rides = Nog geen ritten aangeboden.
offer-a-ride = Rit aanbieden
full = Vol
cancelled-offer = Geannuleerd
departed = Vertrokken
new-offer-title = Een rit aanbieden
direction = Richting
to-event = Heenrit (naar het evenement)
from-event = Terugrit (vanaf het evenement)
place = Vertrekplaats (of bestemming bij een terugrit)
place-hint = Een gemeente, een wijk, een parkeerplaats: niet uw exacte adres.
departure-place = Vertrekplaats
departs-at = Vertrek (lokale datum en tijd)
seats-offered = Aangeboden plaatsen (1 tot 8)
seats = Plaatsen
notes = Opmerkingen
notes-hint = Bagage, huisdieren, kosten delen…
driver-name = Uw naam
your-email = Uw e-mailadres
driver-email-hint = Aanvragen worden naar dit adres gestuurd. Het wordt nooit getoond.
your-phone = Uw telefoonnummer
driver-phone-hint = Alleen gedeeld met de passagiers die u accepteert.
return-trip = Terugrit
return-trip-hint = Vul een vertrektijd in om ook een terugrit te publiceren.
return-departs-at = Vertrek terugrit (lokale datum en tijd)
return-seats = Plaatsen op de terugrit
return-place = Bestemming terugrit
publish-offer = Rit publiceren
offer-published = Uw rit is gepubliceerd.
driver = Bestuurder
departure = Vertrek
destination = Bestemming
return-offer-link = Terugrit bekijken
outbound-offer-link = Heenrit bekijken
request-seats = Plaats aanvragen
booking-hint = Er wordt pas een plaats voor u vastgehouden als de bestuurder uw aanvraag accepteert. De bestuurder heeft 24 uur om te antwoorden; u ontvangt het antwoord per e-mail.
your-name = Uw naam
passenger-email-hint = Om het antwoord te ontvangen. Het wordt nooit getoond.
passenger-phone-hint = Wordt samen met uw aanvraag naar de bestuurder gestuurd.
seats-wanted = Aantal plaatsen
pickup = Ophaalplaats
pickup-hint = Waar de bestuurder u kan ophalen (of afzetten).
message = Bericht aan de bestuurder
send-request = Aanvraag versturen
request-sent-title = Aanvraag verstuurd
request-sent-body = De bestuurder heeft uw aanvraag ontvangen. Er wordt pas een plaats vastgehouden als de bestuurder die accepteert; u ontvangt het antwoord per e-mail.
answer-by = Antwoord verwacht vóór
back-to-event = Terug naar het evenement
other-rides = Andere ritten bekijken
not-found-title = Pagina niet gevonden
not-found-body = Deze pagina bestaat niet (meer). Controleer de link die u hebt ontvangen.
error-title = Er is iets misgegaan
server-error-body = Er is bij ons iets misgegaan. Was u iets aan het opslaan? Kijk dan eerst in uw e-mail voordat u het opnieuw probeert.
unavailable-title = Tijdelijk niet beschikbaar
unavailable-write-body = We kunnen op dit moment niets opslaan: wat u hebt verstuurd, is niet opgeslagen. Probeer het over een paar minuten opnieuw.
unavailable-read-body = Deze pagina kan op dit moment niet worden getoond. Probeer het over een paar minuten opnieuw.
bad-request-body = Het verzoek is niet correct opgebouwd.
too-large-body = Wat u hebt verstuurd, is te groot.
conflict-title = Aanvraag niet mogelijk
offer-cancelled-body = De bestuurder heeft deze rit geannuleerd.
departed-body = Deze rit is al vertrokken.
duplicate-body = U hebt al een openstaande of geaccepteerde aanvraag voor deze rit.
home = Startpagina
honeypot = Laat dit veld leeg
email-queued = De bestuurder krijgt een e-mail, en er is een bevestiging onderweg naar uw adres.
email-captured = Ontwikkelmodus: e-mails worden niet verstuurd maar bewaard op /dev/mail.
ack-suppressed = Het is opgeslagen. We hebben u deze keer geen e-mail gestuurd: dit adres heeft het afgelopen uur al veel berichten van covoit ontvangen. Bewaar deze link, zo komt u terug op deze pagina:
open-private-page = Mijn pagina openen

## The waiting list: the form, its confirmation, the event and offer pages.
need-a-ride = Ik zoek een rit
need-no-fit = Geen geschikte rit? Schrijf u in op de wachtlijst
need-join-list = Inschrijven op de wachtlijst
need-title = Ik zoek een rit
need-intro = Nog geen geschikte rit? Geef aan wat u nodig hebt: komen er plaatsen vrij op een rit die u uitkomt, of nodigt een bestuurder u uit, dan krijgt u een e-mail met een link om de plaatsen te nemen.
need-place-hint = Uw gemeente of wijk: bestuurders zien die, zodat ze weten wie er in de buurt van hun route wacht.
need-earliest = Vertrek niet vóór
need-latest = Vertrek niet na
need-window-hint = Optioneel: u krijgt alleen ritten voorgesteld die tussen deze tijdstippen vertrekken.
need-email-hint = Om u te laten weten dat er plaatsen vrij zijn. Het wordt nooit getoond.
need-phone-hint = Alleen gedeeld met de bestuurder die u meeneemt.
need-submit = Inschrijven op de wachtlijst
need-created-title = U staat op de wachtlijst
need-created-body = Komen er plaatsen vrij op een rit die u uitkomt, of nodigt een bestuurder u uit, dan krijgt u een e-mail met een link om ze te nemen.
need-email-queued = Er is een bevestiging met uw persoonlijke link onderweg naar uw adres.
event-started-body = Het evenement is begonnen: de wachtlijst is gesloten.
duplicate-need-body = U staat al op de wachtlijst voor een rit in deze richting.
booking-confirmed-title = Plaats gereserveerd
booking-confirmed-body = Deze bestuurder accepteert aanvragen automatisch: uw plaats is gereserveerd. De contactgegevens van de bestuurder zijn onderweg naar uw adres.
auto-accept = Aanvragen automatisch accepteren
auto-accept-hint = Een aanvraag waarvoor genoeg plaatsen vrij zijn, wordt meteen bevestigd, zonder op uw antwoord te wachten; u krijgt bericht per e-mail.

## Confirmations and error summaries that tell a newcomer where they are.
offer-published-public = Dit is de openbare pagina van uw rit: passagiers vinden haar op de pagina van het evenement en vragen hier hun plaatsen aan.
offer-published-manage = Om aanvragen te beantwoorden of uw rit te wijzigen of te annuleren, gebruikt u de persoonlijke link die we u zojuist per e-mail hebben gestuurd. Bewaar die e-mail: zo komt u terug bij uw rit.
offer-published-form-is-for-passengers = Dit formulier is voor uw passagiers: u hoeft hier niets in te vullen.
# One line of the error summary: the field's label, then what is wrong with it.
error-summary-item = { $field }: { $message }
event-created-link-emailed = We hebben u uw persoonlijke organisatorlink per e-mail gestuurd: daar ziet u de ritten en de aanvragen. Bewaar die e-mail: zo komt u terug bij dit evenement.
home-role-organiser = Organisator
home-role-organiser-body = Maak in een minuut de pagina van uw evenement, deel haar of zet haar op uw eigen site, en volg elke rit en elke aanvraag.
home-role-driver = Bestuurder
home-role-driver-body = Bied uw vrije plaatsen aan vanaf de pagina van het evenement, en accepteer of weiger elke aanvraag met één klik vanuit uw e-mail.
home-role-passenger = Passagier
home-role-passenger-body = Kies een rit op de pagina van het evenement en vraag een plaats aan, zonder account; het antwoord ontvangt u per e-mail.
book-return-too = Dezelfde plaatsen ook op de terugrit aanvragen ({ $when })
book-return-sent = Uw aanvraag voor de terugrit ({ $when }) is ook verstuurd; de bestuurder beantwoordt elke aanvraag apart.
book-return-not-sent = Uw aanvraag voor de terugrit ({ $when }) kon niet worden verstuurd: de rit is misschien vol, of u hebt hem al aangevraagd.

# Places: near me (issue 16)
near-legend = Ritten bij u in de buurt
near-label = Uw gemeente, postcode of coördinaten
near-hint = De ritten worden gesorteerd op de afstand van hun vertrekpunt (of hun bestemming bij een terugrit).
radius-label = Binnen
radius-any = elke afstand
radius-km = { $km } km
near-submit = Sorteren op afstand
near-sorted = Ritten gesorteerd van dichtstbij tot verst van '{ $place }'.
distance-km = op { $km } km
distance-under-1-km = op minder dan 1 km

# Places: the schematic map (issue 16)
map-heading = Kaart van de ritten
map-title = Schematische kaart van de ritten
map-desc = De locatie van het evenement in het midden; eromheen de plaatsen waar de ritten vertrekken (of naartoe gaan), in hun werkelijke richting en op schaal. Posities bij benadering.
map-town = { $town }: { $distance }, { $rides ->
    [one] 1 rit
   *[other] { $rides } ritten
}
map-unplaced = { $count ->
    [one] 1 rit met een onbekende plaats staat niet op de kaart.
   *[other] { $count } ritten met een onbekende plaats staan niet op de kaart.
}
compass-n = in het noorden
compass-ne = in het noordoosten
compass-e = in het oosten
compass-se = in het zuidoosten
compass-s = in het zuiden
compass-sw = in het zuidwesten
compass-w = in het westen
compass-nw = in het noordwesten

# Routes: de omweg van de bestuurder en het maximum (met een routeplanner).
route-detour = Uw omweg voor het ophalen
route-max-detour = Uw maximale omweg
route-minutes = { $count } min
route-detour-with = Uw omweg met deze passagier
route-over-max = meer dan uw maximum
max-detour = Maximale omweg (minuten)
max-detour-hint = Optioneel. Aanvragen waarvoor u verder moet omrijden, worden gemarkeerd.
contribution-label = Voorgestelde bijdrage
contribution-value = ongeveer { $amount } ({ $km } km × { $rate }/km)
# The API page (/api/docs).
api-docs-title = covoit-API
api-docs-missing = De API-pagina heeft Swagger UI nodig, dat niet op deze server is geïnstalleerd. De beheerder installeert het vanuit de covoit-map met
