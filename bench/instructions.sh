#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) for a dry-run build of the first 29 corpus
# articles: repeatable whatever else the machine does (hashing is made deterministic), so small
# changes can be compared.
#
#   bench/instructions.sh            # total instructions, and per article
#   TOP=40 bench/instructions.sh     # also the 40 most expensive functions (inclusive)
# Needs valgrind; the corpus comes from ../shared/bench/gen_corpus.py (N=100).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
WORK=${WORK:-/tmp/reportgen-bench}
command -v valgrind >/dev/null || { echo "instructions: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
scripts/build-release.sh >/dev/null
C=$WORK/n100
[ -f "$C/md_files.txt" ] || python3 "$SHARED/bench/gen_corpus.py" 100 "$C" >/dev/null
IN=$WORK/callgrind/in
rm -rf "$WORK/callgrind" && mkdir -p "$IN"
cp "$C"/articles/a0000[1-9].txt "$C"/articles/a0001[0-9].txt "$C"/articles/a0002[0-9].txt "$IN"/
# valgrind 3.19 cannot read the DWARF 5 debug info Swift emits: profile a stripped copy (symbols stay).
cp .build/release/reportgen "$WORK/callgrind/reportgen" && strip -g "$WORK/callgrind/reportgen"
SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind/out" "$WORK/callgrind/reportgen" \
    build "$IN" --output "$WORK/callgrind/site" --dry-run --quiet --jobs 1 2>&1 | grep -o 'Collected : [0-9]*' | \
    awk -v n="$(ls "$IN" | wc -l)" '{ printf "instructions: %d total, %.1f M per article (%d articles, dry run, 1 job)\n", $3, $3 / n / 1e6, n }'
if [ -n "${TOP:-}" ]; then
    callgrind_annotate --inclusive=yes "$WORK/callgrind/out" 2>/dev/null | grep -v "'2" | grep ReportKit | head -"$TOP" | cut -c1-160
fi
