//! Items generated code relies on. Not public API: names and contents may
//! change in any release.

pub use serde;
pub use serde_json;

pub use crate::{
    __code_entry as code_entry, __error_object as error_object, __problem_entry as problem_entry,
    __status_entry as status_entry, __vocabulary as vocabulary,
};

use std::borrow::Cow;

/// A JSON object key, borrowed from the input when it can be.
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    /// The key as an owned string.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl core::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

pub use serde_json::value::RawValue;

/// The next map value's JSON text, as a member value.
pub fn raw<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
) -> Result<crate::model::Json<'static>, A::Error> {
    raw_boxed(map).map(Cow::Owned)
}

/// The next map value's JSON text.
pub fn raw_boxed<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
) -> Result<Box<RawValue>, A::Error> {
    map.next_value::<Box<RawValue>>()
}

/// `null`, as a member value.
pub fn null() -> crate::model::Json<'static> {
    Cow::Borrowed(RawValue::NULL)
}

/// A member type of a generated error object: how it is read from a map
/// and compared.
pub trait Member: Sized {
    /// The next map value, as a member every object carries.
    fn read<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
    /// The next map value, as an optional member: `None` for a `null`,
    /// which the object keeps among its undocumented members.
    fn read_optional<'de, A: serde::de::MapAccess<'de>>(
        map: &mut A,
    ) -> Result<Option<Self>, A::Error>;
    /// Whether two values are the same (JSON values by their text).
    fn same(&self, other: &Self) -> bool;
}

/// Typed members: read as themselves, compared with `==`.
macro_rules! typed_member {
    ($([$($generics:tt)*] $t:ty;)*) => {
        $(
            impl<$($generics)*> Member for $t {
                fn read<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
                    map.next_value::<Self>()
                }
                fn read_optional<'de, A: serde::de::MapAccess<'de>>(
                    map: &mut A,
                ) -> Result<Option<Self>, A::Error> {
                    map.next_value::<Option<Self>>()
                }
                fn same(&self, other: &Self) -> bool {
                    self == other
                }
            }
        )*
    };
}

typed_member! {
    [] String;
    [] i64;
    [T: crate::catalog::Vocabulary] crate::Term<T>;
    [P: crate::catalog::ProblemEntry] crate::ProblemUri<P>;
}

/// JSON members: kept as their text, `null` included.
impl Member for Box<RawValue> {
    fn read<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        raw_boxed(map)
    }
    fn read_optional<'de, A: serde::de::MapAccess<'de>>(
        map: &mut A,
    ) -> Result<Option<Self>, A::Error> {
        raw_boxed(map).map(Some)
    }
    fn same(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// Whether two optional members are the same.
pub fn same_option<T: Member>(a: &Option<T>, b: &Option<T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.same(b),
        (None, None) => true,
        _ => false,
    }
}
