#!/usr/bin/env bash
# Makes sure the system tools the editor suites need are present:
#   chromium      the headless browser that drives the code-server workbench
#   neovim        the second LSP client (test/nvim)
#   libkrb5-dev   headers for code-server's native kerberos module
#   build-essential, python3   node-gyp's toolchain for code-server's native modules
#   pre-commit    runs the pre-commit hook as projects use it (test/hooks)
# On Debian as root, missing packages are installed with apt-get (and named);
# anywhere else the script stops and names what to install. It never skips quietly.
set -euo pipefail

# command-or-file probe per package, so a non-Debian machine with the tools works too
declare -A probe=(
  [chromium]="chromium"
  [neovim]="nvim"
  [libkrb5-dev]="krb5-config"
  [build-essential]="g++ make"
  [python3]="python3"
  [pre-commit]="pre-commit"
)
order=(chromium neovim libkrb5-dev build-essential python3 pre-commit)

missing=()
for pkg in "${order[@]}"; do
  for cmd in ${probe[$pkg]}; do
    if ! command -v "$cmd" >/dev/null 2>&1; then
      missing+=("$pkg")
      break
    fi
  done
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system deps: chromium, neovim, libkrb5-dev, build-essential, python3, pre-commit present"
  exit 0
fi

is_debian=false
if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*debian' /etc/os-release && command -v apt-get >/dev/null; then
  is_debian=true
fi

if $is_debian && [ "$(id -u)" -eq 0 ]; then
  echo "system deps: installing with apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Re-check rather than trust apt's exit status alone.
  still=()
  for pkg in "${missing[@]}"; do
    for cmd in ${probe[$pkg]}; do
      command -v "$cmd" >/dev/null 2>&1 || { still+=("$pkg"); break; }
    done
  done
  if [ ${#still[@]} -ne 0 ]; then
    echo "system deps: still missing after apt-get: ${still[*]}" >&2
    exit 1
  fi
  echo "system deps: installed ${missing[*]}"
  exit 0
fi

echo "system deps: missing ${missing[*]}" >&2
if $is_debian; then
  echo "  install them as root: apt-get install -y ${missing[*]}" >&2
else
  echo "  install the equivalents of these Debian packages with your system's package manager," >&2
  echo "  then run the tests again (needed: a Chromium at /usr/bin/chromium or CHROMIUM_PATH, nvim >= 0.7," >&2
  echo "  Kerberos development headers, a C/C++ toolchain, python3 and pre-commit)." >&2
fi
exit 1
