#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) for a dry-run build of the first 29 corpus
# articles: repeatable whatever else the machine does (hashing is made deterministic), so small
# changes can be compared.
#
#   bench/instructions.sh            # total instructions, and per article
#   TOP=40 bench/instructions.sh     # also the 40 most expensive functions (inclusive)
#   ONE=1 bench/instructions.sh      # also a rebuild after one article of 1,000 changed
# Needs valgrind; the corpora come from ../shared/bench/gen_corpus.py (N=100, and 1000 for ONE).
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
if [ -n "${ONE:-}" ]; then
    # A copy of the N=1000 corpus, built twice so that both generations hold every file, then
    # one article changed: the work of an incremental rebuild (manifests, keys, one article).
    M=$WORK/n1000
    [ -f "$M/md_files.txt" ] || python3 "$SHARED/bench/gen_corpus.py" 1000 "$M" >/dev/null
    ONE_IN=$WORK/callgrind/one-in
    # (-p: the files keep their old times, so that the rebuild trusts their stamps as it would.)
    rm -rf "$ONE_IN" && cp -rp "$M/articles" "$ONE_IN"
    for _ in 1 2; do "$WORK/callgrind/reportgen" build "$ONE_IN" --output "$WORK/callgrind/one-site" --quiet 2>/dev/null; done
    printf ' ' >> "$ONE_IN/a00001.txt"
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind/one.out" "$WORK/callgrind/reportgen" \
        build "$ONE_IN" --output "$WORK/callgrind/one-site" --quiet --jobs 1 2>&1 | grep -o 'Collected : [0-9]*' | \
        awk '{ printf "instructions: %d for a rebuild after one article of 1000 changed (1 job)\n", $3 }'
fi
