//! The lookup tables generated catalogs are made of, and the one search
//! function each: generated code is data, and the code that reads it is
//! written once, here.
//!
//! - [`Table`]: string keys (names, slugs, wire values, message texts)
//!   with a value each, and a hash index of them. A lookup hashes the key
//!   from its length and its first and last eight bytes (no loop over the
//!   key), goes to the slot, and compares the key it finds there: its
//!   first and last eight bytes and its length, kept in the slot, which
//!   for a key of up to sixteen bytes is the whole key, then the middle. The `match` on the key's length the generator wrote before, a
//!   comparison of each key of that length after it, was as fast only
//!   because the compiler turned every key into code: most of the
//!   runtime crate's LLVM IR and of a dependent's build.
//! - [`NumIndex`]: the entries by number (a status, a code): a byte per
//!   number up to the largest when the numbers are few and small, as the
//!   catalog's are, or else the numbers in order, searched by bisection.
//!
//! The tables are `const` data. The parts derived from others are computed
//! by the compiler, in `const fn`s ([`slots`], [`dense_index`],
//! [`sorted_numbers`]), so that the generated file holds each fact once.
//! That evaluation is linear in the size of the catalog's keys; for a
//! large catalog (10,000 codes) it runs past the step count at which the
//! compiler's `long_running_const_eval` lint stops the build, so the
//! generated tables allow that lint.
//! The generator writes the keys in order; the workspace's catalog test
//! checks that every table of the bundled catalog is, and finds every key.
//!
//! The hash index is an open-addressing table at most half full, with
//! linear probing, built when the constant is evaluated: its slots never
//! change, so a lookup's probes are bounded by the longest run of full
//! slots the catalog's keys made, whatever key is looked up.

use core::cmp::Ordering;

/// A full slot of a [`Table`]'s hash index: a key's first and last eight
/// bytes, its length, where it first is (one more, in the low 24 bits) and
/// how many times (the high 8), and its first value.
pub type Slot<V> = Option<(u64, u64, u32, u32, V)>;

/// String keys with a value each, sorted by length, then bytes (equal keys
/// adjacent, their values in order), and a hash index of them.
#[derive(Debug)]
pub struct Table<V: 'static> {
    keys: &'static [&'static str],
    values: &'static [V],
    /// A power of two of slots, at most half of them full, each a key:
    /// its first and last eight bytes (zero-padded, the first twice when
    /// it is no longer), its length, where it first is and how many times,
    /// and its first value. A probe compares the words and the length,
    /// which for a key of up to sixteen bytes is the whole key, before it
    /// reads the key itself, and finds the value in the slot.
    slots: &'static [Slot<V>],
}

impl<V> Clone for Table<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V> Copy for Table<V> {}

/// `a` against `b` by length, then bytes: the order of a [`Table`]'s keys.
const fn compare(a: &[u8], b: &[u8]) -> Ordering {
    if a.len() != b.len() {
        return if a.len() < b.len() {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        i += 1;
    }
    Ordering::Equal
}

impl<V> Table<V> {
    /// A table of `keys` (sorted by length, then bytes; a key may repeat,
    /// its values then adjacent) and their `values`, with `slots` computed
    /// from the keys by [`slots`]. A table without as many values as keys
    /// is refused when the constant is evaluated: a compile error.
    pub const fn new(
        keys: &'static [&'static str],
        values: &'static [V],
        slots: &'static [Slot<V>],
    ) -> Self {
        assert!(keys.len() == values.len(), "one value per key");
        assert!(slots.len().is_power_of_two(), "slots made by `slots`");
        Table {
            keys,
            values,
            slots,
        }
    }

    /// The keys, in order.
    pub const fn keys(&self) -> &'static [&'static str] {
        self.keys
    }

    /// The values, in the order of the keys.
    pub const fn values(&self) -> &'static [V] {
        self.values
    }

    /// The slot of `key`, when it is in the table.
    #[inline]
    fn find(&self, key: &[u8]) -> Option<&'static (u64, u64, u32, u32, V)> {
        let (w0, w1) = (prefix(key), suffix(key));
        let len = u32::try_from(key.len()).ok()?;
        let mask = self.slots.len() - 1;
        let mut h = slot(len, (w0, w1), self.slots.len());
        loop {
            let found = self.slots.get(h)?.as_ref()?;
            let (s0, s1, n, at, _) = found;
            if *s0 == w0
                && *s1 == w1
                && *n == len
                && (len <= 16
                    || self
                        .keys
                        .get(first(*at))
                        .is_some_and(|k| same_middle(k.as_bytes(), key)))
            {
                return Some(found);
            }
            h = (h + 1) & mask;
        }
    }

    /// The position of `key` (the first, when it repeats).
    #[inline]
    pub fn position(&self, key: &[u8]) -> Option<usize> {
        self.find(key).map(|s| first(s.3))
    }

    /// The value of `key` (the first, when it repeats).
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<&'static V> {
        self.find(key).map(|s| &s.4)
    }

    /// Every value of `key`, in order: none, one, or the values of a key
    /// that repeats.
    #[inline]
    pub fn all(&self, key: &[u8]) -> &'static [V] {
        match self.find(key) {
            Some(s) if s.3 >> 24 == 1 => core::slice::from_ref(&s.4),
            Some(s) => {
                let i = first(s.3);
                self.values
                    .get(i..i + (s.3 >> 24) as usize)
                    .unwrap_or_default()
            }
            None => &[],
        }
    }
}

/// The eight bytes of `key` from `at`, zero-padded, as an integer in the
/// machine's byte order (as a lookup loads them).
const fn word(key: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    let mut i = 0;
    while i < 8 && at + i < key.len() {
        bytes[i] = key[at + i];
        i += 1;
    }
    u64::from_ne_bytes(bytes)
}

/// Whether `a` and `b`, of the same length over sixteen bytes, have the
/// same bytes between their first and last eight: eight at a time up to
/// 64 bytes (no call to `memcmp` for a key most lookups meet), `memcmp`
/// beyond.
#[inline]
fn same_middle(a: &[u8], b: &[u8]) -> bool {
    let n = b.len();
    if n > 64 {
        return a.get(8..n - 8) == b.get(8..n - 8);
    }
    let load = |s: &[u8], at: usize| s.get(at..).and_then(|s| s.first_chunk::<8>()).copied();
    let mut at = 8;
    while at + 8 < n {
        if load(a, at) != load(b, at) {
            return false;
        }
        at += 8;
    }
    true
}

/// The first eight bytes of `key`, zero-padded: [`word`] at 0, in one
/// load when there are eight.
#[inline]
fn prefix(key: &[u8]) -> u64 {
    match key.first_chunk::<8>() {
        Some(head) => u64::from_ne_bytes(*head),
        None => {
            let mut bytes = [0u8; 8];
            bytes[..key.len()].copy_from_slice(key);
            u64::from_ne_bytes(bytes)
        }
    }
}

/// The last eight bytes of `key`: its prefix when it is no longer.
#[inline]
fn suffix(key: &[u8]) -> u64 {
    match key.last_chunk::<8>() {
        Some(tail) => u64::from_ne_bytes(*tail),
        None => prefix(key),
    }
}

/// Where a key first is, from its slot's packed position.
#[inline]
const fn first(at: u32) -> usize {
    (at & 0xFF_FFFF) as usize - 1
}

/// The slot, of `slots` (a power of two), a key with these `len` and
/// `words` hashes to: one multiplication, whatever its length. The same in
/// the `const fn` that builds the slots and in a lookup.
#[inline]
const fn slot(len: u32, words: (u64, u64), slots: usize) -> usize {
    let x = (words.0 ^ words.1.rotate_left(29)).wrapping_add(len as u64);
    let h = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The high bits, which every bit of `x` reaches.
    let shift = 64 - slots.trailing_zeros();
    (h >> if shift > 63 { 63 } else { shift }) as usize & (slots - 1)
}

/// The first and last eight bytes of `key`, as [`Table::new`] keeps them.
const fn key_words(key: &[u8]) -> (u64, u64) {
    let first = word(key, 0);
    if key.len() >= 8 {
        (first, word(key, key.len() - 8))
    } else {
        (first, first)
    }
}

/// The hash index of `keys` (sorted, as [`Table::new`] wants them), for
/// [`Table::new`]: `N` slots, a power of two at least twice the number of
/// keys, so that the table is at most half full. Evaluated by the compiler
/// for a generated [`Table`].
pub const fn slots<const N: usize, V: Copy>(keys: &[&str], values: &[V]) -> [Slot<V>; N] {
    assert!(
        N.is_power_of_two() && N >= 2 * keys.len(),
        "N a power of two, at least twice the keys"
    );
    assert!(keys.len() == values.len(), "one value per key");
    let mut out: [Slot<V>; N] = [None; N];
    let mut i = 0;
    while i < keys.len() {
        let key = keys[i].as_bytes();
        // A repeated key is found by its first occurrence, with how many
        // times it occurs.
        let mut n = 1;
        while i + n < keys.len() && compare(keys[i + n].as_bytes(), key).is_eq() {
            n += 1;
        }
        assert!(
            i < 0xFF_FFFF && n < 256 && key.len() <= u32::MAX as usize,
            "fewer than 2^24 keys, each fewer than 256 times"
        );
        let words = key_words(key);
        let mut h = slot(key.len() as u32, words, N);
        while out[h].is_some() {
            h = (h + 1) & (N - 1);
        }
        out[h] = Some((
            words.0,
            words.1,
            key.len() as u32,
            (n as u32) << 24 | (i as u32 + 1),
            values[i],
        ));
        i += n;
    }
    out
}

/// The entries by number.
#[derive(Clone, Copy, Debug)]
pub enum NumIndex {
    /// `table[n]` is one more than the position of the entry numbered `n`,
    /// or 0: for up to 255 entries with small numbers.
    Dense(&'static [u8]),
    /// The numbers in ascending order, the position of each its entry's.
    Sorted(&'static [u32]),
}

impl NumIndex {
    /// The position of the entry numbered `n`.
    pub const fn get(&self, n: u32) -> Option<usize> {
        match *self {
            NumIndex::Dense(table) => {
                if (n as usize) < table.len() && table[n as usize] != 0 {
                    Some(table[n as usize] as usize - 1)
                } else {
                    None
                }
            }
            NumIndex::Sorted(numbers) => {
                let (mut lo, mut hi) = (0, numbers.len());
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if numbers[mid] < n {
                        lo = mid + 1;
                    } else if numbers[mid] > n {
                        hi = mid;
                    } else {
                        return Some(mid);
                    }
                }
                None
            }
        }
    }
}

/// A [`NumIndex::Dense`] table of `numbers` (at most 255, each below `N`).
/// Evaluated by the compiler.
pub const fn dense_index<const N: usize>(numbers: &[u32]) -> [u8; N] {
    assert!(numbers.len() < 256, "at most 255 entries");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < numbers.len() {
        assert!((numbers[i] as usize) < N, "every number below N");
        out[numbers[i] as usize] = (i + 1) as u8;
        i += 1;
    }
    out
}

/// `numbers`, checked to be in ascending order, as an array: the keys of
/// a [`NumIndex::Sorted`]. Evaluated by the compiler.
pub const fn sorted_numbers<const N: usize>(numbers: &[u32]) -> [u32; N] {
    assert!(numbers.len() == N, "N numbers");
    let mut out = [0u32; N];
    let mut i = 0;
    while i < N {
        assert!(
            i == 0 || numbers[i - 1] < numbers[i],
            "numbers in ascending order"
        );
        out[i] = numbers[i];
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &[
        "a",
        "b",
        "b",
        "cc",
        "abcd",
        "abcdefghi",
        "abcdefghj",
        "abcdefghijklmnopq",
        "abcdefghijklmnopr",
    ];
    const VALUES: &[u8] = &[1, 2, 3, 4, 5, 6, 7, 8, 9];
    const TABLE: Table<u8> = Table::new(KEYS, VALUES, &slots::<32, u8>(KEYS, VALUES));

    #[test]
    fn lookups_go_to_the_keys_of_the_length() {
        assert_eq!(TABLE.get(b"a"), Some(&1));
        assert_eq!(TABLE.get(b"b"), Some(&2));
        assert_eq!(TABLE.all(b"b"), &[2, 3]);
        assert_eq!(TABLE.get(b"cc"), Some(&4));
        assert_eq!(TABLE.get(b"abcd"), Some(&5));
        assert_eq!(TABLE.get(b"abcdefghi"), Some(&6));
        assert_eq!(TABLE.get(b"abcdefghj"), Some(&7));
        assert_eq!(TABLE.get(b"abcdefghijklmnopq"), Some(&8));
        assert_eq!(TABLE.get(b"abcdefghijklmnopr"), Some(&9));
        for miss in [
            &b""[..],
            b"c",
            b"ab",
            b"abc",
            b"abce",
            b"abcde",
            b"abcdefghh",
            b"abcdefghijklmnopp",
            b"abcdefgh\0",
            &[0xFF; 300],
        ] {
            assert_eq!(TABLE.get(miss), None, "{miss:?}");
            assert!(TABLE.all(miss).is_empty(), "{miss:?}");
        }
        const EMPTY: Table<u8> = Table::new(&[], &[], &slots::<1, u8>(&[], &[]));
        let empty = EMPTY;
        assert_eq!(empty.get(b""), None);
        // Every key of a thousand is found, with its value, and a thousand
        // others are not.
        let mut owned: Vec<String> = (0..1000).map(|i| format!("key number {i}")).collect();
        owned.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        let keys: &'static [&'static str] =
            Vec::leak(owned.into_iter().map(|k| &*String::leak(k)).collect());
        let values: &'static [usize] = Vec::leak((0..1000).collect());
        let many = Table::new(
            keys,
            values,
            Box::leak(Box::new(slots::<2048, usize>(keys, values))),
        );
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(many.get(k.as_bytes()), Some(&i));
        }
        for i in 1000..2000 {
            assert_eq!(many.get(format!("key number {i}").as_bytes()), None);
        }
    }

    #[test]
    fn numbers_dense_and_sorted() {
        const NUMBERS: &[u32] = &[0, 3, 300];
        const DENSE: NumIndex = NumIndex::Dense(&dense_index::<301>(NUMBERS));
        const SORTED: NumIndex = NumIndex::Sorted(&sorted_numbers::<3>(NUMBERS));
        let (dense, sorted) = (DENSE, SORTED);
        for index in [dense, sorted] {
            assert_eq!(index.get(0), Some(0));
            assert_eq!(index.get(3), Some(1));
            assert_eq!(index.get(300), Some(2));
            for miss in [1, 2, 299, 301, u32::MAX] {
                assert_eq!(index.get(miss), None);
            }
        }
    }
}
