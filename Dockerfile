# workspace-mcp container image: one static binary in an empty image, run as uid 10001.
#
#   DOCKER_BUILDKIT=1 docker build -t workspace-mcp .
#       compiles a static musl binary in a Rust builder (amd64, or arm64 under
#       `docker buildx build --platform linux/arm64`);
#   scripts/build-static.sh && DOCKER_BUILDKIT=1 docker build --build-arg BUILD_STAGE=prebuilt -t workspace-mcp .
#       packs the host-built static binary from dist/ instead (CI; no image is pulled).
#
# BuildKit is required: it builds only the stages the final image needs, and creates WORKDIRs
# owned by the USER in effect. No `# syntax=` line, so no frontend image is pulled either.
#
# Nothing else is needed at run time, which is why the final stage is `scratch`:
#   - CA certificates: the web PKI roots are compiled into the binary (webpki-root-certs);
#     mount a PEM bundle and set SSL_CERT_FILE to trust a corporate CA as well.
#   - DNS: host names are resolved by the static glibc's built-in `files` and `dns` lookups
#     (from /etc/hosts and /etc/resolv.conf, which the container runtime provides); no NSS
#     module is loaded.
#   - Time zones: Calendar's zone database (chrono-tz) is compiled in; nothing reads
#     /usr/share/zoneinfo.
#   - Health check: the binary's own `healthcheck` subcommand; no shell, no curl.

ARG BUILD_STAGE=builder

# --- Builder: Rust with the musl target for the platform being built ---------------------
FROM rust:1.95-bookworm AS toolchain
ARG TARGETPLATFORM
RUN set -eu; \
    case "${TARGETPLATFORM:-linux/$(dpkg --print-architecture)}" in \
      linux/amd64) triple=x86_64-unknown-linux-musl ;; \
      linux/arm64 | linux/arm64/*) triple=aarch64-unknown-linux-musl ;; \
      *) echo "no musl target for ${TARGETPLATFORM}; build with scripts/build-static.sh and BUILD_STAGE=prebuilt" >&2; exit 1 ;; \
    esac; \
    echo "$triple" > /target-triple; \
    rustup target add "$triple"; \
    apt-get update; \
    apt-get install -y --no-install-recommends musl-tools; \
    rm -rf /var/lib/apt/lists/*

# Manifests and target stand-ins only: the dependency layer below is reused until they change.
FROM toolchain AS skeleton
COPY Cargo.toml Cargo.lock /src/
COPY crates /src/crates
COPY deploy/image/cargo-skeleton.sh /usr/local/bin/cargo-skeleton
RUN sh /usr/local/bin/cargo-skeleton /src /skeleton

FROM toolchain AS builder
WORKDIR /build
COPY --from=skeleton /skeleton/ ./
RUN cargo build --locked --release --target "$(cat /target-triple)" -p workspace-mcp
# The real source replaces the stand-ins. Touch it: a checkout can be older than the stand-ins'
# build, and cargo would then keep the empty crates.
RUN rm -rf crates
COPY crates crates
COPY vendor vendor
RUN set -eu; \
    find crates vendor -type f -exec touch {} +; \
    triple="$(cat /target-triple)"; \
    cargo build --locked --release --target "$triple" -p workspace-mcp; \
    mkdir -p /out; \
    cp "target/$triple/release/workspace-mcp" /out/workspace-mcp; \
    if ldd /out/workspace-mcp 2>&1 | grep -q '=>'; then echo "workspace-mcp is not static" >&2; exit 1; fi

# --- Prebuilt: the static binary scripts/build-static.sh left in dist/ --------------------
FROM scratch AS prebuilt
COPY dist/workspace-mcp /out/workspace-mcp

FROM ${BUILD_STAGE} AS bin

# --- The image ---------------------------------------------------------------------------
FROM scratch
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="workspace-mcp" \
      org.opencontainers.image.description="MCP server for Google Workspace (Gmail, Drive, Calendar, ...), with an offline sandbox" \
      org.opencontainers.image.source="https://github.com/workspace-mcp-rs/workspace-mcp" \
      org.opencontainers.image.documentation="https://github.com/workspace-mcp-rs/workspace-mcp/blob/main/docs/deployment.md" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"

# A name for uid 10001, for tools that look one up; the binary itself needs none.
COPY deploy/image/passwd deploy/image/group /etc/
COPY --from=bin /out/workspace-mcp /workspace-mcp

# Streamable HTTP on all interfaces; tokens and attachments under the /data volume. PORT is
# left unset on purpose: when set it wins over WORKSPACE_MCP_PORT, as in the Python server.
ENV WORKSPACE_MCP_TRANSPORT=streamable-http \
    WORKSPACE_MCP_HOST=0.0.0.0 \
    WORKSPACE_MCP_PORT=8000 \
    WORKSPACE_MCP_CREDENTIALS_DIR=/data/credentials \
    WORKSPACE_ATTACHMENT_DIR=/data/attachments \
    HOME=/data

# WORKDIR creates each directory owned by the USER above it: /data is writable by the server
# and nothing else is (the root filesystem can be mounted read-only).
USER 10001:10001
WORKDIR /data/credentials
WORKDIR /data/attachments
WORKDIR /data
VOLUME ["/data"]

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/workspace-mcp", "healthcheck"]
ENTRYPOINT ["/workspace-mcp"]
