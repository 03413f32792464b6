## The public pages: layout, home, forms, event and offer pages, confirmations.

skip-to-content = Skip to content
language = Language
tagline = Carpooling to your events
footer = covoit — no account needed; your contact details are never published.
home-title = Share the ride to your events
home-intro = A club, a school or a company publishes its event; drivers offer seats; passengers request a seat without an account; the driver accepts or refuses with one click from the email.
home-step-event = The organiser creates the event and shares its page (or embeds it on their site).
home-step-offer = A driver offers a ride there, back, or both.
home-step-request = A passenger requests one or more seats.
home-step-answer = The driver answers within 24 hours; everyone gets a reminder the day before.
create-event = Create an event
new-event-title = New event
event-name = Event name
venue = Venue
starts-at = Starts (local date and time)
timezone = Time zone
timezone-hint = Type a city or a zone (for example Paris or Europe/London) and pick it from the list.
organizer-name = Your name
organizer-email = Your email address
organizer-email-hint = To send you the event's links. It is never shown.
email-language = Language of your emails
form-has-errors = The form has errors:
lost-title = Email me my links
lost-intro = Lost the email with your link? Type your address: we send you one email with the links of your bookings, rides, places on a waiting list and events that are still going on.
lost-email = Your email address
lost-button = Email me my links
lost-sent = If this address has bookings, rides, places on a waiting list or events still going on, an email with their links is on its way.
lost-sent-more = It can take a few minutes; look in your spam folder too. For your privacy, this page says the same whatever the address.
lost-footer-link = Lost your link?
lost-created-hint = Lost that email? Have your links sent again.
optional = optional
event-created = Your event is published. Share this page with the participants.
share-this-page = Page address
embed-snippet = To embed booking on your own site, paste this code:
embed-title = Booking widget
# The title of the widget's frame on the organiser's site (read by screen readers).
widget-title = Carpooling: book a seat
embed-preview = Preview
when = When
where = Where
times-in-zone = Times shown in the time zone
rides-to = Rides to the event
rides-from = Rides back
no-rides = No ride offered yet.
offer-a-ride = Offer a ride
full = Full
cancelled-offer = Cancelled
departed = Departed
new-offer-title = Offer a ride
direction = Direction
to-event = To the event
from-event = Back from the event
place = Departure place (or destination for a ride back)
place-hint = A town, a district, a car park: not your exact address.
departure-place = Departure place
departs-at = Departure (local date and time)
seats-offered = Seats offered (1 to 8)
seats = Seats
notes = Notes
notes-hint = Luggage, pets, sharing the costs…
driver-name = Your name
your-email = Your email address
driver-email-hint = Requests are sent there. It is never shown.
your-phone = Your phone
driver-phone-hint = Given only to the passengers you accept.
return-trip = Ride back
return-trip-hint = Give a departure time to publish a ride back as well.
return-departs-at = Ride back departure (local date and time)
return-seats = Seats on the ride back
return-place = Ride back destination
publish-offer = Publish the ride
offer-published = Your ride is published.
driver = Driver
departure = Departure
destination = Destination
return-offer-link = See the ride back
outbound-offer-link = See the ride there
request-seats = Request a seat
booking-hint = Your request holds no seat until the driver accepts it. The driver has 24 hours to answer; the answer reaches you by email.
your-name = Your name
passenger-email-hint = To receive the answer. It is never shown.
passenger-phone-hint = Sent to the driver with your request.
seats-wanted = Number of seats
pickup = Pickup point
pickup-hint = Where the driver can pick you up (or drop you off).
message = Message to the driver
send-request = Send the request
request-sent-title = Request sent
request-sent-body = The driver has your request. No seat is held until they accept it; their answer will reach you by email.
answer-by = Answer expected before
back-to-event = Back to the event
other-rides = See the other rides
not-found-title = Page not found
not-found-body = This page does not exist, or no longer does. Check the link you received.
error-title = Something went wrong
server-error-body = Something went wrong on our side. If you were saving something, check your email before trying again.
unavailable-title = Temporarily unavailable
unavailable-write-body = We cannot save anything right now: your request was not saved. Please try again in a few minutes.
unavailable-read-body = This page cannot be shown right now. Please try again in a few minutes.
bad-request-body = The request was malformed.
too-large-body = What was sent is too large.
conflict-title = Request not possible
offer-cancelled-body = The driver has cancelled this ride.
departed-body = This ride has already left.
duplicate-body = You already have a pending or accepted request for this ride.
home = Home
honeypot = Leave this field empty
email-queued = The driver is told by email, and a confirmation is on its way to your address.
email-captured = Development mode: emails are not sent but kept at /dev/mail.
ack-suppressed = It is saved. We did not email you this time: this address received many messages from covoit in the last hour. Keep this link, it is your way back to this page:
open-private-page = Open my page

## The waiting list: the form, its confirmation, the event and offer pages.
need-a-ride = I need a ride
need-no-fit = No ride suits you? Join the waiting list
need-join-list = Join the waiting list
need-title = I need a ride
need-intro = No ride suits you yet? Say what you need: when seats free up on a ride that fits, or a driver invites you, you get an email with a link to take the seats.
need-place-hint = Your town or district: drivers see it to know who waits near their route.
need-earliest = Leave no earlier than
need-latest = Leave no later than
need-window-hint = Optional: only rides leaving between these times will be suggested to you.
need-email-hint = To tell you of seats. It is never shown.
need-phone-hint = Given only to a driver who takes you.
need-submit = Join the waiting list
need-created-title = You are on the waiting list
need-created-body = When seats free up on a ride that suits you, or a driver invites you, you will get an email with a link to take them.
need-email-queued = A confirmation with your private link is on its way to your address.
event-started-body = The event has started: the waiting list is closed.
duplicate-need-body = You are already on the waiting list for a ride in this direction.
booking-confirmed-title = Seat booked
booking-confirmed-body = This driver accepts requests automatically: your seat is booked. The driver's contact details are on their way to your address.
auto-accept = Accept requests automatically
auto-accept-hint = A request that fits is confirmed at once, without waiting for your answer; you are told by email.

## Confirmations and error summaries that tell a newcomer where they are.
offer-published-public = This is your ride's public page: passengers find it on the event page and request their seats here.
offer-published-manage = To answer requests, change or cancel your ride, use the private link we have just emailed you. Keep that email: it is your way back to your ride.
offer-published-form-is-for-passengers = This form is for your passengers: you have nothing to fill in here.
# One line of the error summary: the field's label, then what is wrong with it.
error-summary-item = { $field }: { $message }
event-created-link-emailed = We have emailed you your private organiser link: it shows the rides and the requests. Keep that email: it is your way back to this event.
home-role-organiser = Organiser
home-role-organiser-body = Create your event's page in a minute, share it or embed it on your site, and follow every ride and request.
home-role-driver = Driver
home-role-driver-body = Offer your free seats from the event's page, and accept or refuse each request with one click from your email.
home-role-passenger = Passenger
home-role-passenger-body = Choose a ride on the event's page and request a seat, without an account; the answer reaches you by email.
book-return-too = Also request the same seats on the ride back ({ $when })
book-return-sent = Your request for the ride back ({ $when }) is sent as well; the driver answers each one.
book-return-not-sent = Your request for the ride back ({ $when }) could not be sent: it may be full, or you have already asked for it.

# Places: near me (issue 16)
near-legend = Rides near you
near-label = Your town, postcode or coordinates
near-hint = Rides are sorted by the distance of their departure (or their destination for a ride back).
radius-label = Within
radius-any = any distance
radius-km = { $km } km
near-submit = Sort by distance
near-sorted = Rides sorted from nearest to farthest from "{ $place }".
distance-km = { $km } km away
distance-under-1-km = less than 1 km away

# Places: the schematic map (issue 16)
map-heading = Map of the rides
map-title = Schematic map of the rides
map-desc = The event's venue in the middle; around it, the towns that rides leave from (or head to), in their true direction and at a distance to scale. Positions are approximate.
map-town = { $town }: { $distance }, { $rides ->
    [one] 1 ride
   *[other] { $rides } rides
}
map-unplaced = { $count ->
    [one] 1 ride whose place is unknown is not on the map.
   *[other] { $count } rides whose place is unknown are not on the map.
}
compass-n = to the north
compass-ne = to the north-east
compass-e = to the east
compass-se = to the south-east
compass-s = to the south
compass-sw = to the south-west
compass-w = to the west
compass-nw = to the north-west

# Routes: the driver's detour and its maximum (a configured router).
route-detour = Your detour for the pickups
route-max-detour = Your maximum detour
route-minutes = { $count } min
route-detour-with = Your detour with this passenger
route-over-max = beyond your maximum
max-detour = Maximum detour (minutes)
max-detour-hint = Optional. Requests whose pickup would take you further out of your way are flagged.
contribution-label = Suggested contribution
contribution-value = about { $amount } ({ $km } km × { $rate }/km)
# The API page (/api/docs).
api-docs-title = covoit API
api-docs-missing = The API page needs Swagger UI, which is not installed on this server. The operator installs it from the covoit folder with
