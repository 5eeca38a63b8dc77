#!/usr/bin/env bash
# Runs test/nvim/lsp-test.lua in headless Neovim against the bundled server
# (dist/server.js, built by `npm run build`) on a scratch copy of the fixture workspace.
#   bash test/nvim/run.sh          (npm run test:nvim)
# PLT_SERVER overrides the server script (e.g. to try the harness against another server).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server="${PLT_SERVER:-$root/dist/server.js}"

fail() {
  echo "[nvim] $*" >&2
  echo "nvim: 0 passed, 1 failed"
  exit 1
}

command -v nvim >/dev/null || fail "nvim not found: run scripts/ensure-system-deps.sh (Debian package neovim)"
[ -f "$server" ] || fail "$server is missing: run npm run build"
# Neovim 0.7 is the oldest with everything the script uses (vim.lsp.start_client, vim.diagnostic).
version="$(nvim --version | head -1 | sed -E 's/^NVIM v([0-9]+)\.([0-9]+).*/\1 \2/')"
read -r major minor <<<"$version"
if [ "$major" -eq 0 ] && [ "$minor" -lt 7 ]; then fail "Neovim $major.$minor is too old; 0.7 or newer is needed"; fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/plt-nvim-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/test/editor/fixture" "$scratch/workspace"

# XDG folders inside the scratch folder keep Neovim's state and logs out of the user's.
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export PLT_NODE="${PLT_NODE:-$(command -v node)}" PLT_SERVER="$server" PLT_WORKSPACE="$scratch/workspace"

start=$(date +%s%N)
status=0
# timeout guards against a server that never answers; the script has its own waits.
# The script quits Neovim itself; the second -c only runs when it stopped on a Lua error.
timeout 120 nvim --headless --clean -c "luafile $root/test/nvim/lsp-test.lua" -c 'cquit! 2' \
  </dev/null 2>&1 | tee "$scratch/out.log" || status=${PIPESTATUS[0]}
echo "[nvim] finished in $(( ($(date +%s%N) - start) / 1000000 )) ms, exit $status"
if [ "$status" -eq 124 ]; then fail "Neovim timed out"; fi
if ! grep -q '^nvim: [0-9]* passed, [0-9]* failed' "$scratch/out.log"; then
  fail "the Lua script stopped before its summary (exit $status)"
fi
exit "$status"
