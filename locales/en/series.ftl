# Series (one event on several dates) and sharing an event's page.

invalid-date = Give a date as YYYY-MM-DD.
invalid-until-before-start = The last date comes before the first one.
invalid-too-many-dates = At most { $max } dates in one series.
invalid-every-weeks = A whole number of weeks, from 1 to { $max }.
invalid-repeat-date = One of the chosen dates no longer takes rides. Reload the form and choose again.

series-legend = Same event on other dates
series-hint = For a weekly training or each day of a trip: every date gets its own page, and your one link manages them all.
series-every-weeks = Repeat every … weeks
series-every-weeks-hint = 1 for every week, 2 for every other week.
series-until = Last date of the repeats
series-dates = Other dates
series-dates-hint-form = One date per line (YYYY-MM-DD, at the same time), or a date and time (YYYY-MM-DD HH:MM).

series-created-dates = { $count ->
    [one] This event has { $count } date:
   *[other] This event has { $count } dates:
}
series-created-one-link = This one link manages every date of the series.

series-dates-heading = Every date of the series
series-dates-hint = This page manages one date; open another from the list. Your link reaches them all.
series-col-date = When
series-col-state = State
series-col-rides = Rides
series-col-manage = Manage
series-this-date = This date
series-manage-date = Manage this date
series-other-dates = Every date of this event

series-repeat-legend = Offer the same ride on other dates
series-repeat-hint = The same place, seats and times (relative to the event's start) on each date you tick. You get one email with a link for each date's ride; passengers book each date apart.

series-repeated-intro = { $count ->
    [one] The same ride on { $count } more date, each with its own page to manage it:
   *[other] The same ride on { $count } more dates, each with its own page to manage it:
}

share-heading = Share this event
share-link-label = Link to this page
share-copy = Copy the link
share-copied = Link copied.
share-copy-failed = Copying failed: select the link and copy it.
qr-alt = QR code of the event page
qr-caption = QR code of the public page, to print on a poster:
qr-link = QR code of this page
