# The vellum-gateway binary (mirrors the CMake build of `make run`). Build
# from the repository root:
#   docker build -f docker/gateway.Dockerfile -t vellum-gateway .
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ make cmake pkg-config libboost-dev libpq-dev \
      libhiredis-dev rapidjson-dev libcrypt-dev libgtest-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY extension/core ./extension/core
COPY gateway ./gateway
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
 && cmake --build build -j"$(nproc)" --target vellum-gateway

# The browser client, built as `make run` builds it (gateway/web/build.sh).
FROM node:22-bookworm-slim AS web
WORKDIR /src/gateway/web
COPY gateway/web/package.json gateway/web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY gateway/web ./
RUN npm run build

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 libhiredis0.14 libcrypt1 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home vellum
COPY --from=build /src/build/vellum-gateway /usr/local/bin/vellum-gateway
COPY --from=web /src/gateway/web/dist /srv/vellum-web/dist
USER vellum
ENV HOST=0.0.0.0 PORT=8080 WEB_ROOT=/srv/vellum-web/dist
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fs http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["/usr/local/bin/vellum-gateway"]
