//! Perfect-hash lookups for generated tables.
//!
//! The generator builds the tables; this is the run-time half. The hash must
//! stay bit-for-bit the generator's (`codegen/src/emit/phf.rs`): both pin the
//! same values in their tests.

/// A perfect hash over a generated key set. `slots[index(key)]` is the
/// position of the only entry the key can be; the caller compares keys.
#[derive(Debug)]
pub struct Phf {
    /// The seed the generator settled on.
    pub seed: u64,
    /// One displacement pair per bucket.
    pub disps: &'static [(u32, u32)],
    /// Entry positions, one per key.
    pub slots: &'static [u32],
}

/// FNV-1a over the bytes, seeded, then the murmur3 finaliser.
#[must_use]
pub const fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of an integer key: two multiply-xorshift rounds.
#[must_use]
pub const fn hash_u32(seed: u64, n: u32) -> u64 {
    let mut h = (n as u64 ^ seed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^ (h >> 32)
}

impl Phf {
    /// The position of the only entry `key` can be, or `None` for an empty
    /// table.
    #[must_use]
    #[allow(clippy::cast_possible_truncation)]
    pub const fn index(&self, key: &[u8]) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot(hash(self.seed, key))
    }

    /// The position of the only entry the integer `key` can be.
    #[must_use]
    pub const fn index_u32(&self, key: u32) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot(hash_u32(self.seed, key))
    }

    #[allow(clippy::cast_possible_truncation)]
    const fn slot(&self, h: u64) -> Option<usize> {
        let g = (h >> 32) as u32;
        let f1 = h as u32;
        let f2 = (h >> 16) as u32 ^ g.rotate_left(7);
        let (d1, d2) = self.disps[g as usize % self.disps.len()];
        let idx = d2.wrapping_add(f1.wrapping_mul(d1)).wrapping_add(f2) % self.slots.len() as u32;
        Some(self.slots[idx as usize] as usize)
    }
}

/// Byte equality usable in `const fn`.
#[must_use]
pub const fn eq(a: &[u8], b: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    const PINNED_U32: u64 = 7_516_449_739_210_722_995;

    #[test]
    fn hash_is_pinned() {
        // The generator's tests pin the same values.
        assert_eq!(hash(0, b""), 17_280_346_270_528_514_342);
        assert_eq!(hash(1, b"invalid-request"), 5_722_875_396_342_971_887);
        assert_eq!(hash(7, &88u32.to_le_bytes()), 8_967_367_300_804_475_663);
        assert_eq!(hash_u32(3, 88), PINNED_U32);
    }
}
