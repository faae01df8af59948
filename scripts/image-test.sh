#!/usr/bin/env bash
# Builds the Dockerfile without a Docker daemon (buildah, vfs storage, chroot isolation) over a Debian
# bookworm base made here with debootstrap, runs the image, and checks it from outside the container:
#   - the image's own HEALTHCHECK command passes,
#   - one question over HTTP from the host gets a cited answer,
#   - the server process runs as a non-root user,
#   - the index was built into the image (present before the server starts, not rebuilt at run time).
# Used by `make image-test` (and so by .ci/run). Users with Docker build the same Dockerfile unchanged:
#   docker build -t ragqa . && docker run -p 8000:8000 ragqa
#
# Settings (environment):
#   RAGQA_IMAGE_CACHE   where the base tarball and buildah's storage go (default ~/.cache/ragqa/image)
#   DEBIAN_MIRROR       mirror for debootstrap (default: the first deb.debian.org-style URI apt uses here)
#   KEEP_IMAGE=1        keep the built image and storage afterwards (default: removed, vfs copies are large)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${RAGQA_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ragqa/image}
STORE="$CACHE/storage"
RUNROOT="$CACHE/run"
TAG=localhost/ragqa:ci
BASE_TAG=localhost/ragqa-base:bookworm
log() { echo "image-test: $*"; }
die() { echo "image-test: FAILED: $*" >&2; exit 1; }

sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
  log "installing buildah and debootstrap (Debian packages)"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    buildah debootstrap fuse-overlayfs uidmap iproute2 >/dev/null
fi
mkdir -p "$CACHE" "$RUNROOT"
BUILDAH=(buildah --root "$STORE" --runroot "$RUNROOT" --storage-driver vfs)

# 1. The base: Debian bookworm minbase with python3.11, venv and CA certificates (cached as a tarball).
mirror=${DEBIAN_MIRROR:-$( (grep -h -o -E '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list \
  /etc/apt/sources.list.d/* 2>/dev/null || true) | grep -v security | head -1 | awk '{print $2}')}
mirror=${mirror:-http://deb.debian.org/debian}
base_tar="$CACHE/bookworm-minbase-py311.tar"
if [ ! -s "$base_tar" ]; then
  log "debootstrap bookworm from $mirror"
  root=$(mktemp -d "$CACHE/rootfs.XXXX")
  $sudo debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$root" "$mirror" \
    >"$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log"; die "debootstrap"; }
  $sudo rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  $sudo tar -C "$root" -cf "$base_tar.tmp" . && mv "$base_tar.tmp" "$base_tar"
  $sudo rm -rf "$root"
fi
if ! "${BUILDAH[@]}" inspect --type image "$BASE_TAG" >/dev/null 2>&1; then
  ctx=$(mktemp -d)
  ln "$base_tar" "$ctx/base.tar" 2>/dev/null || cp "$base_tar" "$ctx/base.tar"
  printf 'FROM scratch\nADD base.tar /\nCMD ["/bin/bash"]\n' > "$ctx/Containerfile"
  "${BUILDAH[@]}" bud --isolation chroot --format docker -q -t "$BASE_TAG" -f "$ctx/Containerfile" "$ctx" >/dev/null
  rm -rf "$ctx"
fi

# 2. The package-index configuration of this machine, passed as build arguments; local paths it names
#    (a wheel directory, a file:// index, the CA bundle) are mounted read-only for the RUN steps only.
build_args=(); mounts=()
pipconf() {  # value of a pip option from the environment or pip's configuration files
  local env=$1 key=$2 v
  v=${!env:-}
  [ -n "$v" ] || v=$(python3 -m pip config get "global.$key" 2>/dev/null || true)
  printf '%s' "$v"
}
mount_paths() {
  local word p
  for word in $1; do
    p=${word#file://}; p=${p%/}
    # a local "simple" index links to files beside it (../files/...): mount its parent
    case "$p" in */simple) p=${p%/simple} ;; esac
    case "$p" in /*) if [ -e "$p" ]; then mounts+=(-v "$p:$p:ro"); fi ;; esac
  done
}
for pair in PIP_CERT:cert PIP_FIND_LINKS:find-links PIP_INDEX_URL:index-url PIP_EXTRA_INDEX_URL:extra-index-url \
            PIP_TRUSTED_HOST:trusted-host; do
  env=${pair%%:*}; key=${pair#*:}
  val=$(pipconf "$env" "$key" | tr '\n' ' ' | sed 's/ *$//')
  [ -n "$val" ] || continue
  build_args+=(--build-arg "$env=$val")
  mount_paths "$val"
done

# 3. Build the repository's Dockerfile, unchanged, over that base.
log "building $TAG from Dockerfile (base $BASE_TAG)"
start=$(date +%s)
"${BUILDAH[@]}" bud --isolation chroot --format docker --layers=false \
  --build-arg "BASE_IMAGE=$BASE_TAG" "${build_args[@]}" "${mounts[@]}" \
  -t "$TAG" -f Dockerfile . >"$CACHE/build.log" 2>&1 || { tail -40 "$CACHE/build.log"; die "image build"; }
log "built in $(( $(date +%s) - start )) s; $(grep -c . "$CACHE/build.log") lines of build log in $CACHE/build.log"

config=$("${BUILDAH[@]}" inspect --type image "$TAG")
cfg() { printf '%s' "$config" | python3 -c "import json, sys; c = json.load(sys.stdin)['Docker']['config']; $1"; }
user=$(cfg 'print(c.get("User") or "")')
cmd_json=$(cfg 'print(json.dumps(c.get("Cmd")))')
hc_json=$(cfg 'print(json.dumps((c.get("Healthcheck") or {}).get("Test")))')
[ -n "$user" ] && [ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] || die "image USER is '$user', not a non-root user"
[ "$hc_json" != null ] && [ -n "$hc_json" ] || die "image has no HEALTHCHECK"

# 4. Run it: a container from the image, started with the image's own CMD, on a free loopback port.
ctr=$("${BUILDAH[@]}" from --quiet "$TAG")
server_pid=""
cleanup() {
  local rc=$?
  set +e  # best effort from here on; the script's own status is what counts
  if [ -n "$server_pid" ]; then
    kill -- -"$server_pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- -"$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
  fi
  # Working containers of this and of earlier interrupted runs, then the image (vfs copies are ~2 GB each);
  # the base image stays, for the next run.
  "${BUILDAH[@]}" rm --all >/dev/null 2>&1 || true
  if [ "${KEEP_IMAGE:-0}" != 1 ]; then
    "${BUILDAH[@]}" rmi -f "$TAG" >/dev/null 2>&1 || true
    "${BUILDAH[@]}" rmi --prune >/dev/null 2>&1 || true
  fi
  exit "$rc"
}
trap cleanup EXIT
run_in() { "${BUILDAH[@]}" run --isolation chroot "$@"; }

# The index is in the image: its manifest is there before anything runs.
manifest=$(run_in "$ctr" -- sh -c 'cat "$RAGQA_INDEX__DIR/current/manifest.json"') || die "no index built into the image"
chunks=$(printf '%s' "$manifest" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m.get("counts", {}).get("chunks") or len(m.get("files", {})))')
log "index in the image before start: manifest present, $chunks chunks"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mapfile -t cmd < <(printf '%s' "$cmd_json" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))')
# Bind to loopback only here (the image's default is 0.0.0.0:8000 for a published container port).
setsid "${BUILDAH[@]}" run --isolation chroot --env UVICORN_HOST=127.0.0.1 --env UVICORN_PORT="$port" "$ctr" -- \
  "${cmd[@]}" >"$CACHE/server.log" 2>&1 &
server_pid=$!

mapfile -t hc < <(printf '%s' "$hc_json" | python3 -c 'import json,sys; t=json.load(sys.stdin); print("\n".join(t[1:] if t[0]=="CMD" else ["sh","-c",t[1]]))')
deadline=$(( $(date +%s) + 120 ))
until run_in --env UVICORN_PORT="$port" "$ctr" -- "${hc[@]}" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { tail -30 "$CACHE/server.log"; die "the container's server exited"; }
  [ "$(date +%s)" -lt "$deadline" ] || { tail -30 "$CACHE/server.log"; die "healthcheck never passed in 120 s"; }
  sleep 1
done
log "healthcheck passed (port $port)"
# /healthz is liveness (it answers while the engine loads); a client waits for /readyz before asking.
python3 - "$port" <<'EOF' || { tail -30 "$CACHE/server.log"; die "the containerised service never became ready"; }
import json, sys, time, urllib.error, urllib.request
url, deadline = f"http://127.0.0.1:{sys.argv[1]}/readyz", time.monotonic() + 120
while True:
    try:
        body = json.load(urllib.request.urlopen(url, timeout=5))
        print("image-test: ready, build", body["index"].get("build"))
        break
    except urllib.error.HTTPError as exc:
        loading = json.load(exc)
        if loading.get("status") == "error" or time.monotonic() > deadline:
            sys.exit(f"not ready: {loading}")
    time.sleep(0.2)
EOF

# One question over HTTP from outside the container; the answer must cite passages it returned.
python3 - "$port" <<'EOF' || die "the containerised service did not give a cited answer"
import json, re, sys, urllib.request
port = sys.argv[1]
req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/ask",
                             data=json.dumps({"question": "화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?"}).encode(),
                             headers={"Content-Type": "application/json"})
body = json.load(urllib.request.urlopen(req, timeout=60))
markers = {int(m) for m in re.findall(r"\[(\d+)\]", body["answer"])}
passages = {p["id"]: p for p in body["passages"]}
cited = {c["id"] for c in body["citations"]}
assert not body["abstained"], body
assert markers and markers == cited and cited <= set(passages), body
assert "384" in body["answer"], body["answer"]
print("image-test: cited answer:", body["answer"][:160].replace("\n", " "))
EOF

# The server process runs as a non-root user.
pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$pid" ] || die "no process listens on port $port"
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
[ "$uid" != 0 ] || die "the server runs as root"
log "server pid $pid runs as uid $uid"
log "ok"
