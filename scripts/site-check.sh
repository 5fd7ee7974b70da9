#!/usr/bin/env bash
# Builds the sample articles, the user's seed and the ../shared/eval articles as one site and
# judges it with ../shared/tools/site-check (HTML validity, links at / and under a subpath,
# axe, no script, 390px mobile, screenshots).
#
# site-check hands the whole folder to the Nu checker, which reads every file as HTML; the
# machine-readable files (report.json, timeline.json, stakeholders.json, sitemap.xml, feed.xml,
# the ownership marker) are not HTML, so the checked copy leaves them out. No page links to them.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=${SITE_CHECK_OUT:-/tmp/reportgen-site-check}
reportgen=${REPORTGEN:-.build/release/reportgen}
inputs=(articles)
[ -f "$shared/seed/000_6ce7a8b7e7fc24bb.txt" ] && inputs+=("$shared/seed/000_6ce7a8b7e7fc24bb.txt")
[ -d "$shared/eval/dev/articles" ] && inputs+=("$shared/eval/dev/articles")
rm -rf "$out" && mkdir -p "$out"
"$reportgen" build "${inputs[@]}" --output "$out/site" --quiet
mkdir -p "$out/checked"
(cd "$out/site" && find . -type f \( -name '*.html' -o -name '*.css' -o -name '*.svg' \) -print0 | tar --null -T - -cf -) \
  | tar -C "$out/checked" -xf -
"$shared/tools/site-check" "$out/checked" --out "$out/report" --subpath /briefings/
