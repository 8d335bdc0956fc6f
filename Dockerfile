# syntax=docker/dockerfile:1
# The gateway as a container image:
#   docker build -t uqpay-graphql-gateway .
#   docker run -p 4000:4000 -e UQPAY_CLIENT_ID=… -e UQPAY_API_KEY=… -e UQPAY_BASE_URL=… uqpay-graphql-gateway
# Without UQPAY credentials it serves the embedded emulator's demo data, like `npm start`. Settings: .env.example.
#
# test/packaging/dockerfile.test.ts runs these very steps without Docker (each stage in a temporary directory:
# COPY, RUN, ENV, then CMD and HEALTHCHECK against the started gateway). It knows FROM, WORKDIR, ENV, COPY, RUN,
# USER, EXPOSE, HEALTHCHECK and CMD, and fails on any other instruction rather than skip it.

# Build: all dependencies (esbuild is a dev dependency), then `npm run build` bundles src/ into dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies only, the bundle, and the persisted-documents manifest it serves.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY generated/persisted-documents.json ./generated/
# The files stay root's: the process (the image's unprivileged `node` user) can read them, not change them.
USER node
EXPOSE 4000
# Liveness: /health answers while the process serves HTTP (slim images have no curl; node has fetch).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["node", "-e", \
  "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `npm run start:prod` without npm in the process tree, so SIGTERM reaches node and shutdown drains requests.
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=100", "dist/main.js"]
