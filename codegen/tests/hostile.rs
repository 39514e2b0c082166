//! Specs written to make loading slow or large: an alias bomb, deep nesting,
//! tens of thousands of repeated keys or aliases in one entry, and a
//! megabyte of each of several shapes. Each is loaded (or refused, with a
//! located diagnostic) with work linear in its size and bounded memory.
//!
//! Nothing here is timed. Work is the loader's own count of what it did
//! (`spec::work_done`: YAML events, nodes built, keys and items read,
//! entries compared), and memory the peak of the bytes allocated at once,
//! counted by this test binary's allocator. The tests take a lock, so that
//! each measures itself alone.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use twitter_errors_codegen::spec::{self, MAX_DEPTH, MAX_LOOKAHEAD, MAX_NODES};
use twitter_errors_codegen::{synth, Error, Spec};

/// Counts the bytes allocated now and the most allocated at any time.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static ALONE: Mutex<()> = Mutex::new(());

/// What loading `text` cost.
struct Cost {
    result: Result<Spec, Error>,
    /// Steps of work.
    work: u64,
    /// The most bytes allocated at once while loading, above what was
    /// allocated before.
    peak: usize,
}

fn load(name: &str, text: &str) -> Cost {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let work = spec::work_done();
    let result = Spec::parse("errors.yaml", text);
    let cost = Cost {
        work: spec::work_done() - work,
        peak: PEAK.load(Ordering::Relaxed) - before,
        result,
    };
    eprintln!(
        "{name}: {} bytes, {} steps of work, {:.1} MB at most",
        text.len(),
        cost.work,
        cost.peak as f64 / 1e6
    );
    cost
}

/// The first diagnostic of a refused spec, as `line:column: message`.
fn first(cost: &Cost) -> String {
    let e = cost.result.as_ref().expect_err("the spec is refused");
    let d = &e.diagnostics()[0];
    format!("{}:{}: {}", d.location.line, d.location.column, d.message)
}

const MB: usize = 1_000_000;

#[test]
fn an_alias_bomb_is_refused_at_the_alias_that_crosses_the_node_limit() {
    let _alone = ALONE.lock();
    // 46 KB: a list of 20,000 items, then 2,000 aliases of it, which would
    // expand to 40 million values.
    let mut text = String::from("codes: [&a [");
    text.push_str(&"1,".repeat(19_999));
    text.push_str("1]");
    text.push_str(&", *a".repeat(2_000));
    text.push_str("]\n");
    assert!(text.len() < 50_000);
    let cost = load("alias bomb", &text);
    // The list (20,002 nodes with its key) and as many copies of it as fit
    // under the limit are expanded; the next alias passes it.
    let fit = (MAX_NODES - 20_002) / 20_001;
    let column = text.match_indices("*a").nth(fit).map_or(0, |(i, _)| i + 1);
    assert_eq!(
        first(&cost),
        format!("1:{column}: expanding this alias would make the file hold more than {MAX_NODES} keys, values and items")
    );
    // The aliases that fit were expanded; nothing else was built.
    assert!(cost.work <= 2 * MAX_NODES as u64, "{}", cost.work);
    assert!(cost.peak < 64 * MB, "{}", cost.peak);
}

#[test]
fn nesting_is_refused_at_the_first_level_past_the_limit_before_anything_is_built() {
    let _alone = ALONE.lock();
    let deep = MAX_DEPTH + 1;
    // 16 KB and 64 KB of block lists, block mappings and flow lists.
    for (shape, text) in [
        ("block lists", format!("codes:\n{}x\n", "- ".repeat(8_000))),
        (
            "block mappings",
            (0..180).fold(String::new(), |mut s, i| {
                let _ = writeln!(s, "{}k{i}:", " ".repeat(i));
                s
            }),
        ),
        ("flow lists", format!("codes: {}", "[".repeat(64_000))),
    ] {
        let cost = load(shape, &text);
        let d = first(&cost);
        // While it looks ahead for a key, the parser refuses a `[` past
        // 255 levels itself.
        let ours = format!("lists and mappings nest deeper than {MAX_DEPTH} levels here");
        assert!(
            d.ends_with(&ours) || d.ends_with("`[` and `{` nest too deeply here"),
            "{shape}: {d}"
        );
        // Only the events up to the refusal were read.
        assert!(cost.work < 4 * deep as u64, "{shape}: {}", cost.work);
        assert!(cost.peak < MB, "{shape}: {}", cost.peak);
    }
    // At the limit, the nesting is read (and found not to be a spec).
    let at_limit = format!("codes:\n{}x\n", "- ".repeat(MAX_DEPTH - 1));
    let cost = load("nesting at the limit", &at_limit);
    assert!(!first(&cost).contains("nest deeper"), "{}", first(&cost));
}

#[test]
fn repeated_keys_up_to_the_node_limit_cost_linear_work() {
    let _alone = ALONE.lock();
    // 29,000 keys and their values: as many as the node limit lets in.
    let mut text = String::from("codes:\n  - code: 1\n");
    for _ in 0..29_000 {
        text.push_str("    name: a\n");
    }
    let cost = load("29,000 repeated keys", &text);
    assert_eq!(first(&cost), "4:5: duplicate key `name`");
    let e = cost.result.as_ref().expect_err("refused");
    // The first thousand are listed, the rest counted.
    assert_eq!(e.diagnostics().len(), 1000);
    assert!(
        e.to_string()
            .ends_with("27999 more problems are not shown: fix these and check again\n28999 errors in the spec"),
        "{}",
        e.to_string().lines().last().unwrap_or_default()
    );
    assert!(cost.work <= text.len() as u64, "{}", cost.work);
    assert!(cost.peak < 64 * MB, "{}", cost.peak);
}

#[test]
fn fifty_thousand_aliases_on_one_code_cost_linear_work() {
    let _alone = ALONE.lock();
    let entry = "codes:\n  - code: 1\n    name: a\n    message: &m Rate limit exceeded.\n    description: D.\n    aliases:";
    // Texts of the `aliases` list, all different (a list searched for
    // each repeat made this quadratic), the same text again and again, and
    // YAML aliases of the message in one `[...]`.
    let distinct: String = (0..50_000).fold(String::new(), |mut s, i| {
        let _ = write!(s, "\n      - Again {i}");
        s
    });
    let repeated = "\n      - Again".repeat(50_000);
    let yaml_aliases = format!(" [{}*m]", "*m, ".repeat(49_999));
    for (shape, items, problems) in [
        ("different aliases", distinct, 0),
        ("repeated aliases", repeated, 49_999),
        ("YAML aliases in a flow list", yaml_aliases, 50_000),
    ] {
        let text = format!("{entry}{items}\n");
        let cost = load(&format!("50,000 {shape} on one code"), &text);
        let e = cost.result.as_ref().expect_err("refused");
        // Besides the sections this spec lacks (7 diagnostics).
        let shown = e.diagnostics().len() - 7;
        let total = e.to_string().lines().last().unwrap_or_default().to_string();
        assert_eq!(
            total,
            format!("{} errors in the spec", problems + 7),
            "{shape}"
        );
        assert!(shown <= 1000, "{shape}: {shown}");
        // A few steps per alias: read, built, compared.
        assert!(cost.work <= 6 * 50_000, "{shape}: {}", cost.work);
        assert!(cost.peak < 64 * MB, "{shape}: {}", cost.peak);
    }
}

#[test]
fn the_parser_reads_ahead_a_bounded_way_to_finish_a_value() {
    let _alone = ALONE.lock();
    // Inside a `[...]` that could be a key (a list item, or a list in a
    // list), the parser keeps every token until the closing bracket: a
    // megabyte of them would take 170 MB.
    for (shape, text) in [
        (
            "a flow list as a list item",
            format!("codes:\n  - [{}1]\n", "1,".repeat(100_000)),
        ),
        (
            "a flow list in a flow list",
            format!("codes: [[{}1]]\n", "1,".repeat(100_000)),
        ),
        (
            "a long text",
            format!("codes:\n  - message: {}\n", "x".repeat(MAX_LOOKAHEAD + 100)),
        ),
    ] {
        let cost = load(shape, &text);
        let d = first(&cost);
        assert!(
            d.ends_with(&format!(
                "runs on for more than {MAX_LOOKAHEAD} characters before it can be read"
            )),
            "{shape}: {d}"
        );
        assert!(cost.peak < 32 * MB, "{shape}: {}", cost.peak);
    }
    // Comment lines do not count: a commented-out section is no value.
    let text = format!(
        "{}codes:\n  - code: 1\n",
        "\n  # - code: 1\n".repeat(MAX_LOOKAHEAD)
    );
    let cost = load("long comments", &text);
    assert!(!first(&cost).contains("runs on"), "{}", first(&cost));
    // A text just within the bound is read.
    let text = format!("codes:\n  - message: {}\n", "x".repeat(MAX_LOOKAHEAD - 100));
    let cost = load("a text within the bound", &text);
    assert!(!first(&cost).contains("runs on"), "{}", first(&cost));
}

/// A megabyte of each shape loads or is refused within 256 MB, with work
/// linear in its size (an alias counting the nodes it stands for).
#[test]
fn a_megabyte_of_any_shape_loads_or_is_refused_within_bounds() {
    let _alone = ALONE.lock();
    let mut shapes: Vec<(&str, String)> = Vec::new();
    // As many codes as the node limit lets in: near a megabyte.
    shapes.push(("a valid catalog", synth::spec(3_400)));
    shapes.push((
        "a flat list of numbers",
        format!("codes: [{}1]\n", "1,".repeat(450_000)),
    ));
    shapes.push((
        "one long text",
        format!("codes:\n  - message: {}\n", "x".repeat(MB)),
    ));
    shapes.push((
        "entries with unknown keys",
        "codes:\n".to_string() + &"  - {a: 1, b: 2, c: 3}\n".repeat(MB / 24),
    ));
    shapes.push((
        "entries with every value wrong",
        "codes:\n".to_string()
            + &"  - {code: x, name: X, message: 1, status: 1, apis: [y], retry: z}\n"
                .repeat(MB / 66),
    ));
    shapes.push(("an alias bomb", {
        let mut t = String::from("codes: [&a [");
        t.push_str(&"1,".repeat(400_000));
        t.push_str("1]");
        t.push_str(&", *a".repeat(50_000));
        t + "]\n"
    }));
    shapes.push((
        "a flow list as a list item",
        format!("codes:\n  - [{}1]\n", "1,".repeat(450_000)),
    ));
    shapes.push((
        "flow lists in a flow list",
        format!("codes: [{}[]]\n", "[],".repeat(333_000)),
    ));
    shapes.push((
        "a flow list over many lines",
        format!("codes:\n  - [{}1]\n", "1,\n".repeat(330_000)),
    ));
    shapes.push((
        "block nesting",
        format!("codes:\n{}x\n", "- ".repeat(MB / 2)),
    ));
    shapes.push(("repeated keys", "k: 1\n".repeat(MB / 5)));
    // Just within the node limit, so that the whole file is read: the most
    // memory a megabyte can take.
    let under = MAX_NODES - 10;
    shapes.push((
        "flow lists just within the node limit",
        format!(
            "# {}\ncodes: [{}[]]\n",
            "x".repeat(MB - 3 * under),
            "[],".repeat(under)
        ),
    ));
    shapes.push((
        "empty entries just within the node limit",
        format!(
            "# {}\ncodes:\n{}",
            "x".repeat(MB - 4 * under),
            "  -\n".repeat(under)
        ),
    ));
    shapes.push(("keys just within the node limit", {
        let keys = (0..under / 2).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "k{i}:");
            s
        });
        format!("# {}\n{keys}", "x".repeat(MB - keys.len()))
    }));
    for (shape, text) in &shapes {
        assert!(
            text.len() > MB * 9 / 10 && text.len() < MB * 11 / 10,
            "{shape}: {}",
            text.len()
        );
        let cost = load(shape, text);
        if *shape == "a valid catalog" {
            assert!(cost.result.is_ok(), "{shape}: {}", first(&cost));
        }
        assert!(
            cost.work <= 4 * text.len() as u64 + 2 * MAX_NODES as u64,
            "{shape}: {} steps",
            cost.work
        );
        assert!(cost.peak < 256 * MB, "{shape}: {} bytes", cost.peak);
    }
}

#[test]
fn layered_files_share_the_node_and_byte_limits() {
    let _alone = ALONE.lock();
    // Two files that each fit, but not together.
    let half = |tag: &str| {
        let mut t = format!("codes:\n  - code: 1\n    name: {tag}\n    message: m\n    description: d\n    aliases:\n");
        for i in 0..MAX_NODES * 3 / 5 {
            let _ = writeln!(t, "      - a{i}");
        }
        t
    };
    let sources = vec![
        (std::path::PathBuf::from("a.yaml"), half("a").into_bytes()),
        (std::path::PathBuf::from("b.yaml"), half("b").into_bytes()),
    ];
    let e = Spec::from_sources(&sources).unwrap_err();
    let d = e
        .diagnostics()
        .iter()
        .find(|d| d.file == std::path::Path::new("b.yaml"))
        .unwrap_or_else(|| panic!("{e}"));
    assert_eq!(
        d.message,
        format!("the spec (this file and those layered before it) holds more than {MAX_NODES} keys, values and items")
    );
    // More bytes than a spec may hold: refused before it is parsed.
    let big = format!("# {}\ncodes:\n", "x".repeat(spec::MAX_BYTES));
    let e = Spec::parse("errors.yaml", &big).unwrap_err();
    let d = &e.diagnostics()[0];
    assert_eq!((d.location.line, d.location.column), (1, 1));
    assert_eq!(
        d.message,
        format!("the file holds more than {} bytes", spec::MAX_BYTES)
    );
    let sources = vec![
        (
            std::path::PathBuf::from("a.yaml"),
            vec![b'#'; spec::MAX_BYTES / 2 + 1],
        ),
        (
            std::path::PathBuf::from("b.yaml"),
            vec![b'#'; spec::MAX_BYTES / 2 + 1],
        ),
    ];
    let e = Spec::from_sources(&sources).unwrap_err();
    assert!(
        e.diagnostics()
            .iter()
            .any(|d| d.file == std::path::Path::new("b.yaml")
                && d.message.starts_with(
                    "the spec (this file and those layered before it) holds more than"
                )),
        "{e}"
    );
}
