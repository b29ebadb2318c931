#!/bin/sh
# SiteDesk container entrypoint (see docs/deploy.md).
#   serve    (default) apply the pending migrations, then start the API in the foreground
#   migrate  apply the pending migrations (and the demo data when SEED_DEMO=true), then exit
#   anything else is run as given, e.g. `docker compose run --rm api node -v`
# Migrations take a PostgreSQL advisory lock, so replicas that start together take turns.
set -eu
cd "$(dirname "$0")/.."

case "${1:-serve}" in
  serve)
    node dist/api/database/prepare.js
    # exec: node replaces the shell and receives SIGTERM itself (the API closes gracefully).
    exec node dist/api/main.js
    ;;
  migrate)
    exec node dist/api/database/prepare.js
    ;;
  *)
    exec "$@"
    ;;
esac
