//! The methods and trait impls of the generated enums, written once here
//! for every catalog: generated code defines each enum with its docs and
//! its tables (the `TABLE` constant of its catalog trait), then invokes
//! one of these macros, as `http` builds its status codes from one table
//! and one macro. Not public API: reached through `__private`, and may
//! change in any release.

/// Accessors every kind of catalog entry has, reading its `info()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __entry_accessors {
    () => {
        /// The stable identifier from the spec.
        #[must_use]
        #[inline]
        pub const fn name(self) -> &'static str {
            self.info().name
        }
        /// What it means.
        #[must_use]
        #[inline]
        pub const fn description(self) -> &'static str {
            self.info().description
        }
        /// When retrying helps.
        #[must_use]
        #[inline]
        pub const fn retry(self) -> $crate::catalog::Retry {
            self.info().retry
        }
        /// How to wait before retrying, when the catalog names a policy.
        #[must_use]
        #[inline]
        pub const fn policy(self) -> ::core::option::Option<&'static $crate::catalog::PolicyInfo> {
            self.info().policy
        }
        /// API families that served it.
        #[must_use]
        #[inline]
        pub const fn apis(self) -> &'static [$crate::catalog::Api] {
            self.info().apis
        }
        /// Why it was retired, when it was.
        #[must_use]
        #[inline]
        pub const fn deprecated(self) -> ::core::option::Option<&'static str> {
            self.info().deprecated
        }
    };
}

/// `Display`, `FromStr` and serde for a catalog enum. `$display` and
/// `$parse` are closures; `$ser` and `$de` say how serde writes and reads
/// it (`number u16`, `number u32` or `text`).
#[doc(hidden)]
#[macro_export]
macro_rules! __entry_traits {
    ($ty:ident, $kind:literal, display $display:expr, parse $parse:expr, serde number $num:ident) => {
        $crate::__entry_traits!(@common $ty, $kind, $display, $parse);

        #[allow(deprecated)]
        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&<$num>::from(*self), s)
            }
        }

        #[allow(deprecated)]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let n = <$num as $crate::__private::serde::Deserialize>::deserialize(d)?;
                <Self as ::core::convert::TryFrom<$num>>::try_from(n).map_err(|_| {
                    <D::Error as $crate::__private::serde::de::Error>::custom(
                        ::core::format_args!("unknown {} {n}", $kind),
                    )
                })
            }
        }
    };
    ($ty:ident, $kind:literal, display $display:expr, parse $parse:expr, serde text $text:expr, $from:expr) => {
        $crate::__entry_traits!(@common $ty, $kind, $display, $parse);

        #[allow(deprecated)]
        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let text: fn(&$ty) -> &'static str = $text;
                s.serialize_str(text(self))
            }
        }

        #[allow(deprecated)]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(d)?;
                let from: fn(&str) -> ::core::option::Option<$ty> = $from;
                from(&s).ok_or_else(|| {
                    <D::Error as $crate::__private::serde::de::Error>::custom(
                        ::core::format_args!("unknown {} {s:?}", $kind),
                    )
                })
            }
        }
    };
    (@common $ty:ident, $kind:literal, $display:expr, $parse:expr) => {
        #[allow(deprecated)]
        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let display: fn(&$ty, &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result =
                    $display;
                display(self, f)
            }
        }

        // The error type is named, not `Self::Err`: a variant named `Err`
        // would make that path ambiguous.
        #[allow(deprecated)]
        impl ::core::str::FromStr for $ty {
            type Err = $crate::catalog::ParseError;
            #[inline]
            fn from_str(s: &str) -> ::core::result::Result<Self, $crate::catalog::ParseError> {
                let parse: fn(&str) -> ::core::option::Option<$ty> = $parse;
                parse(s.trim()).ok_or($crate::catalog::ParseError::new($kind))
            }
        }
    };
}

/// The methods and trait impls of a generated HTTP status enum, whose
/// `StatusEntry` impl holds its data.
#[doc(hidden)]
#[macro_export]
macro_rules! __status_entry {
    ($ty:ident) => {
        #[allow(deprecated)]
        impl $ty {
            /// Every status in the catalog, in ascending order.
            pub const ALL: &'static [Self] = <Self as $crate::catalog::StatusEntry>::ALL;

            /// Its catalog data.
            #[must_use]
            #[inline]
            pub const fn info(self) -> &'static $crate::catalog::StatusInfo {
                &<Self as $crate::catalog::StatusEntry>::TABLE.info[self as usize]
            }
            /// The entry for a status code, if the catalog has one.
            #[must_use]
            #[inline]
            pub const fn from_u16(status: u16) -> ::core::option::Option<Self> {
                match <Self as $crate::catalog::StatusEntry>::TABLE
                    .by_number
                    .get(status as u32)
                {
                    ::core::option::Option::Some(i) => ::core::option::Option::Some(Self::ALL[i]),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            }
            /// The entry with this stable identifier (`not_found`).
            #[must_use]
            #[inline]
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                <Self as $crate::catalog::StatusEntry>::TABLE
                    .by_name
                    .get(name.as_bytes())
                    .copied()
            }
            /// The status code.
            #[must_use]
            #[inline]
            pub const fn as_u16(self) -> u16 {
                self.info().status
            }
            /// The reason phrase the API documented.
            #[must_use]
            #[inline]
            pub const fn text(self) -> &'static str {
                self.info().text
            }
            /// Other reason phrases it documented.
            #[must_use]
            #[inline]
            pub const fn aliases(self) -> &'static [&'static str] {
                self.info().aliases
            }
            /// Whether it is a 4xx or 5xx status.
            #[must_use]
            #[inline]
            pub const fn is_error(self) -> bool {
                self.as_u16() >= 400
            }
            $crate::__entry_accessors!();
        }

        #[allow(deprecated)]
        impl ::core::convert::From<$ty> for u16 {
            #[inline]
            fn from(s: $ty) -> Self {
                s.as_u16()
            }
        }

        #[allow(deprecated)]
        impl ::core::convert::TryFrom<u16> for $ty {
            type Error = $crate::catalog::ParseError;
            #[inline]
            fn try_from(n: u16) -> ::core::result::Result<Self, $crate::catalog::ParseError> {
                Self::from_u16(n).ok_or($crate::catalog::ParseError::new("HTTP status"))
            }
        }

        #[allow(deprecated)]
        impl ::core::cmp::PartialEq<u16> for $ty {
            #[inline]
            fn eq(&self, other: &u16) -> bool {
                self.as_u16() == *other
            }
        }

        #[allow(deprecated)]
        impl ::core::cmp::PartialEq<$ty> for u16 {
            #[inline]
            fn eq(&self, other: &$ty) -> bool {
                *self == other.as_u16()
            }
        }

        $crate::__entry_traits!(
            $ty,
            "HTTP status",
            display |s, f| ::core::write!(f, "{} {}", s.as_u16(), s.text()),
            parse |s| match s.parse::<u16>() {
                ::core::result::Result::Ok(n) => Self::from_u16(n),
                ::core::result::Result::Err(_) => Self::from_name(s),
            },
            serde number u16
        );
    };
}

/// The methods and trait impls of a generated v1.1 error code enum, whose
/// `CodeEntry` impl holds its data.
#[doc(hidden)]
#[macro_export]
macro_rules! __code_entry {
    ($ty:ident, $status:ident) => {
        #[allow(deprecated)]
        impl $ty {
            /// Every code in the catalog, in ascending order.
            pub const ALL: &'static [Self] = <Self as $crate::catalog::CodeEntry>::ALL;

            /// Its catalog data.
            #[must_use]
            #[inline]
            pub const fn info(self) -> &'static $crate::catalog::CodeInfo<$status> {
                &<Self as $crate::catalog::CodeEntry>::TABLE.info[self as usize]
            }
            /// The entry for a numeric code, if the catalog has one.
            #[must_use]
            #[inline]
            pub const fn from_code(code: u32) -> ::core::option::Option<Self> {
                match <Self as $crate::catalog::CodeEntry>::TABLE.by_number.get(code) {
                    ::core::option::Option::Some(i) => ::core::option::Option::Some(Self::ALL[i]),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            }
            /// The entry with this stable identifier (`rate_limit_exceeded`).
            #[must_use]
            #[inline]
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                <Self as $crate::catalog::CodeEntry>::TABLE
                    .by_name
                    .get(name.as_bytes())
                    .copied()
            }
            /// The best entry for a message text: one whose message, alias or
            /// template matches it, exactly or forgivingly (case, a final
            /// period, surrounding space, apostrophes, `http`/`https` and
            /// `support.`/`help.` in links). Where several codes share a
            /// text, the first of [`match_message`](Self::match_message) is
            /// returned: prefer the code whenever the body has one.
            #[must_use]
            #[inline]
            pub fn from_message(message: &str) -> ::core::option::Option<Self> {
                $crate::text::code_for::<Self>(message)
            }
            /// Every entry a message text matches, best first, with how it
            /// matched, the meaning it belongs to and what a template
            /// captured; with a `status`, those that come with it first.
            #[must_use]
            pub fn match_message(
                message: &str,
                status: ::core::option::Option<u16>,
            ) -> ::std::vec::Vec<$crate::text::TextMatch<'_, Self>> {
                $crate::text::match_message::<Self>(message, status)
            }
            /// The numeric code.
            #[must_use]
            #[inline]
            pub const fn code(self) -> u32 {
                self.info().code
            }
            /// The API's current message text.
            #[must_use]
            #[inline]
            pub const fn message(self) -> &'static str {
                self.info().message
            }
            /// Earlier or alternative message texts.
            #[must_use]
            #[inline]
            pub const fn aliases(self) -> &'static [&'static str] {
                self.info().aliases
            }
            /// Texts the API fills in, with `{name}` placeholders.
            #[must_use]
            #[inline]
            pub const fn templates(self) -> &'static [&'static str] {
                self.info().templates
            }
            /// Other meanings it has had, each with its era and texts.
            #[must_use]
            #[inline]
            pub const fn meanings(self) -> &'static [$crate::catalog::MeaningInfo<$status>] {
                self.info().meanings
            }
            /// The HTTP status it comes with, when known.
            #[must_use]
            #[inline]
            pub const fn status(self) -> ::core::option::Option<$status> {
                self.info().status
            }
            /// Other statuses it has been seen with.
            #[must_use]
            #[inline]
            pub const fn other_statuses(self) -> &'static [$status] {
                self.info().other_statuses
            }
            /// How well it is attested.
            #[must_use]
            #[inline]
            pub const fn evidence(self) -> $crate::catalog::Evidence {
                self.info().evidence
            }
            $crate::__entry_accessors!();
        }

        #[allow(deprecated)]
        impl ::core::convert::From<$ty> for u32 {
            #[inline]
            fn from(c: $ty) -> Self {
                c.code()
            }
        }

        #[allow(deprecated)]
        impl ::core::convert::TryFrom<u32> for $ty {
            type Error = $crate::catalog::ParseError;
            #[inline]
            fn try_from(n: u32) -> ::core::result::Result<Self, $crate::catalog::ParseError> {
                Self::from_code(n).ok_or($crate::catalog::ParseError::new("error code"))
            }
        }

        #[allow(deprecated)]
        impl ::core::cmp::PartialEq<u32> for $ty {
            #[inline]
            fn eq(&self, other: &u32) -> bool {
                self.code() == *other
            }
        }

        #[allow(deprecated)]
        impl ::core::cmp::PartialEq<$ty> for u32 {
            #[inline]
            fn eq(&self, other: &$ty) -> bool {
                *self == other.code()
            }
        }

        $crate::__entry_traits!(
            $ty,
            "error code",
            display |c, f| ::core::write!(f, "{} {}", c.code(), c.message()),
            parse |s| match s.parse::<u32>() {
                ::core::result::Result::Ok(n) => Self::from_code(n),
                ::core::result::Result::Err(_) => Self::from_name(s),
            },
            serde number u32
        );
    };
}

/// The methods and trait impls of a generated v2 problem type enum, whose
/// `ProblemEntry` impl holds its data.
#[doc(hidden)]
#[macro_export]
macro_rules! __problem_entry {
    ($ty:ident, $status:ident) => {
        #[allow(deprecated)]
        impl $ty {
            /// Every problem type in the catalog, ordered by URI.
            pub const ALL: &'static [Self] = <Self as $crate::catalog::ProblemEntry>::ALL;
            /// URI prefixes under which problem types have been served.
            pub const HOSTS: &'static [&'static str] =
                <Self as $crate::catalog::ProblemEntry>::TABLE.hosts;
            /// The prefix encoders write problem types under unless told
            /// otherwise: the host live responses use today.
            pub const DEFAULT_HOST: &'static str =
                <Self as $crate::catalog::ProblemEntry>::TABLE.default_host;

            /// Its catalog data.
            #[must_use]
            #[inline]
            pub const fn info(self) -> &'static $crate::catalog::ProblemInfo<$status> {
                &<Self as $crate::catalog::ProblemEntry>::TABLE.info[self as usize]
            }
            /// The entry for a `type` URI under any known host
            /// (`https://api.x.com/2/problems/invalid-request` and the
            /// `api.twitter.com` and Labs forms give the same entry).
            #[must_use]
            #[inline]
            pub fn from_uri(uri: &str) -> ::core::option::Option<Self> {
                <Self as $crate::catalog::ProblemEntry>::from_uri(uri)
            }
            /// The entry whose URI ends in `slug` (`invalid-request`).
            #[must_use]
            #[inline]
            pub fn from_slug(slug: &str) -> ::core::option::Option<Self> {
                <Self as $crate::catalog::ProblemEntry>::TABLE
                    .by_slug
                    .get(slug.as_bytes())
                    .copied()
            }
            /// The entry with this stable identifier (`invalid_request`).
            #[must_use]
            #[inline]
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                <Self as $crate::catalog::ProblemEntry>::TABLE
                    .by_name
                    .get(name.as_bytes())
                    .copied()
            }
            /// The canonical `type` URI.
            #[must_use]
            #[inline]
            pub const fn uri(self) -> &'static str {
                self.info().uri
            }
            /// The `title` the API sends, or `None` when no title for it was
            /// ever published (encoders then write its status's reason
            /// phrase, [`ProblemInfo::title`]($crate::catalog::ProblemInfo::title)).
            #[must_use]
            #[inline]
            pub const fn title(self) -> ::core::option::Option<&'static str> {
                if self.info().untitled {
                    ::core::option::Option::None
                } else {
                    ::core::option::Option::Some(self.info().title)
                }
            }
            /// Its `type` URI under `prefix`, such as
            /// `https://api.twitter.com/2/problems/`;
            /// [`DEFAULT_HOST`](Self::DEFAULT_HOST) is today's live host.
            /// `about:blank` stays as it is.
            #[must_use]
            pub fn uri_on(self, prefix: &str) -> ::std::borrow::Cow<'static, str> {
                <Self as $crate::catalog::ProblemEntry>::uri_on(self, prefix)
            }
            /// Other titles seen or documented.
            #[must_use]
            #[inline]
            pub const fn aliases(self) -> &'static [&'static str] {
                self.info().aliases
            }
            /// The HTTP status it comes with, when documented.
            #[must_use]
            #[inline]
            pub const fn status(self) -> ::core::option::Option<$status> {
                self.info().status
            }
            $crate::__entry_accessors!();
        }

        $crate::__entry_traits!(
            $ty,
            "problem type",
            display |p, f| f.write_str(p.uri()),
            parse |s| Self::from_uri(s)
                .or_else(|| Self::from_slug(s))
                .or_else(|| Self::from_name(s)),
            serde text |p| p.uri(), Self::from_uri
        );
    };
}

/// The methods and trait impls of a generated vocabulary enum, whose
/// `Vocabulary` impl holds its data.
#[doc(hidden)]
#[macro_export]
macro_rules! __vocabulary {
    ($ty:ident) => {
        impl $ty {
            /// Every documented value.
            pub const ALL: &'static [Self] = <Self as $crate::catalog::Vocabulary>::ALL;

            /// Its catalog data.
            #[must_use]
            #[inline]
            pub const fn info(self) -> &'static $crate::catalog::ValueInfo {
                &<Self as $crate::catalog::Vocabulary>::TABLE.info[self as usize]
            }
            /// The value for this literal, if documented.
            #[must_use]
            #[inline]
            pub fn from_wire(value: &str) -> ::core::option::Option<Self> {
                <Self as $crate::catalog::Vocabulary>::TABLE
                    .by_wire
                    .get(value.as_bytes())
                    .copied()
            }
            /// The literal on the wire.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.info().value
            }
            /// The stable identifier from the spec.
            #[must_use]
            #[inline]
            pub const fn name(self) -> &'static str {
                self.info().name
            }
            /// What it means.
            #[must_use]
            #[inline]
            pub const fn description(self) -> &'static str {
                self.info().description
            }
        }

        $crate::__entry_traits!(
            $ty,
            "vocabulary value",
            display |v, f| f.write_str(v.as_str()),
            parse Self::from_wire,
            serde text |v| v.as_str(), Self::from_wire
        );
    };
}

/// The impls of a generated v2 error object: equality (JSON values
/// compared by their text), `new` with the members every object carries,
/// serde (a repeated or `null` member kept in `extra`, as an undocumented
/// one would be), and `ObjectEntry`. `values` names the vocabulary members
/// whose values say more about retrying than the problem type.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_object {
    (
        $ty:ident, $problem:ident,
        required { $($req:ident: $req_ty:ty = $req_wire:literal,)* }
        optional { $($opt:ident: $opt_ty:ty = $opt_wire:literal,)* }
        values { $($vwire:literal => $vty:ident,)* }
    ) => {
        impl ::core::cmp::PartialEq for $ty {
            /// Equal when every member is, JSON values compared by their text.
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                use $crate::__private::Member as _;
                $(self.$req.same(&other.$req) &&)*
                $($crate::__private::same_option(&self.$opt, &other.$opt) &&)*
                self.extra == other.extra
            }
        }

        impl $ty {
            /// An error object with the members that are always present:
            $(#[doc = ::core::concat!(" * `", $req_wire, "`")])*
            #[must_use]
            #[inline]
            pub const fn new($($req: $req_ty),*) -> Self {
                Self {
                    $($req,)*
                    $($opt: ::core::option::Option::None,)*
                    extra: $crate::Members::new(),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__private::serde::ser::SerializeMap as _;
                let len = self.extra.len()
                    $(+ { let _ = $req_wire; 1 })*
                    $(+ usize::from(self.$opt.is_some()))*;
                let mut m = s.serialize_map(::core::option::Option::Some(len))?;
                $(m.serialize_entry($req_wire, &self.$req)?;)*
                $(
                    if let ::core::option::Option::Some(v) = &self.$opt {
                        m.serialize_entry($opt_wire, v)?;
                    }
                )*
                for (k, v) in self.extra.iter() {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for Visitor {
                    type Value = $ty;
                    #[inline]
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("a v2 error object")
                    }
                    #[inline]
                    fn visit_map<A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::core::result::Result<$ty, A::Error> {
                        use $crate::__private::Member as _;
                        $(let mut $req: ::core::option::Option<$req_ty> = ::core::option::Option::None;)*
                        $(let mut $opt: ::core::option::Option<$opt_ty> = ::core::option::Option::None;)*
                        let mut extra = $crate::Members::new();
                        while let ::core::option::Option::Some(key) =
                            map.next_key::<$crate::__private::Key<'de>>()?
                        {
                            match &*key {
                                $(
                                    // A repeat is kept as an undocumented member
                                    // would be: the first is the typed one.
                                    $req_wire if $req.is_none() => {
                                        $req = ::core::option::Option::Some(<$req_ty>::read(&mut map)?);
                                    }
                                )*
                                $(
                                    $opt_wire if $opt.is_none() => match <$opt_ty>::read_optional(&mut map)? {
                                        ::core::option::Option::Some(v) => $opt = ::core::option::Option::Some(v),
                                        // An explicit `null` is kept, so that
                                        // encoding writes it back as it came.
                                        ::core::option::Option::None => extra.push($opt_wire, $crate::__private::null()),
                                    },
                                )*
                                _ => extra.push(key.into_owned(), $crate::__private::raw(&mut map)?),
                            }
                        }
                        ::core::result::Result::Ok($ty {
                            $(
                                $req: $req.ok_or_else(|| {
                                    <A::Error as $crate::__private::serde::de::Error>::missing_field($req_wire)
                                })?,
                            )*
                            $($opt,)*
                            extra,
                        })
                    }
                }
                d.deserialize_map(Visitor)
            }
        }

        impl $crate::catalog::ObjectEntry for $ty {
            type Problem = $problem;
            const MEMBERS: &'static [&'static str] = &[$($req_wire,)* $($opt_wire,)*];
            const REQUIRED: &'static [&'static str] = &[$($req_wire,)*];
            #[inline]
            fn value_retry(
                member: &str,
                value: &str,
            ) -> ::core::option::Option<(
                $crate::catalog::Retry,
                ::core::option::Option<&'static $crate::catalog::PolicyInfo>,
            )> {
                let _ = value;
                match member {
                    $(
                        $vwire => $vty::from_wire(value).and_then(|v| {
                            let info = v.info();
                            info.retry.map(|r| (r, info.policy))
                        }),
                    )*
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
}
