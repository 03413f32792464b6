//! The six languages: the catalogue is complete and consistent, every page and email speaks the
//! reader's language (and only it), and emailed links open in the email's language.
mod catalogue;
mod pages;
