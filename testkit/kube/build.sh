#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager and kubectl for the pinned release from the
# Go module proxy, into the layout io.fabric8:kube-api-test reads:
#   <cache>/k8s/<version>-linux-amd64/{etcd,kube-apiserver,kube-controller-manager,kubectl}
# and beside them the optional extras for simulated nodes: kube-scheduler (same release) and kwok.
# Idempotent: builds only what is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
cache=${SLIPWAY_KUBE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway/kube-api-test}
out="$cache/k8s/${KUBE_VERSION}-linux-amd64"
bins=(etcd kube-apiserver kube-controller-manager kubectl)
# Not needed by kube-api-test's layout; LocalKubernetes runs them when present (simulated nodes).
extras=(kube-scheduler kwok)

have_all() { for b in "$@"; do [ -x "$out/$b" ] || return 1; done; }
if have_all "${bins[@]}" "${extras[@]}"; then echo "kube binaries $KUBE_VERSION present in $out"; exit 0; fi
command -v go >/dev/null || { echo "error: no Go toolchain (need go >= 1.25) to build the Kubernetes API server; install Go or set KUBECONFIG / KUBEBUILDER_ASSETS" >&2; exit 2; }

start=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-kube-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
staging=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
  cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api
  cri-client csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms
  kube-aggregator kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics
  mount-utils pod-security-admission sample-apiserver)

step() { printf '[%3ss] %s\n' $(( $(date +%s) - start )) "$*"; }

step "preparing wrapper module for k8s.io/kubernetes v$KUBE_VERSION"
mkdir -p "$work/kubernetes" "$work/etcd"
cp "$here/kubernetes/tools.go" "$work/kubernetes/"
{
  echo "module slipway.dev/kube-binaries"
  echo
  echo "go 1.24"
  echo
  echo "godebug default=go1.24"
  echo
  echo "require k8s.io/kubernetes v$KUBE_VERSION"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	k8s.io/$m => k8s.io/$m v0.${KUBE_VERSION#1.}"; done
  echo ")"
} > "$work/kubernetes/go.mod"
(cd "$work/kubernetes" && go mod tidy)

minor=${KUBE_VERSION#1.}; minor=${minor%%.*}
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$KUBE_VERSION \
 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor \
 -X k8s.io/client-go/pkg/version.gitVersion=v$KUBE_VERSION \
 -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
build_kube() { # <command> <output file>
  (cd "$work/kubernetes" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$2" "k8s.io/kubernetes/cmd/$1")
}

if have_all "${bins[@]}"; then
  # Only extras missing: add them next to the existing binaries.
  if [ ! -x "$out/kube-scheduler" ]; then
    step "building kube-scheduler"
    build_kube kube-scheduler "$out/kube-scheduler.partial" && mv "$out/kube-scheduler.partial" "$out/kube-scheduler"
  fi
  if [ ! -x "$out/kwok" ]; then
    step "building kwok v$KWOK_VERSION"
    GOBIN="$work/bin" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
    mv "$work/bin/kwok" "$out/kwok"
  fi
  step "done: $(ls "$out" | tr '\n' ' ')in $out"
  exit 0
fi

mkdir -p "$out.partial"
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  step "building $cmd (the first build compiles most of Kubernetes: several minutes on 2 cores)"
  build_kube "$cmd" "$out.partial/$cmd"
done

step "building etcd v$ETCD_VERSION"
cp "$here/etcd/main.go" "$work/etcd/"
cat > "$work/etcd/go.mod" <<GOMOD
module slipway.dev/etcd

go 1.25

require go.etcd.io/etcd/server/v3 v$ETCD_VERSION
GOMOD
(cd "$work/etcd" && go mod tidy && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out.partial/etcd" .)

# kwok (simulated nodes) has no replace directives: a plain go install works.
step "building kwok v$KWOK_VERSION"
GOBIN="$work/bin" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
mv "$work/bin/kwok" "$out.partial/kwok"

rm -rf "$out" && mv "$out.partial" "$out"
step "done: $(ls "$out" | tr '\n' ' ')in $out"
