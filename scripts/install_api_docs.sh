#!/bin/sh
# Installs Swagger UI (Apache-2.0) from npm into vendor/swagger-ui, where covoit reads it
# (api_docs_dir) to serve the API page /api/docs itself: no CDN. Run once per deployment, or
# when the version below changes.
set -eu
cd "$(dirname "$0")/.."
VERSION=5.35.0
npm install --prefix vendor/npm --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
    "swagger-ui-dist@$VERSION" >/dev/null
mkdir -p vendor/swagger-ui
cp vendor/npm/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
    vendor/npm/node_modules/swagger-ui-dist/swagger-ui.css \
    vendor/npm/node_modules/swagger-ui-dist/LICENSE vendor/swagger-ui/
echo "Swagger UI $VERSION installed in vendor/swagger-ui"
