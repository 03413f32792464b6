# covoit in a container: built with the same toolchain as the project, run from a small
# Debian image as a user of its own. Data lives in the /data volume (SQLite by default).
#   docker build -t covoit .
#   docker run -p 8000:8000 -v covoit-data:/data -e SECRET_KEY=... \
#     -e BASE_URL=https://covoit.example.org -e SMTP_HOST=... covoit
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin covoit \
    && strip target/release/covoit

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin covoit \
    && mkdir /data && chown covoit:covoit /data
COPY --from=build /src/target/release/covoit /usr/local/bin/covoit
USER covoit
WORKDIR /data
ENV ROCKET_PROFILE=release \
    ROCKET_ADDRESS=0.0.0.0 \
    ROCKET_PORT=8000 \
    DATABASE_URL=sqlite:///data/covoit.db?mode=rwc
VOLUME ["/data"]
EXPOSE 8000
# covoit asks its own /healthz (the image has no curl): database, writes, background task.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["covoit", "healthcheck"]
STOPSIGNAL SIGTERM
CMD ["covoit", "serve"]
