#!/usr/bin/env bash
#
# testdata/modules/trim.sh NAME — shrink a capture made by capture.sh (it calls this last):
#   - objdump.txt: drop the Test*, Example* and Fuzz* functions (never hot, most of the dump);
#     Benchmark* functions stay: they are the test code the scope filter must hide
#   - m2.txt and json/: of the *_test.go files keep only the records inside Benchmark functions
#     (from `func Benchmark` to the next line that is just `}`); drop the generated test main package
#     (json/main)
# What remains still has test code (the benchmarks) and every line of the package's own files.
set -euo pipefail
NAME=${1:?usage: trim.sh NAME}
D="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$NAME"
[[ -d "$D/src" ]] || { echo "trim: $D/src not found" >&2; exit 2; }
awk '/^TEXT /{skip = ($2 ~ /\.(Test|Example|Fuzz)[A-Z0-9_(]/)} !skip' "$D/objdump.txt" > "$D/objdump.txt.tmp"
mv "$D/objdump.txt.tmp" "$D/objdump.txt"
rm -rf "$D/json/main"
for t in "$D"/src/*_test.go; do
  [[ -e "$t" ]] || continue
  f=$(basename "$t")
  # benchmark line ranges "a-b a-b ..." (empty when the file has none)
  ranges=$(awk '/^func Benchmark/{a=NR} /^}$/{if(a){printf "%d-%d ", a, NR; a=0}}' "$t")
  keep() { awk -v r="$ranges" -v pat="$1" '
    BEGIN { n = split(r, rs, " "); for (i = 1; i <= n; i++) { split(rs[i], ab, "-"); lo[i] = ab[1]; hi[i] = ab[2] } }
    { if (match($0, pat)) { k = split(substr($0, RSTART, RLENGTH), parts, ":"); l = parts[k] + 0
        for (i = 1; i <= n; i++) if (l >= lo[i] && l <= hi[i]) { print; next }
        next }
      print }'; }
  keep "^\\./$f:[0-9]+" < "$D/m2.txt" > "$D/m2.txt.tmp"; mv "$D/m2.txt.tmp" "$D/m2.txt"
  for j in "$D"/json/*/"${f%.go}.json"; do
    [[ -e "$j" ]] || continue
    if [[ -z "$ranges" ]]; then rm -f "$j"; continue; fi
    # the first record is the header; every other record starts with its range
    { head -n 1 "$j"; tail -n +2 "$j" | keep '^\\{"range":\\{"start":\\{"line":[0-9]+'; } > "$j.tmp"; mv "$j.tmp" "$j"
  done
done
