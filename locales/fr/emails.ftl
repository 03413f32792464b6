## The emails: subjects, greetings, every paragraph and label, in text and HTML.
## Values are plain text (the HTML part escapes them). $count picks the plural form.

## Shared by every email.
mail-hello = Bonjour { $name },
mail-footer = E-mail automatique envoyé par covoit. Vos coordonnées ne sont jamais publiées.
mail-footer-short = E-mail automatique envoyé par covoit.
mail-departure = Départ
mail-place = Lieu
mail-when = Quand
mail-where = Où
mail-name = Nom
mail-seats = Places
mail-pickup = Prise en charge
mail-phone = Téléphone
mail-email = E-mail
mail-driver = Conducteur
mail-seats-left = Places libres : { $count }.
mail-manage-ride = Gérer mon trajet
mail-other-rides = Voir les autres trajets
mail-other-rides-label = Les autres trajets
mail-see-or-cancel = Voir ou annuler ma réservation
mail-event-page = Page de l'événement
mail-see-ride = Voir le trajet
mail-unsubscribe = Ne plus recevoir ces e-mails
links-subject = Vos liens covoit
links-intro = Voici les liens encore actifs pour votre adresse.
links-events = Les événements que vous organisez
links-rides = Vos trajets
links-bookings = Vos réservations
links-needs = Vos inscriptions sur liste d'attente
links-private = Chaque lien ouvre votre page personnelle : gardez-les pour vous.
links-not-you = Vous n'avez pas demandé cet e-mail ? Quelqu'un a saisi votre adresse sur covoit ; vous pouvez l'ignorer.
mail-accept = Accepter
mail-refuse = Refuser
mail-confirmed-passengers = Vos passagers confirmés

## To the organiser, when the event is created.
created-subject = Votre événement « { $event } » est publié
created-intro = Votre événement « { $event } » est publié. Partagez sa page avec les participants : les conducteurs y proposent leurs trajets, les passagers y demandent une place.
created-manage = Votre page d'organisateur (privée : ne la partagez pas)
created-keep = Gardez cet e-mail : il est votre référence pour cet événement.
created-embed = Pour intégrer la réservation sur votre propre site, collez ce code dans une page :

## To the driver, when a ride is published.
published-subject = Votre trajet pour « { $event } » est publié
published-intro = Merci ! Votre trajet pour « { $event } » est publié. Chaque demande de place vous arrivera par e-mail ; vous l'accepterez ou la refuserez d'un clic. Une demande ne bloque aucune place tant que vous ne l'avez pas acceptée.
published-seats-offered = { $count ->
    [one] { $count } place proposée
   *[other] { $count } places proposées
}
published-personal = Ce lien est personnel : ne le partagez pas.
published-manage-line = Gérer mon trajet (lien personnel, ne le partagez pas)

## To the driver: a passenger asks for seats.
received-subject = { $name } demande { $count ->
    [one] { $count } place
   *[other] { $count } places
} — { $event }
received-intro = { $name } demande { $count ->
    [one] { $count } place
   *[other] { $count } places
} sur votre trajet. Merci de répondre avant le { $deadline } ; sans réponse, la demande expire.
received-passenger = Le passager
received-message = Son message
received-left = Il vous reste { $count ->
    [one] { $count } place libre
   *[other] { $count } places libres
} sur ce trajet. Répondre à cet e-mail écrit directement au passager.
received-footer = E-mail automatique envoyé par covoit. Les coordonnées du passager vous sont transmises pour décider ; gardez-les pour vous.

## To the passenger: the request is sent.
sent-subject = Demande envoyée à { $driver } — { $event }
sent-intro = Votre demande de { $count ->
    [one] { $count } place
   *[other] { $count } places
} est envoyée à { $driver }. Aucune place n'est bloquée tant que la demande n'est pas acceptée. Vous recevrez la réponse par e-mail, au plus tard le { $deadline } ; sans réponse d'ici là, la demande expire et vous pourrez en faire une autre.
sent-contact = Une fois votre demande acceptée, vous recevrez les coordonnées du conducteur.
sent-follow = Suivre ou annuler ma demande

## To the passenger: accepted.
accepted-subject = C'est accepté : { $driver } vous emmène — { $event }
accepted-intro = Bonne nouvelle : { $driver } a accepté votre demande de { $count ->
    [one] { $count } place
   *[other] { $count } places
}. Votre place est réservée.
accepted-your-driver = Votre conducteur
accepted-calendar = Le trajet est joint à cet e-mail pour votre agenda (fichier .ics). Si vous ne pouvez plus venir, annulez pour libérer la place :
# The description of the calendar event.
accepted-calendar-driver = Conducteur : { $name }

## To the passenger: refused, or the ride is full.
refused-subject = Demande non retenue — { $event }
full-subject = Trajet complet — { $event }
refused-intro = { $driver } ne peut pas vous emmener sur ce trajet.
full-intro = Le trajet de { $driver } est désormais complet : votre demande ne peut pas être acceptée.
refused-others = D'autres conducteurs proposent peut-être des places :

## To the driver: the passenger list changed.
list-subject = Vos passagers — { $event }
list-cancelled-subject = { $name } a annulé — { $event }
list-accepted = Vous avez accepté { $name }.
list-cancelled-pending = { $name } a annulé sa demande (en attente).
list-cancelled = { $name } a annulé sa place.
list-removed = Vous avez retiré { $name } de vos passagers.
list-none = Aucun pour l'instant.

## To the passenger: cancellation confirmed, removed by the driver, ride cancelled.
notice-cancelled-subject = Annulation confirmée — { $event }
notice-removed-subject = Le conducteur a retiré votre place — { $event }
notice-offer-cancelled-subject = Trajet annulé — { $event }
notice-cancelled = Votre demande est annulée. Le conducteur est prévenu ; merci d'avoir libéré la place.
notice-removed = { $driver } a retiré votre place sur ce trajet. Si vous pensez à une erreur, répondez à cet e-mail : votre réponse arrive à { $driver }.
notice-offer-cancelled = { $driver } a annulé ce trajet. Votre demande n'a plus d'objet.

## To confirmed passengers: the trip changed.
changed-subject = Changement d'horaire ou de lieu — { $event }
changed-intro = { $driver } a modifié le trajet sur lequel vous avez une place.
changed-instead = { $new } (au lieu de { $old })
changed-cancel = Si le nouvel horaire ne vous convient pas, vous pouvez annuler :

## Request expired, to the passenger or to the driver.
expired-subject = Demande expirée sans réponse — { $event }
expired-driver-subject = Demande expirée : { $name } — { $event }
expired-intro = Votre demande n'a pas reçu de réponse à temps et a expiré. Aucune place ne vous est réservée sur ce trajet ; d'autres conducteurs en proposent peut-être.
expired-driver-intro = La demande de { $name } a expiré sans réponse. Aucune place n'était bloquée ; rien d'autre ne change.

## To the driver, half-way to a request's expiry.
nudge-subject = { $name } attend votre réponse — { $event }
nudge-intro = { $name } attend votre réponse pour { $count ->
    [one] { $count } place
   *[other] { $count } places
}, jusqu'au { $deadline }. Sans réponse, la demande expirera.

## The day before.
reminder-driver-subject = Demain : { $when } — { $event }
reminder-driver-intro = C'est demain ! Voici votre trajet et vos passagers.
reminder-driver-none = Aucun passager confirmé.
reminder-passenger-subject = Demain : { $driver } vous emmène — { $event }
reminder-passenger-intro = C'est demain ! Votre place est réservée.

## covoit send-test-email
test-subject = covoit : message de test
test-body = Ceci est un message de test envoyé par covoit ({ $url }). Si vous le lisez, les réglages SMTP fonctionnent.

## The waiting list's emails.
need-created-subject = Vous êtes sur la liste d'attente — { $event }
need-created-intro = Vous êtes sur la liste d'attente de « { $event } » :
need-created-next = Quand des places se libèrent sur un trajet qui vous convient, ou qu'un conducteur vous invite, vous recevrez un e-mail avec un lien pour les prendre. Aucune place ne vous est réservée d'ici là.
seat-freed-subject = Des places se libèrent — { $event }
seat-freed-intro = { $driver } a { $count ->
    [one] 1 place libre
   *[other] { $count } places libres
} sur un trajet qui pourrait vous convenir.
seat-freed-auto = Ce conducteur accepte les demandes automatiquement : les places sont à vous dès que vous confirmez.
seat-freed-ask = Votre demande part au conducteur, qui répond par e-mail.
seat-freed-claim = Prendre les places
seat-freed-first = D'autres personnes en attente reçoivent peut-être aussi cet e-mail : premier arrivé, premier servi.
invitation-subject = { $driver } vous invite sur son trajet — { $event }
invitation-intro = { $driver } vous propose de voyager avec lui ou elle : { $count ->
    [one] 1 place
   *[other] { $count } places
} pour vous.
invitation-how = Vos places sont réservées dès que vous acceptez, et vous recevez les coordonnées du conducteur.
invitation-join = Rejoindre ce trajet
still-subject = Vous partez toujours ? { $when } — { $event }
still-driver-intro = Votre trajet part bientôt.
still-passenger-intro = Vous avez une place dans la voiture de { $driver }, qui part bientôt.
still-question = Partez-vous toujours ?
still-yes = Oui, je pars
still-no-driver = Non, annuler mon trajet
still-no-passenger = Non, libérer ma place
still-driver-no-means = « Non » annule votre trajet ; vos passagers sont prévenus aussitôt.
still-passenger-no-means = « Non » libère votre place pour quelqu'un d'autre ; le conducteur est prévenu aussitôt.
published-waiting = Personnes qui cherchent un trajet comme le vôtre :
published-invite = Vous pouvez les inviter depuis la page de votre trajet (Gérer mon trajet).
waiting-offer = Aucun autre trajet ne vous convient ? Inscrivez-vous sur la liste d'attente :
waiting-join = la liste d'attente
waiting-back = Vous êtes de nouveau sur la liste d'attente : un e-mail vous préviendra quand des places se libèrent sur un autre trajet.

# A hard bounce, told to the other party of a trip.
bounced-subject = L’adresse e-mail de { $name } ne fonctionne pas
bounced-passenger = Les e-mails envoyés à { $name }, qui a demandé une place dans votre voiture, nous reviennent : son adresse ne fonctionne pas. Cette personne ne recevra ni votre réponse ni les nouvelles du trajet par e-mail.
bounced-driver = Les e-mails envoyés à { $name }, qui conduit votre trajet, nous reviennent : son adresse ne fonctionne pas. Cette personne risque de ne voir ni votre demande ni vos messages.
bounced-call = Joignez-la par téléphone :
bounced-no-phone-passenger = Elle n’a pas laissé de numéro de téléphone : si vous pouvez la joindre autrement, prévenez-la ; sinon, vous pouvez refuser la demande.
bounced-no-phone-driver = Elle n’a pas laissé de numéro de téléphone : vous pouvez chercher un autre trajet sur la page de l’événement.
bounced-open-page = Ouvrir la page de mon trajet
bounced-open-page-label = La page de votre trajet

# Trajets et heures de prise en charge (avec un calculateur d’itinéraires).
route-pickup-time = Heure de prise en charge
route-dropoff-time = Heure de dépose
route-moved-intro = Le trajet de { $driver } a changé (des passagers sont arrivés ou partis), et avec lui l’heure à votre arrêt.
route-request-over = Avec { $name } à bord, votre détour serait de { $detour }, plus que votre maximum de { $max } min.
