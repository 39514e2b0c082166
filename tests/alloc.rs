//! Looking up a code, status or problem type, and reading the text of a
//! known one, allocates nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use twitter_errors::{ErrorCode, HttpStatus, ProblemType};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: defers to the system allocator; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn lookups_and_texts_do_not_allocate() {
    let codes: Vec<u32> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    let uris = [
        "https://api.twitter.com/2/problems/invalid-request",
        "https://api.x.com/2/problems/usage-capped",
        "https://api.twitter.com/labs/2/problems/client-forbidden",
        "about:blank",
        "https://api.twitter.com/2/problems/not-in-the-catalog",
    ];
    let n = allocations_in(|| {
        for &code in &codes {
            let c = black_box(ErrorCode::from_code(black_box(code))).unwrap();
            black_box((
                c.message(),
                c.description(),
                c.status(),
                c.retry(),
                c.aliases(),
            ));
            black_box(ErrorCode::from_name(black_box(c.name())));
            black_box(ErrorCode::from_message(black_box(c.message())));
        }
        black_box(ErrorCode::from_code(black_box(999_999)));
        for status in 100..600 {
            if let Some(s) = HttpStatus::from_u16(black_box(status)) {
                black_box((s.text(), s.description(), s.retry()));
            }
        }
        for uri in uris {
            if let Some(p) = ProblemType::from_uri(black_box(uri)) {
                black_box((p.title(), p.uri(), p.status()));
            }
        }
    });
    assert_eq!(n, 0, "lookups allocated {n} times");
    // The counter works: a String allocates.
    assert!(allocations_in(|| drop(black_box(String::from("x")))) > 0);
}
