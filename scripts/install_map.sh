#!/bin/sh
# Installs Leaflet (BSD-2-Clause) from npm into vendor/leaflet, where covoit reads it at start
# (map_assets_dir) and serves it itself when map_tile_url is set: no CDN. Run once per
# deployment, or when the version below changes.
set -eu
cd "$(dirname "$0")/.."
VERSION=1.9.4
npm install --prefix vendor/npm --no-save --no-package-lock --no-audit --no-fund \
    "leaflet@$VERSION" >/dev/null
mkdir -p vendor/leaflet
cp vendor/npm/node_modules/leaflet/dist/leaflet.js vendor/npm/node_modules/leaflet/dist/leaflet.css \
    vendor/npm/node_modules/leaflet/LICENSE vendor/leaflet/
echo "Leaflet $VERSION installed in vendor/leaflet"
