#!/usr/bin/env bash
# Builds the release reportgen that the scripts, the benchmark and CI run: .build/release/reportgen.
# The Swift runtime and Foundation are linked in, not loaded: runtime calls (retain, release,
# allocation) skip the PLT and no symbol is resolved at start (one article: 24 -> 15 ms; a dry
# run of 1,000 articles: 6-11 % less CPU). A plain `swift build -c release` works too, only slower.
#
# On an x86-64 processor with the Haswell instruction set (AVX2, BMI1/2, LZCNT, MOVBE, FMA: every
# Intel since 2013 and AMD since 2015) the code is compiled for it: the same number of
# instructions, 9 % less processor time on a 1,000-article dry run (alternating runs, 7 of 8
# faster). Such a binary does not start on an older processor: REPORTGEN_PORTABLE=1 builds for
# any x86-64, as does a machine without those features. Not AVX-512 (`native` here): valgrind,
# which bench/instructions.sh uses, cannot run it.
set -euo pipefail
cd "$(dirname "$0")/.."
cpu_flags=()
if [ "$(uname -m)" = x86_64 ] && [ -z "${REPORTGEN_PORTABLE:-}" ] && [ -r /proc/cpuinfo ]; then
    flags=$(grep -m1 '^flags' /proc/cpuinfo)
    haswell=yes
    for feature in avx avx2 bmi1 bmi2 fma f16c abm movbe popcnt; do
        [[ " $flags " == *" $feature "* ]] || haswell=no
    done
    [ "$haswell" = yes ] && cpu_flags=(-Xswiftc -target-cpu -Xswiftc haswell)
fi
# Linked with mimalloc (Debian's libmimalloc-dev, which scripts/setup.sh installs) when the linker
# finds it: its malloc and free replace glibc's for the whole process. An article allocates and
# frees a few thousand small blocks (tokens, strings, arrays, page models): a dry run of 1,000
# articles took 5 % less wall time (medians of 14 alternating runs, faster in 10) and 3.7 % fewer
# instructions. Without the library the build uses glibc's allocator and gives the same output;
# REPORTGEN_SYSTEM_MALLOC=1 asks for that.
allocator_flags=()
links_mimalloc() {  # whether a C compiler (cc, or the clang Swift ships with) links -lmimalloc
    for compiler in cc clang; do
        command -v "$compiler" >/dev/null 2>&1 || continue
        echo 'int main(void) { return 0; }' | "$compiler" -x c - -o /dev/null -lmimalloc >/dev/null 2>&1 && return 0
    done
    return 1
}
if [ -z "${REPORTGEN_SYSTEM_MALLOC:-}" ] && links_mimalloc; then
    allocator_flags=(-Xlinker -lmimalloc)
fi
swift build -c release --product reportgen --static-swift-stdlib ${cpu_flags[@]+"${cpu_flags[@]}"} \
    ${allocator_flags[@]+"${allocator_flags[@]}"} "$@"
