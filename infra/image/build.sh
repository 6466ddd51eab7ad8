#!/usr/bin/env bash
# Builds the three application images with Jib as `docker save` tarballs, with no registry and no Docker daemon, and
# checks each image's config (check-image.py). Output: IMAGE_TAR_DIR (default infra/target/images)/{hub,
# code-assignment,result-notification}.tar, loadable elsewhere with `docker load -i`.
# The base is made from this machine's JDK (base-image.py) because no registry is reachable here; with one, build the
# images on the UBI OpenJDK runtime instead: ./mvnw package -Pimage [-Dquarkus.container-image.push=true].
# Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${IMAGE_TAR_DIR:-$root/infra/target/images}"
mkdir -p "$out"
rm -f "$out"/hub.tar "$out"/code-assignment.tar "$out"/result-notification.tar

python3 infra/image/check-image.py --self-test
[ -f "$out/base/jre-base.tar" ] || python3 infra/image/base-image.py "$out/base/jre-base.tar"

IMAGE_TAR_DIR="$out" ./mvnw -B -q package -Pimage -DskipTests "$@" \
  -pl routes,functions/code-assignment,functions/result-notification -am \
  -Dquarkus.jib.base-jvm-image="tar://$out/base/jre-base.tar" \
  -Dquarkus.jib.docker-executable-name="$root/infra/image/tar-docker"

python3 infra/image/check-image.py "$out/hub.tar" "$out/code-assignment.tar" "$out/result-notification.tar"
