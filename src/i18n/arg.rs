//! The values given to messages.

/// A value given to a message: text or a number (numbers pick plural forms).
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&&String> for Arg {
    fn from(s: &&String) -> Arg {
        Arg::Text((*s).clone())
    }
}
impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Text((*s).to_owned())
    }
}
macro_rules! number_args {
    ($($t:ty),+) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::Number(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
        impl From<&&$t> for Arg {
            fn from(n: &&$t) -> Arg {
                Arg::Number(i64::try_from(**n).unwrap_or(i64::MAX))
            }
        })+
    };
}
number_args!(i32, i64, u32, u64, usize);
