# Serien (eine Veranstaltung an mehreren Terminen) und das Teilen einer Veranstaltungsseite.

invalid-date = Bitte ein Datum im Format JJJJ-MM-TT angeben.
invalid-until-before-start = Der letzte Termin liegt vor dem ersten.
invalid-too-many-dates = Höchstens { $max } Termine pro Serie.
invalid-every-weeks = Eine ganze Zahl von Wochen, von 1 bis { $max }.
invalid-repeat-date = Einer der gewählten Termine nimmt keine Fahrten mehr an. Bitte das Formular neu laden und erneut wählen.

series-legend = Dieselbe Veranstaltung an weiteren Terminen
series-hint = Für ein wöchentliches Training oder jeden Tag einer Reise: Jeder Termin bekommt eine eigene Seite, und Ihr einer Link verwaltet alle.
series-every-weeks = Wiederholen alle … Wochen
series-every-weeks-hint = 1 für jede Woche, 2 für jede zweite Woche.
series-until = Letzter Termin der Wiederholungen
series-dates = Weitere Termine
series-dates-hint-form = Ein Datum pro Zeile (JJJJ-MM-TT, zur selben Uhrzeit) oder Datum und Uhrzeit (JJJJ-MM-TT HH:MM).

series-created-dates = { $count ->
    [one] Diese Veranstaltung hat { $count } Termin:
   *[other] Diese Veranstaltung hat { $count } Termine:
}
series-created-one-link = Dieser eine Link verwaltet alle Termine der Serie.

series-dates-heading = Alle Termine der Serie
series-dates-hint = Diese Seite verwaltet einen Termin; öffnen Sie einen anderen aus der Liste. Ihr Link erreicht alle.
series-col-date = Termin
series-col-state = Status
series-col-rides = Fahrten
series-col-manage = Verwalten
series-this-date = Dieser Termin
series-manage-date = Diesen Termin verwalten
series-other-dates = Alle Termine dieser Veranstaltung

series-repeat-legend = Dieselbe Fahrt an weiteren Terminen anbieten
series-repeat-hint = Gleicher Ort, gleiche Plätze und gleiche Zeiten (bezogen auf den Beginn der Veranstaltung) an jedem angekreuzten Termin. Sie bekommen eine E-Mail mit einem Link für die Fahrt jedes Termins; Mitfahrende buchen jeden Termin einzeln.

series-repeated-intro = { $count ->
    [one] Dieselbe Fahrt an { $count } weiteren Termin, jeder mit einer eigenen Seite zum Verwalten:
   *[other] Dieselbe Fahrt an { $count } weiteren Terminen, jeder mit einer eigenen Seite zum Verwalten:
}

share-heading = Diese Veranstaltung teilen
share-link-label = Link zu dieser Seite
share-copy = Link kopieren
share-copied = Link kopiert.
share-copy-failed = Kopieren fehlgeschlagen: Bitte den Link markieren und kopieren.
qr-alt = QR-Code der Veranstaltungsseite
qr-caption = QR-Code der öffentlichen Seite, zum Drucken auf ein Plakat:
qr-link = QR-Code dieser Seite
