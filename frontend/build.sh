#!/usr/bin/env bash
# Installs the pinned front-end packages and copies what the pages load into the ui app's
# static files (and axe-core for the browser tests). The copied files are committed, so
# running Haven never needs Node; run this again after changing package.json.
#
# The precompiled CSS of GOV.UK Frontend and MoJ Frontend refers to fonts and images as
# url(/assets/...). Haven serves them under /static/ui/vendor/<package>/assets/, so the
# references are made relative to the stylesheet (url(assets/...)), which also lets the
# hashed static-files storage rewrite them. sourceMappingURL comments are removed because
# the source maps are not shipped (the hashed storage would otherwise look for them).
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund

repo=..
static="$repo/src/haven/ui/static/ui/vendor"
govuk=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj
htmx=node_modules/htmx.org/dist

relative_assets() {
  sed -E -e 's#url\((["'"'"']?)/assets/#url(\1assets/#g' \
         -e 's#/\*[#@] sourceMappingURL=[^*]*\*/##g' \
         -e 's#//[#@] sourceMappingURL=.*$##' "$1" > "$2"
}

version_of() {
  node -p "require('./node_modules/$1/package.json').version"
}

rm -rf "$static/govuk-frontend" "$static/moj-frontend" "$static/htmx"
mkdir -p "$static/govuk-frontend" "$static/moj-frontend" "$static/htmx" "$repo/tests/e2e/vendor"

relative_assets "$govuk/govuk-frontend.min.css" "$static/govuk-frontend/govuk-frontend.min.css"
relative_assets "$govuk/govuk-frontend.min.js" "$static/govuk-frontend/govuk-frontend.min.js"
cp -R "$govuk/assets" "$static/govuk-frontend/assets"
version_of govuk-frontend > "$static/govuk-frontend/VERSION"

relative_assets "$moj/moj-frontend.min.css" "$static/moj-frontend/moj-frontend.min.css"
relative_assets "$moj/moj-frontend.min.js" "$static/moj-frontend/moj-frontend.min.js"
cp -R "$moj/assets" "$static/moj-frontend/assets"
version_of @ministryofjustice/frontend > "$static/moj-frontend/VERSION"

cp "$htmx/htmx.min.js" "$static/htmx/htmx.min.js"
version_of htmx.org > "$static/htmx/VERSION"

cp node_modules/axe-core/axe.min.js "$repo/tests/e2e/vendor/axe.min.js"

# Every url(...) in the copied stylesheets must name a file that was copied.
status=0
for css in "$static"/govuk-frontend/*.css "$static"/moj-frontend/*.css; do
  dir=$(dirname "$css")
  for ref in $(grep -oE 'url\([^)]*\)' "$css" | sed -E 's/^url\(["'"'"']?//; s/["'"'"']?\)$//' | sort -u); do
    case "$ref" in data:*) continue ;; esac
    if [ ! -f "$dir/$ref" ]; then
      echo "missing: $ref (from $css)" >&2
      status=1
    fi
  done
done
exit $status
