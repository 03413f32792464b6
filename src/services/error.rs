//! What a use case answers when it does not succeed: the record is unknown, the input is
//! invalid (per field), the action was refused (a `Refusal`), or the database or a template
//! failed. Nothing here knows of HTTP: the web layer maps each to a status and a page or JSON.
use sea_orm::DbErr;

use crate::domain::{FieldErrors, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("email template error: {0}")]
    Template(#[from] askama::Error),
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused(r)
    }
}

impl From<FieldErrors> for Error {
    fn from(e: FieldErrors) -> Self {
        Error::Invalid(e)
    }
}

impl Error {
    /// The database cannot take the change now (full disk, I/O error, unreachable): nothing
    /// was saved, and trying again later may work.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Error::Db(e) if crate::db::is_unavailable(e))
    }
}

/// Every use case answers this.
pub type Result<T> = std::result::Result<T, Error>;
