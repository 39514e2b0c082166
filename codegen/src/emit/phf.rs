//! Perfect hash tables for the generated lookups.
//!
//! A `match` on strings compiles to a chain of comparisons, and a `match` on
//! sparse integers to a binary search: both slow down as the catalog grows.
//! The generator instead builds, for each key set, a perfect hash function
//! (hash and displace, as in the CHD algorithm): at run time a lookup is one
//! hash, two table loads and one comparison, whatever the number of entries.
//!
//! The hash must be bit-for-bit the one in the runtime crate's `phf` module;
//! a test there pins both to the same values.

/// FNV-1a over the bytes, seeded, then the murmur3 finaliser.
pub(crate) fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of an integer key: two multiply-xorshift rounds.
pub(crate) fn hash_u32(seed: u64, n: u32) -> u64 {
    let mut h = (u64::from(n) ^ seed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^ (h >> 32)
}

/// The key of a table: bytes, or an integer hashed on its own.
pub(crate) enum Key<'a> {
    Bytes(&'a [u8]),
    U32(u32),
}

impl Key<'_> {
    fn hash(&self, seed: u64) -> u64 {
        match self {
            Key::Bytes(b) => hash(seed, b),
            Key::U32(n) => hash_u32(seed, *n),
        }
    }
}

/// The three 32-bit parts a key's hash is split into.
fn split(h: u64) -> (u32, u32, u32) {
    let g = (h >> 32) as u32;
    let f1 = h as u32;
    let f2 = (h >> 16) as u32 ^ g.rotate_left(7);
    (g, f1, f2)
}

fn displace(f1: u32, f2: u32, d1: u32, d2: u32) -> u32 {
    d2.wrapping_add(f1.wrapping_mul(d1)).wrapping_add(f2)
}

/// A perfect hash over `n` keys: `slots[index(key)]` is the key's position.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Table {
    pub seed: u64,
    pub disps: Vec<(u32, u32)>,
    pub slots: Vec<u32>,
}

/// Builds a table for distinct keys. Deterministic: the same keys in the
/// same order always give the same table.
#[allow(clippy::cast_possible_truncation)]
pub(crate) fn build(keys: &[Key<'_>]) -> Table {
    let n = keys.len();
    if n == 0 {
        return Table {
            seed: 0,
            disps: Vec::new(),
            slots: Vec::new(),
        };
    }
    const LAMBDA: usize = 4;
    let buckets_len = n.div_ceil(LAMBDA);
    let table_len = n as u32;
    let mut seed = 0u64;
    'seeds: loop {
        let hashes: Vec<(u32, u32, u32)> = keys.iter().map(|k| split(k.hash(seed))).collect();
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); buckets_len];
        for (i, (g, _, _)) in hashes.iter().enumerate() {
            buckets[*g as usize % buckets_len].push(i);
        }
        let mut order: Vec<usize> = (0..buckets_len).collect();
        order.sort_by(|a, b| buckets[*b].len().cmp(&buckets[*a].len()).then(a.cmp(b)));
        let mut slots: Vec<Option<u32>> = vec![None; n];
        let mut disps = vec![(0u32, 0u32); buckets_len];
        let mut generation = vec![0u64; n];
        let mut gen = 0u64;
        let mut placed: Vec<u32> = Vec::new();
        for b in order {
            let bucket = &buckets[b];
            if bucket.is_empty() {
                continue;
            }
            let mut found = false;
            'search: for d1 in 0..table_len {
                'd2: for d2 in 0..table_len {
                    gen += 1;
                    placed.clear();
                    for &k in bucket {
                        let (_, f1, f2) = hashes[k];
                        let idx = (displace(f1, f2, d1, d2) % table_len) as usize;
                        if slots[idx].is_some() || generation[idx] == gen {
                            continue 'd2;
                        }
                        generation[idx] = gen;
                        placed.push(idx as u32);
                    }
                    for (&k, &idx) in bucket.iter().zip(&placed) {
                        slots[idx as usize] = Some(k as u32);
                    }
                    disps[b] = (d1, d2);
                    found = true;
                    break 'search;
                }
            }
            if !found {
                seed += 1;
                continue 'seeds;
            }
        }
        return Table {
            seed,
            disps,
            slots: slots.into_iter().map(|s| s.unwrap_or(0)).collect(),
        };
    }
}

impl Table {
    /// The position of `key` if it is one of the keys (checked by the caller).
    #[cfg(test)]
    pub(crate) fn get(&self, key: &Key<'_>) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let (g, f1, f2) = split(key.hash(self.seed));
        let (d1, d2) = self.disps[g as usize % self.disps.len()];
        let idx = displace(f1, f2, d1, d2) % self.slots.len() as u32;
        Some(self.slots[idx as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_finds_itself() {
        for n in [0usize, 1, 2, 7, 85, 1000, 10_000] {
            let strings: Vec<String> = (0..n).map(|i| format!("key-{i}")).collect();
            let keys: Vec<Key<'_>> = strings.iter().map(|s| Key::Bytes(s.as_bytes())).collect();
            let t = build(&keys);
            for (i, k) in keys.iter().enumerate() {
                assert_eq!(t.get(k), Some(i as u32), "n={n} key {i}");
            }
            assert_eq!(build(&keys), t, "deterministic");
            let ints: Vec<Key<'_>> = (0..n as u32).map(|i| Key::U32(1000 + i * 7)).collect();
            let t = build(&ints);
            for (i, k) in ints.iter().enumerate() {
                assert_eq!(t.get(k), Some(i as u32), "n={n} int {i}");
            }
        }
    }

    #[test]
    fn hash_is_pinned() {
        // The runtime crate's `phf` tests pin the same values.
        assert_eq!(hash(0, b""), PINNED[0]);
        assert_eq!(hash(1, b"invalid-request"), PINNED[1]);
        assert_eq!(hash(7, &88u32.to_le_bytes()), PINNED[2]);
        assert_eq!(hash_u32(3, 88), PINNED_U32);
    }

    const PINNED_U32: u64 = 7_516_449_739_210_722_995;
    const PINNED: [u64; 3] = [
        17_280_346_270_528_514_342,
        5_722_875_396_342_971_887,
        8_967_367_300_804_475_663,
    ];
}
