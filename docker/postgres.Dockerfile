# PostgreSQL 15 with the vellum extension built and installed (mirrors
# `make && make install`). Build from the repository root:
#   docker build -f docker/postgres.Dockerfile -t vellum-postgres .
FROM postgres:15-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential postgresql-server-dev-15 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Makefile ./
COPY extension ./extension
COPY regress/schedule ./regress/schedule
RUN make PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config \
 && make install PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config DESTDIR=/out

FROM postgres:15-bookworm
COPY --from=build /out/usr/ /usr/
# Creates the extension in the database the image creates (POSTGRES_DB).
COPY docker/initdb-vellum.sql /docker-entrypoint-initdb.d/10-vellum.sql
# The maintenance worker (auto-save versions, the daily cleanup) runs inside
# PostgreSQL when the library is preloaded; it keeps the database named by
# vellum.database (default "vellum", the POSTGRES_DB of compose.yaml).
CMD ["postgres", "-c", "shared_preload_libraries=vellum"]
