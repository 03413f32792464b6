## The emails: subjects, greetings, every paragraph and label, in text and HTML.
## Values are plain text (the HTML part escapes them). $count picks the plural form.

## Shared by every email.
mail-hello = Hello { $name },
mail-footer = Automatic email from covoit. Your contact details are never published.
mail-footer-short = Automatic email from covoit.
mail-departure = Departure
mail-place = Place
mail-when = When
mail-where = Where
mail-name = Name
mail-seats = Seats
mail-pickup = Pickup
mail-phone = Phone
mail-email = Email
mail-driver = Driver
mail-seats-left = Seats left: { $count }.
mail-manage-ride = Manage my ride
mail-other-rides = See the other rides
mail-other-rides-label = The other rides
mail-see-or-cancel = See or cancel my booking
mail-event-page = Event page
mail-see-ride = See the ride
mail-unsubscribe = Stop these emails
links-subject = Your covoit links
links-intro = Here are the links for your address that are still active.
links-events = Events you organise
links-rides = Your rides
links-bookings = Your bookings
links-needs = Your places on a waiting list
links-private = Each link opens your own page: keep them to yourself.
links-not-you = You did not ask for this email? Someone typed your address on covoit; you can ignore it.
mail-accept = Accept
mail-refuse = Refuse
mail-confirmed-passengers = Your confirmed passengers

## To the organiser, when the event is created.
created-subject = Your event “{ $event }” is published
created-intro = Your event “{ $event }” is published. Share its page with the participants: drivers offer rides there, passengers request seats.
created-manage = Your organiser page (private: do not share it)
created-keep = Keep this email: it is your reference for this event.
created-embed = To embed booking on your own site, paste this code into a page:

## To the driver, when a ride is published.
published-subject = Your ride for “{ $event }” is published
published-intro = Thank you! Your ride for “{ $event }” is published. Each seat request will reach you by email; you accept or refuse it with one click. A request holds no seat until you accept it.
published-seats-offered = { $count ->
    [one] { $count } seat offered
   *[other] { $count } seats offered
}
published-personal = This link is personal: do not share it.
published-manage-line = Manage my ride (personal link, do not share it)

## To the driver: a passenger asks for seats.
received-subject = { $name } requests { $count ->
    [one] { $count } seat
   *[other] { $count } seats
} — { $event }
received-intro = { $name } requests { $count ->
    [one] { $count } seat
   *[other] { $count } seats
} on your ride. Please answer before { $deadline }; without an answer, the request lapses.
received-passenger = The passenger
received-message = Their message
received-left = You have { $count ->
    [one] { $count } seat
   *[other] { $count } seats
} left on this ride. Replying to this email writes to the passenger.
received-footer = Automatic email from covoit. The passenger's details are given to you to decide; keep them to yourself.

## To the passenger: the request is sent.
sent-subject = Request sent to { $driver } — { $event }
sent-intro = Your request for { $count ->
    [one] { $count } seat
   *[other] { $count } seats
} is sent to { $driver }. No seat is held until the request is accepted. The answer will reach you by email, by { $deadline } at the latest; without an answer by then, the request lapses and you can make another.
sent-contact = Once your request is accepted, you will receive the driver's contact details.
sent-follow = Follow or cancel my request

## To the passenger: accepted.
accepted-subject = Accepted: { $driver } is taking you — { $event }
accepted-intro = Good news: { $driver } accepted your request for { $count ->
    [one] { $count } seat
   *[other] { $count } seats
}. Your seat is booked.
accepted-your-driver = Your driver
accepted-calendar = The trip is attached for your calendar (.ics file). If you can no longer come, cancel to free the seat:
# The description of the calendar event.
accepted-calendar-driver = Driver: { $name }

## To the passenger: refused, or the ride is full.
refused-subject = Request declined — { $event }
full-subject = Ride full — { $event }
refused-intro = { $driver } cannot take you on this ride.
full-intro = { $driver }'s ride is now full: your request cannot be accepted.
refused-others = Other drivers may have seats:

## To the driver: the passenger list changed.
list-subject = Your passengers — { $event }
list-cancelled-subject = { $name } cancelled — { $event }
list-accepted = You accepted { $name }.
list-cancelled-pending = { $name } cancelled their pending request.
list-cancelled = { $name } cancelled their seat.
list-removed = You removed { $name } from your passengers.
list-none = None yet.

## To the passenger: cancellation confirmed, removed by the driver, ride cancelled.
notice-cancelled-subject = Cancellation confirmed — { $event }
notice-removed-subject = The driver took back your seat — { $event }
notice-offer-cancelled-subject = Ride cancelled — { $event }
notice-cancelled = Your request is cancelled. The driver has been told; thank you for freeing the seat.
notice-removed = { $driver } took back your seat on this ride. If you think this is a mistake, reply to this email: your answer goes to { $driver }.
notice-offer-cancelled = { $driver } cancelled this ride. Your request no longer stands.

## To confirmed passengers: the trip changed.
changed-subject = Time or place changed — { $event }
changed-intro = { $driver } changed the ride you have a seat on.
changed-instead = { $new } (instead of { $old })
changed-cancel = If the new plan does not suit you, you can cancel:

## Request expired, to the passenger or to the driver.
expired-subject = Request expired without an answer — { $event }
expired-driver-subject = Request lapsed: { $name } — { $event }
expired-intro = Your request got no answer in time and has lapsed. No seat is held for you on this ride; other drivers may have seats.
expired-driver-intro = The request from { $name } lapsed without an answer. No seat was held; nothing else changes.

## To the driver, half-way to a request's expiry.
nudge-subject = { $name } is waiting for your answer — { $event }
nudge-intro = { $name } is waiting for your answer for { $count ->
    [one] { $count } seat
   *[other] { $count } seats
}, until { $deadline }. Without an answer, the request will lapse.

## The day before.
reminder-driver-subject = Tomorrow: { $when } — { $event }
reminder-driver-intro = It is tomorrow! Here are your ride and your passengers.
reminder-driver-none = No confirmed passenger.
reminder-passenger-subject = Tomorrow: { $driver } is taking you — { $event }
reminder-passenger-intro = It is tomorrow! Your seat is booked.

## covoit send-test-email
test-subject = covoit: test message
test-body = This is a test message from covoit ({ $url }). If you can read it, the SMTP settings work.

## The waiting list's emails.
need-created-subject = You are on the waiting list — { $event }
need-created-intro = You are on the waiting list for “{ $event }”:
need-created-next = When seats free up on a ride that suits you, or a driver invites you, you will get an email with a link to take them. No seat is held for you until then.
seat-freed-subject = Seats free on a ride — { $event }
seat-freed-intro = { $driver } has { $count ->
    [one] 1 seat
   *[other] { $count } seats
} free on a ride that may suit you.
seat-freed-auto = This driver accepts requests automatically: the seats are yours as soon as you confirm.
seat-freed-ask = Your request goes to the driver, who answers by email.
seat-freed-claim = Take the seats
seat-freed-first = Other people waiting may get this email too: first come, first served.
invitation-subject = { $driver } invites you on their ride — { $event }
invitation-intro = { $driver } invites you to travel with them: { $count ->
    [one] 1 seat
   *[other] { $count } seats
} for you.
invitation-how = Your seats are booked as soon as you accept, and you get the driver's contact details.
invitation-join = Join this ride
still-subject = Still going? { $when } — { $event }
still-driver-intro = Your ride leaves soon.
still-passenger-intro = You have a seat in { $driver }'s car, leaving soon.
still-question = Are you still going?
still-yes = Yes, I am going
still-no-driver = No, cancel my ride
still-no-passenger = No, free my seat
still-driver-no-means = "No" cancels your ride; your passengers are told at once.
still-passenger-no-means = "No" frees your seat for someone else; the driver is told at once.
published-waiting = People waiting for a ride like yours:
published-invite = You can invite them from your ride's page (Manage my ride).
waiting-offer = No other ride suits you? Join the waiting list:
waiting-join = the waiting list
waiting-back = You are back on the waiting list: you will be told when seats free up on another ride.

# A hard bounce, told to the other party of a trip.
bounced-subject = { $name }’s email address does not work
bounced-passenger = Emails to { $name }, who asked for a seat in your car, come back undelivered: their address does not work. They will not get your answer or news of the trip by email.
bounced-driver = Emails to { $name }, the driver of your ride, come back undelivered: their address does not work. They may not see your request or your messages.
bounced-call = Reach them by phone:
bounced-no-phone-passenger = They left no phone number: if you can reach them another way, tell them; otherwise you may refuse the request.
bounced-no-phone-driver = They left no phone number: you can look for another ride on the event page.
bounced-open-page = Open my trip page
bounced-open-page-label = Your trip page

# Routes and pickup times (a configured router).
route-pickup-time = Pickup time
route-dropoff-time = Drop-off time
route-moved-intro = The route of { $driver }’s ride changed (passengers joined or left), and with it the time at your stop.
route-request-over = With { $name } aboard, your detour would be { $detour }, more than your maximum of { $max } min.
