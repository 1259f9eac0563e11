# h7lint in a container, built from the release tarball (no Swift in the image):
#   scripts/build-release dist
#   docker build --build-arg TARBALL=dist/h7lint-VERSION-linux-x86_64.tar.gz -t h7lint .
#   docker run --rm -v "$PWD:/src" -w /src h7lint check .
# The packages are the binary's libraries that Debian's slim image lacks: libxml2 (Foundation's XML reader) and
# libclang (loaded at run time); InstallTests checks the list against the binary. Not built here: the machines
# this project is developed on run no Docker engine.
FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libxml2 libclang1-14 \
    && rm -rf /var/lib/apt/lists/*
ARG TARBALL
# ADD unpacks a local tar archive.
ADD ${TARBALL} /opt/
RUN mv /opt/h7lint-* /opt/h7lint && ln -s /opt/h7lint/bin/h7lint /usr/local/bin/h7lint && h7lint --version
ENTRYPOINT ["h7lint"]
