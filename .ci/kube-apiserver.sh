#!/usr/bin/env bash
# Builds kube-apiserver v1.20.2 offline from Debian's `kubernetes` source package (DESIGN §10) and
# caches it, with etcd and a kubectl 1.20 beside it, under ~/.cache/vigil/k8s. Idempotent: a machine
# that kept the cache skips the ~5 min build. Prints the cache directory on its last line.
set -euo pipefail
cache="${VIGIL_K8S_CACHE:-$HOME/.cache/vigil/k8s}"
mkdir -p "$cache/bin"
export DEBIAN_FRONTEND=noninteractive

# Debian ships init scripts that would start etcd on 2379: forbid service starts while installing.
forbid_services() {
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
  fi
}

need=()
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
[ -x "$cache/bin/kube-apiserver" ] || need+=(golang-go dpkg-dev rsync golang-github-modern-go-reflect2-dev)
if [ ${#need[@]} -gt 0 ]; then
  forbid_services
  if ! grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    cat > /etc/apt/sources.list.d/vigil-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # A distro etcd started despite policy-rc.d (or before it) must not hold 2379 during tests.
  (systemctl stop etcd 2>/dev/null || service etcd stop 2>/dev/null || true) >/dev/null 2>&1
fi

# kubectl 1.20 (kustomize of that era) without replacing whatever /usr/bin/kubectl the machine has.
if [ ! -x "$cache/bin/kubectl" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download kubernetes-client >/dev/null 2>&1 && dpkg -x kubernetes-client_*.deb x)
  cp "$tmp/x/usr/bin/kubectl" "$cache/bin/kubectl"
  rm -rf "$tmp"
fi

if [ ! -x "$cache/bin/kube-apiserver" ]; then
  work=$(mktemp -d)
  export GOPATH="$work/gopath" GOCACHE="$work/gocache" GOFLAGS=-mod=vendor GO111MODULE=on
  mkdir -p "$GOPATH/src/k8s.io"
  (cd "$work" && apt-get source -qq --download-only kubernetes >/dev/null && dpkg-source -x --no-check kubernetes_*.dsc src >/dev/null)
  mv "$work/src" "$GOPATH/src/k8s.io/kubernetes"
  cd "$GOPATH/src/k8s.io/kubernetes"
  # Under Go >= 1.18 the vendored reflect2 1.0.1 crashes on the first custom resource.
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go vendor/github.com/modern-go/reflect2/
  rm -f vendor/github.com/modern-go/reflect2/go_above_17.go vendor/github.com/modern-go/reflect2/go_below_1{7,9}.go 2>/dev/null || true
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go vendor/github.com/modern-go/reflect2/
  make WHAT=cmd/kube-apiserver KUBE_VERBOSE=0 >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
  cp _output/bin/kube-apiserver "$cache/bin/kube-apiserver"
  cd / && rm -rf "$work"
fi
ln -sf "$(command -v etcd)" "$cache/bin/etcd"
echo "$cache"
