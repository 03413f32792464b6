## Words and formats every page and email shares: the language's own name, dates, counts,
## and why a field was refused.

# This language, in itself (the language switch lists every language this way).
language-name = English

## Dates: "Saturday 1 November 2026, 10:05". $weekday and $month come from the lists below.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# $hour and $minute have two digits.
datetime = { $weekday } { $day } { $month } { $year }, { $hour }:{ $minute }

## Counts.
seat-count = { $count ->
    [one] { $count } seat
   *[other] { $count } seats
}
seats-left = { $count ->
    [one] 1 seat left
   *[other] { $count } seats left
}
not-enough-seats = Only { $count ->
    [one] 1 seat is
   *[other] { $count } seats are
} left on this ride.
too-many = Too many requests in a short time. Try again in { $minutes } min.
time-left = { $hours ->
    [0] { $minutes } min
   *[other] { $hours } h { $minutes } min
}

## Why a field was refused (next to the field, and in the API's `fields`).
invalid-required = This field is required.
invalid-too-long = At most { $max } characters.
invalid-control-characters = Characters not allowed.
invalid-encoding = This text contains unreadable characters (not UTF-8).
invalid-too-far-ahead = Too far ahead: two years at most.
invalid-email = Invalid email address (for example: marie@example.org).
invalid-phone = Invalid phone number (for example: +44 20 7946 0958).
invalid-seats = A number of seats from 1 to { $max }.
invalid-seats-below-taken = { $taken ->
    [one] One seat is already taken: no fewer.
   *[other] { $taken } seats are already taken: no fewer.
}
invalid-whole-number = A whole number is expected.
invalid-date-time = Invalid date and time (YYYY-MM-DDTHH:MM).
invalid-in-the-past = This date is in the past.
invalid-nonexistent-local-time = This time does not exist on that day (clocks change).
invalid-time-zone = Unknown time zone (for example: Europe/Paris).
invalid-direction = Choose to or from the event.
invalid-locale = Unknown language.
invalid-wrong-type = Wrong type: { $expected } expected.
invalid-trip-time = This time does not fit the event (a ride there leaves before it starts, at most 7 days before; a ride back leaves after it starts and after the ride there).
invalid-return-without-outbound = A ride back goes with a ride to the event.
invalid-return-needs-time = Also give the ride back's departure time.
invalid-unknown-field = Unknown field.

## A request's state, as its pages and emails name it.
status-pending = pending
status-confirmed = confirmed
status-refused = refused
status-refused-full = refused (ride full)
status-ride-cancelled = ride cancelled
status-expired = expired without an answer
status-removed = seat removed by the driver
status-cancelled = cancelled by the passenger

## One trip, as pages and emails name it.
trip-to = Ride to { $event }
trip-from = Ride back from { $event }

## Labels.
# A label and its value: "Driver: Ann" (French puts a space before the colon).
label-value = { $label }: { $value }
# A label before what follows it: "Their message:".
label-colon = { $label }:

## The waiting list, as pages and emails name it.
need-rides = Rides needed
need-place = From or to
need-see-or-change = See or change my request
need-my-request = my waiting-list request
need-direction-to = A ride to the event
need-direction-from = A ride back
need-direction-both = Rides there and back
need-status-waiting = waiting for a seat
need-status-matched = seat found
need-status-withdrawn = withdrawn
need-status-lapsed = ended (the event has started)
invalid-time-window = The latest time must come after the earliest.
pending-count = { $count ->
    [one] 1 request awaiting an answer
   *[other] { $count } requests awaiting an answer
}
waiting-count = { $count ->
    [one] 1 person waiting for a ride
   *[other] { $count } people waiting for a ride
}

# Places (issue 16)
invalid-unknown-place = This place is unknown: try a town or a postcode, or coordinates such as "45.76, 4.83".
invalid-radius = A distance in kilometres, above 0 and up to { $max }.
invalid-detour = A whole number of minutes, from 1 to { $max }.
