## The operators' pages (/admin, /dev/mail), the CSV headers and the figures.

## Figures.
# A share: "12.5%". $value has the language's decimal separator.
percent = { $value } %
decimal-separator = ,
# A figure that cannot be computed yet.
no-figure = —

## Operator sign-in.
login-title = Connexion de l'exploitant
login-failed = Ce jeton n'est pas le jeton d'administration.
login-token = Jeton d'administration
login-button = Se connecter

## The operations page.
admin-title = Exploitation
admin-sign-out = Se déconnecter
admin-retried = L'e-mail est de nouveau en file d'attente.
admin-totals = Totaux
admin-events = Événements
admin-open-offers = Trajets ouverts
admin-seats = Places proposées / prises
admin-requests = Demandes
admin-pending = En attente
admin-confirmed = Confirmées
admin-refused = Refusées
admin-expired = Expirées
admin-cancelled = Annulées
admin-acceptance = Taux d'acceptation
admin-median = Délai médian de réponse du conducteur
admin-expired-share = Part expirée
admin-emails-today = E-mails du jour (UTC)
admin-none = Aucun.
admin-failed-emails = E-mails en échec
admin-kind = Type
admin-queued = Mis en file
admin-tries = Essais
admin-error = Erreur
admin-retry = Réessayer
admin-find = Retrouver une demande
admin-request-id = Numéro de la demande
admin-find-button = Chercher
admin-no-request = Aucune demande n° { $id }.
admin-request = Demande
admin-state = État
admin-seats-col = Places
admin-passenger = Passager
admin-made = Faite le
admin-expires = Expire le
admin-answered = Répondue le
admin-offer = Trajet
admin-event = Événement
admin-offers = Trajets
admin-seats-taken = Places (prises)
admin-accepted = Acceptées
admin-median-answer = Réponse médiane
# One line of the emails of the day: "sent: 12".
admin-email-state = { $state } : { $count }
email-state-queued = en file
email-state-sending = en cours d'envoi
email-state-sent = envoyés
email-state-failed = en échec
email-state-captured = capturés
email-state-bounced = revenu (adresse en échec)
email-state-suppressed = non envoyé (adresse en échec)

## Captured emails (development).
devmail-title = E-mails capturés
devmail-mode = covoit en mode développement
devmail-hint = Mode développement : aucun relais SMTP n'est utilisé, les e-mails sont donc gardés ici au lieu d'être envoyés. Les plus récents d'abord.
devmail-empty = Aucun e-mail pour l'instant. Créez un événement, proposez un trajet ou réservez une place.
devmail-to = À
devmail-all = Tous les e-mails capturés
devmail-reply-to = Répondre à
devmail-kind = Type
devmail-kind-line = { $kind } (enregistrement { $record }, version { $version })
devmail-language = Langue
devmail-html = Partie HTML
devmail-text = Partie texte
devmail-links = Liens

## The organiser's CSV: column headers and values.
csv-ride = trajet
csv-direction = sens
csv-departure = départ
csv-place = lieu
csv-status = état
csv-seats-offered = places proposées
csv-seats-taken = places prises
csv-driver = conducteur
csv-passenger = passager
csv-passenger-seats = place du passager (n/total)
csv-pickup = prise en charge
csv-to-event = aller
csv-from-event = retour
csv-open = ouvert
csv-cancelled = annulé

## The waiting list's figures.
admin-needs = Liste d'attente
admin-needs-waiting = En attente
admin-needs-matched = Place trouvée
admin-needs-withdrawn = Retirées
admin-needs-lapsed = Terminées sans place
admin-matched-share = Part ayant trouvé une place
admin-time-to-match = Délai médian pour trouver une place

# Bounces.
admin-bounces = Retours en erreur
admin-bounces-hard = Échecs définitifs (30 jours)
admin-bounces-soft = Échecs temporaires (30 jours)
admin-suppressed = Adresses qui ne reçoivent plus d’e-mails
admin-address = Adresse
admin-bounced-at = En échec depuis
admin-until = Plus d’e-mails jusqu’au
admin-hits = Échecs définitifs
admin-reason = Raison
admin-lift = Écrire de nouveau
admin-recent-bounces = Derniers retours
admin-received = Reçu
admin-status-code = Code
admin-bounce-hard = définitif
admin-bounce-soft = temporaire
admin-lifted = Cette adresse recevra de nouveau les e-mails.
