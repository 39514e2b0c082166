//! The format-independent model of error bodies: what every wire format
//! reads into and writes from.
//!
//! - [`V1Error`]: a v1.1 code with its message, as JSON, JSONP and XML
//!   carry it;
//! - [`Legacy`]: the pre-2012 `request` and `error` pair, in JSON and XML;
//! - [`Problem`]: a v2 error object;
//! - [`Members`]: the members of an object (or an element's attributes) that
//!   the model does not type, kept in order as their exact JSON text.
//!
//! The bodies themselves, which differ by format, live with their codecs in
//! [`codec`](crate::codec).

use std::borrow::Cow;

pub mod members;
mod problem;
mod v1;

pub use members::{Json, Members};
pub use problem::Problem;
pub(crate) use v1::Placed;
pub use v1::{CodeSent, Legacy, V1Error};

/// A layout detail of the input (member order, slash escaping) that
/// encoding reproduces. It is not part of a value's equality: two bodies
/// that differ only in layout are equal.
#[derive(Clone, Copy, Default)]
pub(crate) struct Hint<T>(pub(crate) T);

impl<T> PartialEq for Hint<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T: core::fmt::Debug> core::fmt::Debug for Hint<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

/// A string detached from the input it borrowed.
pub(crate) fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

/// The next member to write when typed members are placed among untyped
/// ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// The typed member with this id.
    Typed(u8),
    /// The untyped member at this index.
    Extra(usize),
}

/// The order in which to write `extra` untyped members and the typed ones
/// placed at `typed` positions (position, id), each position counting every
/// member. Positions past the end put a typed member after the others.
pub(crate) fn interleave<const N: usize>(
    mut typed: [(usize, u8); N],
    extra: usize,
) -> impl Iterator<Item = Next> {
    typed.sort_unstable();
    let (mut t, mut e) = (0, 0);
    std::iter::from_fn(move || {
        if t < N && (typed[t].0 <= t + e || e == extra) {
            t += 1;
            Some(Next::Typed(typed[t - 1].1))
        } else if e < extra {
            e += 1;
            Some(Next::Extra(e - 1))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_members_go_where_they_came() {
        let order: Vec<Next> = interleave([(1, 7), (3, 9)], 3).collect();
        assert_eq!(
            order,
            [
                Next::Extra(0),
                Next::Typed(7),
                Next::Extra(1),
                Next::Typed(9),
                Next::Extra(2)
            ]
        );
        let order: Vec<Next> = interleave([(usize::MAX, 1), (0, 2)], 1).collect();
        assert_eq!(order, [Next::Typed(2), Next::Extra(0), Next::Typed(1)]);
        assert_eq!(
            interleave([(5, 1)], 0).collect::<Vec<_>>(),
            [Next::Typed(1)]
        );
    }
}
