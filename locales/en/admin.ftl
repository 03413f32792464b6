## The operators' pages (/admin, /dev/mail), the CSV headers and the figures.

## Figures.
# A share: "12.5%". $value has the language's decimal separator.
percent = { $value }%
decimal-separator = .
# A figure that cannot be computed yet.
no-figure = —

## Operator sign-in.
login-title = Operator sign-in
login-failed = This token is not the admin token.
login-token = Admin token
login-button = Sign in

## The operations page.
admin-title = Operations
admin-sign-out = Sign out
admin-retried = The email is queued again.
admin-totals = Totals
admin-events = Events
admin-open-offers = Open offers
admin-seats = Seats offered / taken
admin-requests = Requests
admin-pending = Pending
admin-confirmed = Confirmed
admin-refused = Refused
admin-expired = Expired
admin-cancelled = Cancelled
admin-acceptance = Acceptance rate
admin-median = Median time to the driver's answer
admin-expired-share = Share expired
admin-emails-today = Emails today (UTC)
admin-none = None.
admin-failed-emails = Failed emails
admin-kind = Kind
admin-queued = Queued
admin-tries = Tries
admin-error = Error
admin-retry = Retry
admin-find = Find a request
admin-request-id = Request number
admin-find-button = Find
admin-no-request = No request #{ $id }.
admin-request = Request
admin-state = State
admin-seats-col = Seats
admin-passenger = Passenger
admin-made = Made
admin-expires = Expires
admin-answered = Answered
admin-offer = Offer
admin-event = Event
admin-offers = Offers
admin-seats-taken = Seats (taken)
admin-accepted = Accepted
admin-median-answer = Median answer
# One line of the emails of the day: "sent: 12".
admin-email-state = { $state }: { $count }
email-state-queued = queued
email-state-sending = sending
email-state-sent = sent
email-state-failed = failed
email-state-captured = captured
email-state-bounced = bounced
email-state-suppressed = not sent (address bounces)

## Captured emails (development).
devmail-title = Captured emails
devmail-mode = covoit dev mode
devmail-hint = Dev mode: no SMTP relay is used, so emails are stored here instead of being sent. Newest first.
devmail-empty = No email yet. Create an event, offer a ride or book a seat.
devmail-to = To
devmail-all = All captured emails
devmail-reply-to = Reply-To
devmail-kind = Kind
devmail-kind-line = { $kind } (record { $record }, version { $version })
devmail-language = Language
devmail-html = HTML part
devmail-text = Text part
devmail-links = Links

## The organiser's CSV: column headers and values.
csv-ride = ride
csv-direction = direction
csv-departure = departure
csv-place = place
csv-status = status
csv-seats-offered = seats offered
csv-seats-taken = seats taken
csv-driver = driver
csv-passenger = passenger
csv-passenger-seats = passenger seat (n/total)
csv-pickup = pickup
csv-to-event = to the event
csv-from-event = back from the event
csv-open = open
csv-cancelled = cancelled

## The waiting list's figures.
admin-needs = Waiting list
admin-needs-waiting = Waiting
admin-needs-matched = Seat found
admin-needs-withdrawn = Withdrawn
admin-needs-lapsed = Ended unmatched
admin-matched-share = Share that found a seat
admin-time-to-match = Median time to a seat

# Bounces.
admin-bounces = Bounces
admin-bounces-hard = Hard bounces (30 days)
admin-bounces-soft = Soft bounces (30 days)
admin-suppressed = Addresses not mailed now
admin-address = Address
admin-bounced-at = Bounced
admin-until = Not mailed until
admin-hits = Hard bounces
admin-reason = Reason
admin-lift = Mail again
admin-recent-bounces = Latest bounces
admin-received = Received
admin-status-code = Status
admin-bounce-hard = hard
admin-bounce-soft = soft
admin-lifted = The address will be mailed again.
