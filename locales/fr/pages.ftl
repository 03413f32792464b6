## The public pages: layout, home, forms, event and offer pages, confirmations.

skip-to-content = Aller au contenu
language = Langue
tagline = Covoiturage vers vos événements
footer = covoit — sans compte, vos coordonnées ne sont jamais publiées.
home-title = Partagez la route vers vos événements
home-intro = Un club, une école ou une entreprise publie son événement ; les conducteurs proposent des places ; les passagers demandent une place sans créer de compte ; le conducteur accepte ou refuse d'un clic depuis son courriel.
home-step-event = L'organisateur crée l'événement et partage sa page (ou l'intègre sur son site).
home-step-offer = Un conducteur propose un trajet aller, retour, ou les deux.
home-step-request = Un passager demande une ou plusieurs places.
home-step-answer = Le conducteur répond sous 24 heures ; chacun reçoit un rappel la veille.
create-event = Créer un événement
new-event-title = Nouvel événement
event-name = Nom de l'événement
venue = Lieu
starts-at = Début (date et heure locales)
timezone = Fuseau horaire
timezone-hint = Tapez une ville ou un fuseau (par exemple Paris ou Europe/Brussels) et choisissez-le dans la liste.
organizer-name = Votre nom
organizer-email = Votre adresse e-mail
organizer-email-hint = Pour vous envoyer les liens de l'événement. Elle n'est jamais affichée.
email-language = Langue de vos e-mails
form-has-errors = Le formulaire contient des erreurs :
lost-title = Recevoir mes liens par e-mail
lost-intro = Vous avez perdu l'e-mail avec votre lien ? Indiquez votre adresse : nous vous envoyons un e-mail avec les liens de vos réservations, trajets, inscriptions sur liste d'attente et événements encore en cours.
lost-email = Votre adresse e-mail
lost-button = Recevoir mes liens
lost-sent = Si cette adresse a des réservations, des trajets, des inscriptions sur liste d'attente ou des événements en cours, un e-mail avec leurs liens est en route.
lost-sent-more = Cela peut prendre quelques minutes ; regardez aussi dans vos indésirables. Pour votre confidentialité, cette page répond la même chose quelle que soit l'adresse.
lost-footer-link = Lien perdu ?
lost-created-hint = E-mail perdu ? Faites-vous renvoyer vos liens.
optional = facultatif
event-created = Votre événement est publié. Partagez cette page avec les participants.
share-this-page = Adresse de la page
embed-snippet = Pour intégrer la réservation sur votre site, collez ce code :
embed-title = Module de réservation
# The title of the widget's frame on the organiser's site (read by screen readers).
widget-title = Covoiturage : réserver une place
embed-preview = Aperçu
when = Quand
where = Où
times-in-zone = Heures indiquées dans le fuseau
rides-to = Trajets aller
rides-from = Trajets retour
no-rides = Aucun trajet proposé pour l'instant.
offer-a-ride = Proposer un trajet
full = Complet
cancelled-offer = Annulé
departed = Parti
new-offer-title = Proposer un trajet
direction = Sens du trajet
to-event = Aller (vers l'événement)
from-event = Retour (depuis l'événement)
place = Lieu de départ (ou destination pour un retour)
place-hint = Une ville, un quartier, un parking : pas votre adresse exacte.
departure-place = Lieu de départ
departs-at = Départ (date et heure locales)
seats-offered = Places proposées (1 à 8)
seats = Places
notes = Remarques
notes-hint = Bagages, animaux, participation aux frais…
driver-name = Votre nom
your-email = Votre adresse e-mail
driver-email-hint = Les demandes vous y sont envoyées. Elle n'est jamais affichée.
your-phone = Votre téléphone
driver-phone-hint = Communiqué seulement aux passagers que vous acceptez.
return-trip = Trajet retour
return-trip-hint = Renseignez l'heure de départ pour publier aussi un retour.
return-departs-at = Départ du retour (date et heure locales)
return-seats = Places au retour
return-place = Destination du retour
publish-offer = Publier le trajet
offer-published = Votre trajet est publié.
driver = Conducteur
departure = Départ
destination = Destination
return-offer-link = Voir le trajet retour
outbound-offer-link = Voir le trajet aller
request-seats = Demander une place
booking-hint = Votre demande ne bloque aucune place tant que le conducteur ne l'a pas acceptée. Il a 24 heures pour répondre ; vous recevez sa réponse par e-mail.
your-name = Votre nom
passenger-email-hint = Pour recevoir la réponse. Elle n'est jamais affichée.
passenger-phone-hint = Transmis au conducteur avec votre demande.
seats-wanted = Nombre de places
pickup = Point de prise en charge
pickup-hint = Où le conducteur peut vous prendre (ou vous déposer).
message = Message au conducteur
send-request = Envoyer la demande
request-sent-title = Demande envoyée
request-sent-body = Le conducteur a reçu votre demande. Aucune place n'est bloquée tant qu'il ne l'a pas acceptée ; vous recevrez sa réponse par e-mail.
answer-by = Réponse attendue avant le
back-to-event = Retour à l'événement
other-rides = Voir les autres trajets
not-found-title = Page introuvable
not-found-body = Cette page n'existe pas ou plus. Vérifiez le lien reçu.
error-title = Une erreur est survenue
server-error-body = Une erreur s'est produite de notre côté. Si vous enregistriez quelque chose, vérifiez vos courriels avant de réessayer.
unavailable-title = Service momentanément indisponible
unavailable-write-body = Nous ne pouvons rien enregistrer pour le moment : votre demande n'a pas été enregistrée. Réessayez dans quelques minutes.
unavailable-read-body = Cette page ne peut pas être affichée pour le moment. Réessayez dans quelques minutes.
bad-request-body = La demande envoyée est mal formée.
too-large-body = Le contenu envoyé est trop volumineux.
conflict-title = Demande impossible
offer-cancelled-body = Ce trajet a été annulé par le conducteur.
departed-body = Ce trajet est déjà parti.
duplicate-body = Vous avez déjà une demande en cours ou acceptée pour ce trajet.
home = Accueil
honeypot = Laissez ce champ vide
email-queued = Le conducteur est prévenu par e-mail, et une confirmation part vers votre adresse.
email-captured = Mode développement : les e-mails ne sont pas envoyés mais conservés sur /dev/mail.
ack-suppressed = C'est enregistré. Nous ne vous avons pas écrit cette fois : cette adresse a reçu beaucoup de messages de covoit dans l'heure. Gardez ce lien, c'est votre accès à cette page :
open-private-page = Ouvrir ma page

## The waiting list: the form, its confirmation, the event and offer pages.
need-a-ride = Je cherche un trajet
need-no-fit = Aucun trajet ne vous convient ? Inscrivez-vous sur la liste d'attente
need-join-list = M'inscrire sur la liste d'attente
need-title = Je cherche un trajet
need-intro = Aucun trajet ne vous convient pour l'instant ? Dites ce qu'il vous faut : quand des places se libèrent sur un trajet qui convient, ou qu'un conducteur vous invite, vous recevez un e-mail avec un lien pour les prendre.
need-place-hint = Votre commune ou votre quartier : les conducteurs le voient pour savoir qui attend près de leur route.
need-earliest = Départ au plus tôt
need-latest = Départ au plus tard
need-window-hint = Facultatif : seuls les trajets partant entre ces heures vous seront proposés.
need-email-hint = Pour vous prévenir des places. Elle n'est jamais affichée.
need-phone-hint = Transmis seulement au conducteur qui vous emmène.
need-submit = M'inscrire sur la liste d'attente
need-created-title = Vous êtes sur la liste d'attente
need-created-body = Quand des places se libèrent sur un trajet qui vous convient, ou qu'un conducteur vous invite, vous recevrez un e-mail avec un lien pour les prendre.
need-email-queued = Une confirmation avec votre lien personnel part vers votre adresse.
event-started-body = L'événement a commencé : la liste d'attente est close.
duplicate-need-body = Vous êtes déjà sur la liste d'attente pour un trajet dans ce sens.
booking-confirmed-title = Place réservée
booking-confirmed-body = Ce conducteur accepte les demandes automatiquement : votre place est réservée. Ses coordonnées partent vers votre adresse.
auto-accept = Accepter les demandes automatiquement
auto-accept-hint = Une demande qui tient dans la voiture est confirmée aussitôt, sans attendre votre réponse ; un e-mail vous en avertit.

## Confirmations and error summaries that tell a newcomer where they are.
offer-published-public = Voici la page publique de votre trajet : les passagers la trouvent sur la page de l'événement et y demandent leurs places.
offer-published-manage = Pour répondre aux demandes, modifier ou annuler votre trajet, utilisez le lien personnel que nous venons de vous envoyer par e-mail. Gardez cet e-mail : c'est votre accès à votre trajet.
offer-published-form-is-for-passengers = Ce formulaire est destiné à vos passagers : vous n'avez rien à y remplir.
# One line of the error summary: the field's label, then what is wrong with it.
error-summary-item = { $field } : { $message }
event-created-link-emailed = Nous vous avons envoyé par e-mail votre lien personnel d'organisateur : il montre les trajets et les demandes. Gardez cet e-mail : c'est votre accès à cet événement.
home-role-organiser = Organisateur
home-role-organiser-body = Créez la page de votre événement en une minute, partagez-la ou intégrez-la à votre site, et suivez chaque trajet et chaque demande.
home-role-driver = Conducteur
home-role-driver-body = Proposez vos places libres depuis la page de l'événement, et acceptez ou refusez chaque demande d'un clic depuis votre e-mail.
home-role-passenger = Passager
home-role-passenger-body = Choisissez un trajet sur la page de l'événement et demandez une place, sans compte ; la réponse vous arrive par e-mail.
book-return-too = Demander aussi les mêmes places sur le trajet retour ({ $when })
book-return-sent = Votre demande pour le trajet retour ({ $when }) est envoyée elle aussi ; le conducteur répond à chacune.
book-return-not-sent = Votre demande pour le trajet retour ({ $when }) n'a pas pu être envoyée : il est peut-être complet, ou vous l'avez déjà demandé.

# Places: near me (issue 16)
near-legend = Trajets près de chez vous
near-label = Votre commune, code postal ou coordonnées
near-hint = Les trajets sont classés selon la distance de leur départ (ou de leur destination pour un retour).
radius-label = Dans un rayon de
radius-any = toute distance
radius-km = { $km } km
near-submit = Classer par distance
near-sorted = Trajets classés du plus proche au plus éloigné de « { $place } ».
distance-km = à { $km } km
distance-under-1-km = à moins de 1 km

# Places: the schematic map (issue 16)
map-heading = Carte des trajets
map-title = Carte schématique des trajets
map-desc = Le lieu de l'événement au centre ; autour, les communes d'où partent (ou où vont) les trajets, dans leur direction réelle et à une distance à l'échelle. Positions approximatives.
map-town = { $town } : { $distance }, { $rides ->
    [one] 1 trajet
   *[other] { $rides } trajets
}
map-unplaced = { $count ->
    [one] 1 trajet dont le lieu est inconnu n'est pas sur la carte.
   *[other] { $count } trajets dont le lieu est inconnu ne sont pas sur la carte.
}
compass-n = au nord
compass-ne = au nord-est
compass-e = à l'est
compass-se = au sud-est
compass-s = au sud
compass-sw = au sud-ouest
compass-w = à l'ouest
compass-nw = au nord-ouest

# Trajets : le détour du conducteur et son maximum (avec un calculateur d’itinéraires).
route-detour = Votre détour pour les prises en charge
route-max-detour = Votre détour maximal
route-minutes = { $count } min
route-detour-with = Votre détour avec ce passager
route-over-max = au-delà de votre maximum
max-detour = Détour maximal (minutes)
max-detour-hint = Facultatif. Les demandes dont la prise en charge vous détournerait davantage vous sont signalées.
contribution-label = Participation suggérée
contribution-value = environ { $amount } ({ $km } km × { $rate }/km)
# The API page (/api/docs).
api-docs-title = API de covoit
api-docs-missing = La page de l'API a besoin de Swagger UI, qui n'est pas installé sur ce serveur. L'exploitant l'installe depuis le dossier de covoit avec
