# resolution-ledger: a multi-stage build. The first stage compiles TypeScript with every dependency;
# the second holds only the compiled code and the built web console, production dependencies and the seeds, and runs as the
# unprivileged `node` user under tini. Node 24 LTS on Debian bookworm.
#
# test/deploy/dockerfile-npm-steps.spec.ts runs this file's npm steps (npm ci, the build, npm prune
# --omit=dev) in a clean copy of the repository and starts the pruned app: it reads them from here,
# and refuses RUN steps it does not know how to replay.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is a native addon: when no prebuilt binary fits, npm ci compiles it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY projections ./projections
# The web console: built into dist/web with the dev dependencies (React, Vite, ECharts), which the
# runtime stage does not need: it serves the built files only.
COPY web ./web
COPY scripts/build-console.js ./scripts/build-console.js
RUN npx tsc -p tsconfig.build.json \
 && npm run build:web \
 && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
# tini is PID 1: it forwards SIGTERM to node, which drains and hands over the projection lease
# (docs/production.md), and reaps orphaned children. As PID 1, node would reap nothing, and a
# signal it has no handler for would do nothing at all.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# GET /health answers 200 while both stores answer; Node has fetch, so no curl is needed.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
