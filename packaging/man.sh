#!/usr/bin/env bash
# Man pages from the argument parser itself: swift-argument-parser's generate-manual plugin, offline (the package
# is already resolved), one page per command (boxoffice.1, boxoffice.clerk.add.1, …).
#   packaging/man.sh <release-build-folder> <output-folder>
# The plugin builds every product of the package before it reads them; it is run in the debug configuration, which
# `make test` has built already (the pages are the same: they come from the parser's declarations, not the code).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$2
rm -rf "$out" && mkdir -p "$out"
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)   # reproducible: the last commit's date
find .build/plugins -path '*GenerateManual*' -name '*.1' -delete 2>/dev/null || true
swift package --disable-sandbox plugin generate-manual --configuration debug --multi-page --date "$date" \
  --authors "boxoffice maintainers" >/dev/null
pages=$(find .build/plugins -path '*GenerateManual*' -name '*.1' 2>/dev/null | grep '/boxoffice/' || true)
[ -n "$pages" ] || { echo "generate-manual made no pages for boxoffice" >&2; exit 1; }
cp $pages "$out/"
echo "man pages: $(ls "$out" | wc -l) in $out"
