# Serie (un evento in più date) e condivisione della pagina di un evento.

invalid-date = Indica una data nel formato AAAA-MM-GG.
invalid-until-before-start = L’ultima data viene prima della prima.
invalid-too-many-dates = Al massimo { $max } date per serie.
invalid-every-weeks = Un numero intero di settimane, da 1 a { $max }.
invalid-repeat-date = Una delle date scelte non accetta più passaggi. Ricarica il modulo e scegli di nuovo.

series-legend = Lo stesso evento in altre date
series-hint = Per un allenamento settimanale o ogni giorno di una gita: ogni data ha la sua pagina, e il tuo unico link le gestisce tutte.
series-every-weeks = Ripeti ogni … settimane
series-every-weeks-hint = 1 per ogni settimana, 2 per una settimana sì e una no.
series-until = Ultima data delle ripetizioni
series-dates = Altre date
series-dates-hint-form = Una data per riga (AAAA-MM-GG, alla stessa ora), oppure data e ora (AAAA-MM-GG HH:MM).

series-created-dates = { $count ->
    [one] Questo evento ha { $count } data:
   *[other] Questo evento ha { $count } date:
}
series-created-one-link = Questo unico link gestisce tutte le date della serie.

series-dates-heading = Tutte le date della serie
series-dates-hint = Questa pagina gestisce una data; aprine un’altra dall’elenco. Il tuo link le raggiunge tutte.
series-col-date = Data
series-col-state = Stato
series-col-rides = Passaggi
series-col-manage = Gestisci
series-this-date = Questa data
series-manage-date = Gestisci questa data
series-other-dates = Tutte le date di questo evento

series-repeat-legend = Offri lo stesso passaggio in altre date
series-repeat-hint = Stesso luogo, stessi posti e stessi orari (rispetto all’inizio dell’evento) in ogni data selezionata. Ricevi una sola e-mail, con un link per il passaggio di ogni data; i passeggeri prenotano ogni data separatamente.

series-repeated-intro = { $count ->
    [one] Lo stesso passaggio in { $count } altra data, ognuna con la sua pagina per gestirlo:
   *[other] Lo stesso passaggio in { $count } altre date, ognuna con la sua pagina per gestirlo:
}

share-heading = Condividi questo evento
share-link-label = Link a questa pagina
share-copy = Copia il link
share-copied = Link copiato.
share-copy-failed = Copia non riuscita: seleziona il link e copialo.
qr-alt = Codice QR della pagina dell’evento
qr-caption = Codice QR della pagina pubblica, da stampare su un manifesto:
qr-link = Codice QR di questa pagina
