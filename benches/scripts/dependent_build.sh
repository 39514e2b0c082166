#!/usr/bin/env bash
# Cold build CPU time (user + sys) of a new binary crate that depends on
# `twitter-errors` with default features, against one that depends on
# `serde_json` alone, built alternately in fresh target directories.
#
#   bash benches/scripts/dependent_build.sh [ROUNDS]   # default 3
#
# Prints each build, the median of each and their ratio, and the median of
# each round's ratio. Offline: the
# registry cache must hold the dependencies (any workspace build fills it).
#
# Incremental compilation is off: cargo compiles a path dependency such as
# ours incrementally, which costs time, and a crate from crates.io never,
# and the second is what a dependent meets.
set -euo pipefail
export CARGO_INCREMENTAL=0
rounds=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
json_version=$(cargo metadata --format-version 1 --offline --manifest-path "$root/Cargo.toml" |
    python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="serde_json"))')

probe() { # name, dependency line
    mkdir -p "$work/$1/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[workspace]\n\n[dependencies]\n%s\n' \
        "$1" "$2" >"$work/$1/Cargo.toml"
    echo 'fn main() {}' >"$work/$1/src/main.rs"
    (cd "$work/$1" && cargo generate-lockfile --offline -q)
}
probe with-twitter-errors "twitter-errors = { path = \"$root/crates/twitter-errors\" }"
probe with-serde-json "serde_json = \"=$json_version\""

echo "== cargo tree -e normal,build of the twitter-errors dependent"
tree=$(cd "$work/with-twitter-errors" && cargo tree -e normal,build --offline --prefix none)
echo "$tree" | sort -u
if grep -Eq '^(syn|quote|prettyplease|serde_yaml|proc-macro2|twitter-errors-codegen) ' <<<"$tree"; then
    echo "a generator dependency is in the tree" >&2
    exit 1
fi

cpu() { # name -> prints user+sys seconds of a cold debug build
    rm -rf "$work/target"
    local t
    t=$( { TIMEFORMAT='%U %S'; time (cd "$work/$1" && CARGO_TARGET_DIR="$work/target" cargo build -q --offline) ; } 2>&1 )
    python3 -c "u,s='$t'.split(); print(round(float(u)+float(s),2))"
}
ours=(); theirs=()
for i in $(seq "$rounds"); do
    a=$(cpu with-twitter-errors); b=$(cpu with-serde-json)
    echo "round $i: twitter-errors ${a}s, serde_json ${b}s"
    ours+=("$a"); theirs+=("$b")
done
python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import statistics, sys
ours = list(map(float, sys.argv[1].split()))
theirs = list(map(float, sys.argv[2].split()))
a, b = statistics.median(ours), statistics.median(theirs)
# Each round builds the two one after the other, so its ratio is the one
# least moved by what else the machine is doing.
paired = statistics.median(x / y for x, y in zip(ours, theirs))
print(f"median CPU: twitter-errors {a:.2f} s, serde_json {b:.2f} s, ratio of medians {a/b:.2f}x")
print(f"median of the rounds' ratios: {paired:.2f}x")
PY
