#!/usr/bin/env bash
# Installs a pinned code-server (a full VS Code: workbench, extension host, APIs) and
# the Node it requires into .vscode-test/code-server/, once. The editor suite runs in it
# because VS Code itself cannot be downloaded on machines limited to the npm registry.
# Idempotent: a marker file naming both versions makes later runs return at once.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_VERSION="${CODE_SERVER_NODE_VERSION:-24.21.0}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.vscode-test/code-server"
marker="$dir/.installed-code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"

if [ -f "$marker" ]; then
  echo "code-server $CODE_SERVER_VERSION (node $NODE_VERSION) already installed in .vscode-test/code-server"
  exit 0
fi

# Under `npm test` the outer npm exports its settings as npm_* variables, and nested npm
# commands read them back as configuration: npm_config_user_agent would still say Node 20,
# which code-server's postinstall checks. Start the installs from a clean npm environment.
while read -r var; do unset "$var"; done < <(compgen -e | grep -E '^npm_' || true)
unset NODE

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "code-server: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

start=$(date +%s)
echo "code-server: installing $CODE_SERVER_VERSION with node $NODE_VERSION into .vscode-test/code-server (4 to 11 minutes, about 800 MB)"
rm -rf "$dir"
# Two separate npm projects: node's own postinstall fetches the platform binary outside
# npm's lockfile, so a later install in the same project would prune it mid-build.
# Each gets its own package.json so npm never resolves into the repository's manifest.
mkdir -p "$dir/node" "$dir/app"
printf '{ "name": "code-server-node", "private": true }\n' > "$dir/node/package.json"
printf '{ "name": "code-server-app", "private": true }\n' > "$dir/app/package.json"

# CI has no terminal; keep npm quiet but leave errors visible.
npm_flags=(--no-audit --no-fund --loglevel=error)

npm install "${npm_flags[@]}" --prefix "$dir/node" "node@$NODE_VERSION"
nodedir="$dir/node/node_modules/node/node_modules/node-linux-$arch"
if [ ! -x "$nodedir/bin/node" ]; then
  echo "code-server: node $NODE_VERSION did not install a binary at $nodedir/bin/node" >&2
  exit 1
fi
echo "code-server: node $("$nodedir/bin/node" --version) ready"

# The native modules must be built against Node 24's headers, not the system Node's
# (npm's nodedir setting may point at the latter), and npm must run under Node 24 so
# code-server's engine check and postinstall see the right runtime.
PATH="$nodedir/bin:$PATH" \
  npm_config_nodedir="$nodedir" \
  npm install "${npm_flags[@]}" --prefix "$dir/app" "code-server@$CODE_SERVER_VERSION"

entry="$dir/app/node_modules/code-server/out/node/entry.js"
if [ ! -f "$entry" ]; then
  echo "code-server: install finished but $entry is missing" >&2
  exit 1
fi
"$nodedir/bin/node" "$entry" --version >/dev/null

printf 'code-server %s\nnode %s\nnode-bin %s\nentry %s\n' "$CODE_SERVER_VERSION" "$NODE_VERSION" "$nodedir/bin/node" "$entry" > "$marker"
echo "code-server: installed in $(( $(date +%s) - start ))s, $(du -sh "$dir" | cut -f1)"
