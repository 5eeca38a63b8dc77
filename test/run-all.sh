#!/usr/bin/env bash
# `npm test`: every suite, in order, stopping at the first failure with the step named.
#   system deps -> build -> typecheck -> lint -> mocha (unit, rules, LSP, CLI) -> pre-commit hook ->
#   Neovim -> code-server install -> VS Code suite in code-server -> the packaged .vsix in code-server
# Prints each runner's summary line and a final "all: N passed, N failed". Installing the
# project's npm packages is not its job (npm ci is, see the README).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
logs="$(mktemp -d "${TMPDIR:-/tmp}/plt-test-XXXXXX")"
trap 'rm -rf "$logs"' EXIT

total_passed=0
total_failed=0
summaries=()
suite_start=$(date +%s)

print_totals() {
  echo
  echo "== summary"
  for line in "${summaries[@]}"; do echo "$line"; done
  echo "all: $total_passed passed, $total_failed failed ($(( $(date +%s) - suite_start ))s)"
}

# step NAME CMD...: runs CMD with its output shown and kept in $logs/NAME.log.
step() {
  local name="$1"
  shift
  echo
  echo "== $name: $*"
  local start status=0
  start=$(date +%s)
  "$@" 2>&1 | tee "$logs/$name.log" || status=${PIPESTATUS[0]}
  echo "== $name: exit $status in $(( $(date +%s) - start ))s"
  return "$status"
}

# count NAME PASSED FAILED: adds a runner's counts to the totals and remembers its line.
count() {
  summaries+=("$1: $2 passed, $3 failed")
  total_passed=$(( total_passed + $2 ))
  total_failed=$(( total_failed + $3 ))
}

# runner_counts NAME LABEL: reads "LABEL: N passed, N failed" from the step's log.
runner_counts() {
  local line
  line="$(grep -E "^$2: [0-9]+ passed, [0-9]+ failed" "$logs/$1.log" | tail -1 || true)"
  if [ -z "$line" ]; then
    count "$2" 0 1
    return
  fi
  read -r p f <<<"$(sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' <<<"$line")"
  count "$2" "$p" "$f"
}

# mocha prints "N passing", "N failing", "N pending"; pending tests count as neither.
mocha_counts() {
  local p f
  p="$(grep -E '^\s+[0-9]+ passing' "$logs/$1.log" | tail -1 | grep -oE '[0-9]+' | head -1 || true)"
  f="$(grep -E '^\s+[0-9]+ failing' "$logs/$1.log" | tail -1 | grep -oE '[0-9]+' | head -1 || true)"
  count mocha "${p:-0}" "${f:-0}"
}

stop() {
  echo >&2
  echo "npm test: stopped at '$1': $2" >&2
  print_totals
  exit 1
}

step system-deps bash scripts/ensure-system-deps.sh || stop system-deps "install the packages named above"
step build npm run -s build || stop build "the esbuild bundle failed"
step typecheck node_modules/.bin/tsc --noEmit -p . || stop typecheck "TypeScript errors above"
step lint npm run -s lint || stop lint "lint or formatting errors above (npm run format fixes most)"

mocha_status=0
step mocha node_modules/.bin/mocha --reporter spec || mocha_status=$?
mocha_counts mocha
[ "$mocha_status" -eq 0 ] || stop mocha "unit, rule, LSP or CLI tests failed"

# The pre-commit hook through Debian's pre-commit: two first-time hook installs (npm install of the
# hook repository from npm's cache, npm pack, npm install -g), about a minute each.
hooks_status=0
step pre-commit node test/hooks/pre-commit.mjs || hooks_status=$?
runner_counts pre-commit pre-commit
[ "$hooks_status" -eq 0 ] || stop pre-commit "the pre-commit hook test failed"

nvim_status=0
step nvim bash test/nvim/run.sh || nvim_status=$?
runner_counts nvim nvim
[ "$nvim_status" -eq 0 ] || stop nvim "the Neovim LSP test failed"

step code-server-install bash scripts/ensure-code-server.sh || stop code-server-install "code-server could not be installed"

vscode_status=0
step vscode node test/editor/run-code-server.mjs || vscode_status=$?
runner_counts vscode vscode
[ "$vscode_status" -eq 0 ] || stop vscode "the VS Code suite failed (screenshots and logs in .test-artifacts/)"

# The .vsix (checked as the marketplaces see it) installed into code-server as a user installs it.
packaged_status=0
step vscode-packaged node test/editor/run-packaged.mjs || packaged_status=$?
runner_counts vscode-packaged vscode-packaged
[ "$packaged_status" -eq 0 ] || stop vscode-packaged "the packaged extension failed its smoke test (screenshots in .test-artifacts/)"

print_totals
[ "$total_failed" -eq 0 ] || exit 1
