//! The parts of emails about a series: its dates (event created) and the other dates a ride
//! was repeated on (ride published).

/// One date of a series, as an email lists it.
#[derive(Debug, Clone)]
pub struct SeriesDate {
    pub when: String,
    pub url: String,
}

/// One more date a ride was repeated on: the date and that ride's management link.
#[derive(Debug, Clone)]
pub struct RepeatLine {
    pub when: String,
    pub manage_url: String,
}
