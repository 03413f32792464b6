# Séries (un événement à plusieurs dates) et partage de la page d’un événement.

invalid-date = Indiquez une date au format AAAA-MM-JJ.
invalid-until-before-start = La dernière date précède la première.
invalid-too-many-dates = Au plus { $max } dates par série.
invalid-every-weeks = Un nombre entier de semaines, de 1 à { $max }.
invalid-repeat-date = L’une des dates choisies ne prend plus de trajets. Rechargez le formulaire et choisissez à nouveau.

series-legend = Le même événement à d’autres dates
series-hint = Pour un entraînement hebdomadaire ou chaque jour d’un voyage : chaque date a sa propre page, et votre lien unique les gère toutes.
series-every-weeks = Répéter toutes les … semaines
series-every-weeks-hint = 1 pour chaque semaine, 2 pour une semaine sur deux.
series-until = Dernière date des répétitions
series-dates = Autres dates
series-dates-hint-form = Une date par ligne (AAAA-MM-JJ, à la même heure), ou une date et une heure (AAAA-MM-JJ HH:MM).

series-created-dates = { $count ->
    [one] Cet événement a { $count } date :
   *[other] Cet événement a { $count } dates :
}
series-created-one-link = Ce lien unique gère toutes les dates de la série.

series-dates-heading = Toutes les dates de la série
series-dates-hint = Cette page gère une date ; ouvrez-en une autre dans la liste. Votre lien les atteint toutes.
series-col-date = Date
series-col-state = État
series-col-rides = Trajets
series-col-manage = Gérer
series-this-date = Cette date
series-manage-date = Gérer cette date
series-other-dates = Toutes les dates de cet événement

series-repeat-legend = Proposer le même trajet à d’autres dates
series-repeat-hint = Même lieu, mêmes places et mêmes horaires (par rapport au début de l’événement) à chaque date cochée. Vous recevez un seul e-mail, avec un lien pour le trajet de chaque date ; les passagers réservent chaque date séparément.

series-repeated-intro = { $count ->
    [one] Le même trajet à { $count } autre date, chacune avec sa page pour le gérer :
   *[other] Le même trajet à { $count } autres dates, chacune avec sa page pour le gérer :
}

share-heading = Partager cet événement
share-link-label = Lien vers cette page
share-copy = Copier le lien
share-copied = Lien copié.
share-copy-failed = La copie a échoué : sélectionnez le lien et copiez-le.
qr-alt = QR code de la page de l’événement
qr-caption = QR code de la page publique, à imprimer sur une affiche :
qr-link = QR code de cette page
