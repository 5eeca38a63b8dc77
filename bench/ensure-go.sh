#!/usr/bin/env bash
# Makes sure the benchmark's native anchor can be built: Go and HashiCorp's HCL library, both
# from Debian's packages (GOPATH mode, nothing downloaded):
#   golang-go                            the Go toolchain
#   golang-github-hashicorp-hcl-v2-dev   github.com/hashicorp/hcl/v2 under /usr/share/gocode
# On Debian as root, missing packages are installed with apt-get (and named); anywhere else
# the script names what to install and exits 1, and the benchmark skips the anchor.
set -euo pipefail

gopath=/usr/share/gocode
missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -d "$gopath/src/github.com/hashicorp/hcl/v2/hclsyntax" ] || missing+=(golang-github-hashicorp-hcl-v2-dev)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*debian' /etc/os-release && command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  echo "bench: installing with apt-get: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  if command -v go >/dev/null 2>&1 && [ -d "$gopath/src/github.com/hashicorp/hcl/v2/hclsyntax" ]; then
    exit 0
  fi
  echo "bench: still missing after apt-get: ${missing[*]}" >&2
  exit 1
fi

echo "bench: missing ${missing[*]} (Debian packages; install them as root with apt-get, or Go and github.com/hashicorp/hcl/v2 in GOPATH=$gopath)" >&2
exit 1
