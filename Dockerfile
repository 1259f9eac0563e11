# h7lint in a container, for CI systems that prefer an image (untested here: this machine runs no Docker
# engine). Build: docker build -t h7lint .   Run: docker run --rm -v "$PWD:/src" -w /src h7lint check .
FROM swift:6.1-bookworm AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libclang-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /h7lint
COPY Package.swift ./
COPY Sources Sources
COPY Plugins Plugins
COPY Rules Rules
RUN swift build -c release --product h7lint && cp "$(swift build -c release --show-bin-path)/h7lint" /usr/local/bin/h7lint

FROM swift:6.1-bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libclang1-14 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/h7lint /usr/local/bin/h7lint
ENTRYPOINT ["h7lint"]
