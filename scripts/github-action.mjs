#!/usr/bin/env node
// The Lint step of action.yml. Inputs come as INPUT_* environment variables (the step maps
// them), the CLI as PRIVATELINK_CLI. It runs the CLI once per output it needs: JSON for the
// counts and the threshold, `--format github` for the annotations (GitHub reads workflow
// commands from stdout), SARIF when asked; writes the counts to GITHUB_OUTPUT and a table
// to GITHUB_STEP_SUMMARY; exits 1 when a finding reaches INPUT_FAIL_ON, 2 on a usage or I/O
// problem of the CLI.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const LEVELS = ['error', 'warning', 'information', 'hint'];

function input(name, fallback = '') {
  const v = process.env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

function bool(name, fallback) {
  const v = input(name, String(fallback)).toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`input ${name} must be true or false, not "${v}"`);
}

/** Splits the `args` input as a shell would for plain words and single or double quotes, without running a shell. */
export function splitArgs(text) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(text))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return out;
}

function appendFileVar(name, text) {
  const file = process.env[name];
  if (file) fs.appendFileSync(file, text);
}

function setOutput(key, value) {
  appendFileVar('GITHUB_OUTPUT', `${key}=${value}\n`);
}

function cli(args) {
  const r = spawnSync(process.execPath, [process.env.PRIVATELINK_CLI, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function main() {
  if (!process.env.PRIVATELINK_CLI || !fs.existsSync(process.env.PRIVATELINK_CLI)) {
    process.stdout.write(
      `::error title=privatelink-lint::the CLI was not built (${process.env.PRIVATELINK_CLI ?? 'PRIVATELINK_CLI unset'})\n`,
    );
    return 2;
  }
  const failOn = input('fail-on', 'error').toLowerCase();
  if (failOn !== 'never' && !LEVELS.includes(failOn))
    throw new Error(`input fail-on must be one of ${LEVELS.join(', ')} or never, not "${failOn}"`);
  const paths = input('paths', '.').split(/\s+/).filter(Boolean);
  const common = [...paths, ...(input('config') ? ['--config', input('config')] : []), ...splitArgs(input('args'))];

  const json = cli([...common, '--format', 'json']);
  process.stderr.write(json.stderr);
  if (json.status === 2 || json.status === null) return 2;
  const findings = JSON.parse(json.stdout);
  const counts = Object.fromEntries(LEVELS.map((l) => [l, findings.filter((f) => f.severity === l).length]));

  if (bool('annotations', true)) {
    const gh = cli([...common, '--format', 'github']);
    if (gh.status === 2) {
      process.stderr.write(gh.stderr);
      return 2;
    }
    process.stdout.write(gh.stdout);
  }

  if (bool('sarif', false)) {
    const file = input('sarif-file', 'privatelink.sarif');
    const sarif = cli([...common, '--format', 'sarif']);
    if (sarif.status === 2) {
      process.stderr.write(sarif.stderr);
      return 2;
    }
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, sarif.stdout);
    setOutput('sarif-file', file);
  }

  setOutput('errors', counts.error);
  setOutput('warnings', counts.warning);
  setOutput('information', counts.information);
  setOutput('hints', counts.hint);
  appendFileVar(
    'GITHUB_STEP_SUMMARY',
    `### PrivateLink for Terraform\n\n| errors | warnings | information | hints |\n|---|---|---|---|\n| ${counts.error} | ${counts.warning} | ${counts.information} | ${counts.hint} |\n`,
  );

  const reached = failOn === 'never' ? [] : LEVELS.slice(0, LEVELS.indexOf(failOn) + 1).filter((l) => counts[l] > 0);
  const line = LEVELS.map((l) => `${counts[l]} ${l}`).join(', ');
  if (reached.length > 0) {
    process.stdout.write(`::error title=privatelink-lint::${line}: findings at or above ${failOn}\n`);
    return 1;
  }
  process.stdout.write(`privatelink-lint: ${line}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let code;
  try {
    code = main();
  } catch (e) {
    process.stdout.write(`::error title=privatelink-lint::${e.message}\n`);
    code = 2;
  }
  process.exitCode = code;
}
