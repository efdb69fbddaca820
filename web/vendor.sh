#!/usr/bin/env bash
# Reproduces web/static/vendor/: the dashboard's third-party files, built
# files only, each with its licence, at pinned versions, from the npm
# registry (npm pack; nothing is built or installed). Run from anywhere:
#   bash web/vendor.sh
# The outputs are committed, so `go install` users need no npm.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# name@version  file-in-package  name-in-vendor
files=(
  "uplot@1.6.32            dist/uPlot.esm.js                 uplot/uPlot.esm.js"
  "uplot@1.6.32            dist/uPlot.min.css                uplot/uPlot.min.css"
  "uplot@1.6.32            LICENSE                           uplot/LICENSE"
  "cytoscape@3.34.4        dist/cytoscape.esm.min.mjs        cytoscape/cytoscape.esm.min.js"
  "cytoscape@3.34.4        LICENSE                           cytoscape/LICENSE"
  "topojson-client@3.1.0   dist/topojson-client.min.js       topojson-client/topojson-client.min.js"
  "topojson-client@3.1.0   LICENSE                           topojson-client/LICENSE"
  "world-atlas@2.0.2       countries-110m.json               world-atlas/countries-110m.json"
  "world-atlas@2.0.2       LICENSE                           world-atlas/LICENSE"
)

declare -A packed
rm -rf "$out"
mkdir -p "$out"
for row in "${files[@]}"; do
  read -r spec src dst <<<"$row"
  dir="$tmp/${spec//[@\/]/_}"
  if [[ -z "${packed[$spec]:-}" ]]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
    packed[$spec]=1
  fi
  mkdir -p "$(dirname "$out/$dst")"
  cp "$dir/package/$src" "$out/$dst"
done

# What each file is and where it came from.
{
  echo "Third-party files of the dashboard, written by web/vendor.sh; do not edit."
  echo
  for row in "${files[@]}"; do
    read -r spec src dst <<<"$row"
    printf '%-42s %s (%s)\n' "$dst" "$spec" "$src"
  done
  echo
  echo "world-atlas redistributes Natural Earth's 1:110m Admin 0 country boundaries (public domain)."
} >"$out/SOURCES.txt"
(cd "$out" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
echo "web/vendor.sh: wrote $out"
