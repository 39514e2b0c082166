//! Items generated code relies on. Not public API: names and contents may
//! change in any release.

pub use serde;
pub use serde_json;

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

/// Whether two byte strings are equal, in a `const fn`: the generated
/// name, slug and value lookups are `const fn`s, and `==` on slices cannot
/// be called there.
#[inline]
pub const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

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
