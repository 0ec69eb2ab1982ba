//! The macro that turns the table of codes in `codes.rs` into the `Code` enum: one row per code
//! names its variant, its spelling, where a client meets it and the HTTP status it decides, so
//! nothing about a code is written twice.

/// Defines `Code` from rows `/// meaning` `Variant = "SPELLING", in [Place, …] (, status NAME)?;`.
macro_rules! define_codes {
    (@status) => { None };
    (@status $status:ident) => { Some(::axum::http::StatusCode::$status) };
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = $spelling:literal, in [$($place:ident),+] $(, status $status:ident)?;
    )+) => {
        /// Every stable code a client can meet: in `extensions.code` of an error, in
        /// `userErrors.code` of a payload, or in `extensions.reason` beside a code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The stable spelling clients see.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $spelling,)+
                }
            }

            /// Where a client meets this code.
            pub const fn places(self) -> &'static [Place] {
                match self {
                    $(Code::$variant => &[$(Place::$place),+],)+
                }
            }

            /// The HTTP status of a response this code refuses as a whole, before any GraphQL
            /// runs; `None` where the status does not depend on the code (200, or 400 with
            /// `application/graphql-response+json` for a request refused before execution).
            pub fn status(self) -> Option<::axum::http::StatusCode> {
                match self {
                    $(Code::$variant => define_codes!(@status $($status)?),)+
                }
            }
        }
    };
}

pub(crate) use define_codes;
