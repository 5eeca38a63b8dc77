#!/usr/bin/env node
// Runs the extension-host suite (dist/test/editor/index.js) inside a real VS Code: the
// pinned code-server from scripts/ensure-code-server.sh, driven by headless Chromium.
// It builds nothing (run `npm run build` first), keeps all editor state in a temporary
// folder, copies the fixture workspace there, and always stops what it started.
//
//   node test/editor/run-code-server.mjs        (npm run test:vscode)
//
// Environment: EDITOR_TEST_TIMEOUT_MS (default 300000), CHROMIUM_PATH (default
// /usr/bin/chromium), EDITOR_TEST_KEEP_STATE=1 keeps the temporary folder for inspection.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const installDir = path.join(root, '.vscode-test/code-server');
// EDITOR_TEST_SUITE runs another bundled suite; EDITOR_TEST_VSIX installs that .vsix into the
// run's extensions folder first, as a user does, and tests the installed copy rather than this
// folder (test/editor/run-packaged.mjs); EDITOR_TEST_LABEL names the run in its summary line.
const suiteIndex = path.resolve(root, process.env.EDITOR_TEST_SUITE ?? 'dist/test/editor/index.js');
const vsix = process.env.EDITOR_TEST_VSIX ? path.resolve(process.env.EDITOR_TEST_VSIX) : undefined;
const label = process.env.EDITOR_TEST_LABEL ?? 'vscode';
const fixture = path.join(root, 'test/editor/fixture');
const artifacts = path.join(root, '.test-artifacts');
const timeoutMs = Number(process.env.EDITOR_TEST_TIMEOUT_MS ?? 300_000);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const workbenchLog = path.join(artifacts, `${label}-workbench.log`);
// Must match SUITE_LOG_TAG in test/editor/suite/harness.ts.
const SUITE_LOG_TAG = '[suite] ';
const started = Date.now();

function log(msg) {
  console.log(`[${label}] ${msg}`);
}

function fail(msg) {
  console.error(`[${label}] ${msg}`);
  console.log(`${label}: 0 passed, 1 failed`);
  process.exit(1);
}

/** Reads the install marker written by ensure-code-server.sh: node binary and entry point. */
function readInstall() {
  const marker = fs.existsSync(installDir) ? fs.readdirSync(installDir).find((f) => f.startsWith('.installed-code-server-')) : undefined;
  if (!marker) fail('code-server is not installed: run scripts/ensure-code-server.sh');
  const fields = Object.fromEntries(
    fs
      .readFileSync(path.join(installDir, marker), 'utf8')
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]),
  );
  if (!fields['node-bin'] || !fields.entry) fail(`install marker ${marker} is incomplete; delete .vscode-test/code-server and reinstall`);
  return { version: fields['code-server'], node: fields['node-bin'], entry: fields.entry };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(base, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error('code-server did not answer /healthz in time');
}

/** Makes the per-run folders; HOME and XDG point inside so nothing leaks into the user's. */
function makeState() {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-vscode-'));
  const dirs = {};
  for (const name of ['home', 'config', 'data', 'cache', 'runtime', 'tmp', 'user-data', 'extensions', 'browser', 'channel']) {
    dirs[name] = path.join(state, name);
    fs.mkdirSync(dirs[name], { recursive: true, mode: 0o700 });
  }
  dirs.workspace = path.join(state, 'workspace');
  fs.cpSync(fixture, dirs.workspace, { recursive: true });
  dirs.configFile = path.join(state, 'config.yaml');
  fs.writeFileSync(dirs.configFile, 'auth: none\ncert: false\n');
  dirs.serverLog = path.join(state, 'code-server.log');
  // Quiet, offline-friendly workbench: no AI side panel, welcome page or update checks,
  // so screenshots show the editor and the Problems panel rather than promotions.
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify(
      {
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
      },
      null,
      2,
    ),
  );
  return { state, dirs };
}

// Parses the mocha output relayed from the host when the results file is missing.
function countsFromLog(lines) {
  let passed;
  let failed;
  for (const line of lines) {
    const summary = /editor suite: (\d+) passed, (\d+) failed/.exec(line);
    if (summary) return { passed: Number(summary[1]), failed: Number(summary[2]) };
    const p = /^\s*(\d+) passing/.exec(line);
    if (p) passed = Number(p[1]);
    const f = /^\s*(\d+) failing/.exec(line);
    if (f) failed = Number(f[1]);
  }
  return passed === undefined ? undefined : { passed, failed: failed ?? 0 };
}

async function main() {
  if (!fs.existsSync(suiteIndex)) fail(`${path.relative(root, suiteIndex)} is missing: run npm run build`);
  if (!fs.existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath}: run scripts/ensure-system-deps.sh`);
  const install = readInstall();
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('playwright-core is missing: run npm ci');
  }

  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(workbenchLog, '');
  const { state, dirs } = makeState();
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const base = `http://${authority}`;

  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
    // Read by the suite (test/editor/suite/harness.ts) inside the extension host.
    EDITOR_TEST_CHANNEL: dirs.channel,
    EDITOR_TEST_EXTENSIONS_DIR: dirs.extensions,
    EDITOR_TEST_BROWSER: '1',
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  if (vsix) installVsix(install, env, dirs);
  const serverLog = fs.openSync(dirs.serverLog, 'w');
  log(`code-server ${install.version} on ${base}, state in ${state}`);
  const server = spawn(
    install.node,
    [
      install.entry,
      '--bind-addr',
      authority,
      '--auth',
      'none',
      '--config',
      dirs.configFile,
      '--user-data-dir',
      dirs['user-data'],
      '--extensions-dir',
      dirs.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // Without the smoke-test driver the workbench ignores the test payload.
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { env, cwd: dirs.home, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );

  let context;
  let page;
  let timer;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    clearTimeout(timer);
    if (context) await context.close().catch(() => {});
    // code-server forks the extension host and others: end the whole process group.
    killGroup(server.pid, 'SIGTERM');
    for (let i = 0; i < 40 && server.exitCode === null && server.signalCode === null; i++) await sleep(100);
    killGroup(server.pid, 'SIGKILL');
    fs.closeSync(serverLog);
    fs.copyFileSync(dirs.serverLog, path.join(artifacts, `${label}-code-server.log`));
    if (process.env.EDITOR_TEST_KEEP_STATE === '1') log(`state kept in ${state}`);
    else fs.rmSync(state, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const hostLines = [];
  let exitCode;
  let counts;
  try {
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`global timeout of ${timeoutMs / 1000}s reached`)), timeoutMs);
    });
    exitCode = await Promise.race([
      timedOut,
      (async () => {
        await waitForHealth(base, server, Date.now() + 60_000);
        log(`code-server healthy after ${((Date.now() - started) / 1000).toFixed(1)}s`);

        context = await chromium.launchPersistentContext(dirs.browser, {
          executablePath: chromiumPath,
          headless: true,
          viewport: { width: 1400, height: 900 },
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
        page = context.pages()[0] ?? (await context.newPage());

        let resolveExit;
        const exited = new Promise((r) => {
          resolveExit = r;
        });
        // The workbench calls these when the smoke-test driver is on: log lines from the
        // extension host (the suite's console output) and the suite's exit code.
        await page.exposeFunction('codeAutomationLog', (type, args) => {
          const text = format(...(Array.isArray(args) ? args : [args]));
          fs.appendFileSync(workbenchLog, `${type}: ${text}\n`);
          // The suite tags its own lines; the rest is workbench chatter, kept in the log file.
          if (!text.startsWith(SUITE_LOG_TAG)) return;
          for (const line of text.slice(SUITE_LOG_TAG.length).split('\n')) {
            hostLines.push(line);
            console.log(`  ${line}`);
          }
        });
        await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));

        const answering = answerScreenshots(page, dirs.channel, () => cleaned);
        const payload = JSON.stringify([
          ['extensionDevelopmentPath', `vscode-remote://${authority}${vsix ? smokeHost(dirs) : root}`],
          ['extensionTestsPath', `vscode-remote://${authority}${suiteIndex}`],
        ]);
        const url = `${base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`;
        await page.goto(url);
        log('workbench loaded; waiting for the suite');
        const code = await exited;
        await page
          .screenshot({ path: path.join(artifacts, `${label}-final.png`) })
          .catch((e) => log(`final screenshot failed: ${e.message}`));
        answering.stop();
        return code;
      })(),
    ]);
  } catch (err) {
    console.error(`[vscode] ${err.message}`);
    // What the workbench showed when it went wrong, e.g. a dialog or an error notification.
    if (page) await page.screenshot({ path: path.join(artifacts, `${label}-failure.png`), timeout: 10_000 }).catch(() => {});
    const tail = fs.readFileSync(dirs.serverLog, 'utf8').split('\n').slice(-30).join('\n');
    console.error(`[vscode] last lines of the code-server log:\n${tail}`);
    exitCode = 1;
  } finally {
    // Read before cleanup() removes the channel folder.
    const resultsFile = path.join(dirs.channel, 'results.json');
    counts = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : countsFromLog(hostLines);
    await cleanup();
  }

  if (!counts) counts = { passed: 0, failed: exitCode === 0 ? 0 : 1 };
  if (exitCode === 0 && counts.passed === 0) {
    console.error('[vscode] the suite reported success but ran no tests');
    exitCode = 1;
  }
  log(`finished in ${((Date.now() - started) / 1000).toFixed(1)}s, exit ${exitCode}; screenshots and logs in .test-artifacts/`);
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(exitCode);
}

/** `code-server --install-extension`, as a user installs a .vsix, into the run's extensions folder. */
function installVsix(install, env, dirs) {
  const args = [install.entry, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs['user-data']];
  const r = spawnSync(install.node, args, { env, cwd: dirs.home, encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  log(out.split('\n').pop());
  if (r.status !== 0 || !/successfully installed/i.test(out)) fail(`installing ${path.relative(root, vsix)} failed:\n${out}`);
}

/**
 * The extension host runs a suite only in extension development mode, for some development
 * folder: an empty extension of its own, so that the extension under test is the installed copy.
 */
function smokeHost(dirs) {
  const host = path.join(path.dirname(dirs.workspace), 'smoke-host');
  fs.mkdirSync(host, { recursive: true });
  fs.writeFileSync(
    path.join(host, 'package.json'),
    JSON.stringify({ name: 'packaged-smoke-host', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } }),
  );
  return host;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function answerOne(page, channel, file) {
  const reqPath = path.join(channel, file);
  const req = JSON.parse(fs.readFileSync(reqPath, 'utf8'));
  fs.rmSync(reqPath);
  const png = path.join(artifacts, `${label}-${req.name}.png`);
  const dom = {};
  const rects = {};
  try {
    // A request may ask for a click first (a row of the Extensions view, which only a pointer opens).
    if (req.click) {
      await page.click(req.click, { timeout: 10_000 });
      await sleep(req.settleMs ?? 0);
    }
    // The workbench and every frame in it: webviews (the topology, the Markdown preview) draw
    // inside nested frames of their own. Read before the picture is taken, so that what the
    // answer says is shown is in the picture too (a webview that renders late).
    const frames = page.frames();
    for (const sel of req.selectors ?? []) {
      dom[sel] = [];
      rects[sel] = [];
      for (const frame of frames) {
        const found = await frame
          .$$eval(sel, (els) =>
            els.map((e) => {
              const r = e.getBoundingClientRect();
              return {
                text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
                rect: { x: r.x, y: r.y, width: r.width, height: r.height },
              };
            }),
          )
          .catch(() => []);
        for (const f of found) {
          dom[sel].push(f.text);
          rects[sel].push(f.rect);
        }
      }
    }
    await page.screenshot({ path: png });
  } catch (e) {
    dom.error = [String(e.message ?? e)];
  }
  const answer = path.join(channel, `${req.name}.answer.json`);
  fs.writeFileSync(`${answer}.tmp`, JSON.stringify({ png, dom, rects }));
  fs.renameSync(`${answer}.tmp`, answer);
  log(`screenshot ${path.relative(root, png)}`);
}

/** Polls the channel folder for screenshot requests from the suite and answers them. */
function answerScreenshots(page, channel, isStopped) {
  let stopped = false;
  const loop = (async () => {
    while (!stopped && !isStopped()) {
      try {
        for (const file of fs.readdirSync(channel).filter((f) => f.endsWith('.request.json'))) {
          await answerOne(page, channel, file);
        }
      } catch (e) {
        // A bad request must not take the run down; the suite times out waiting instead.
        log(`screenshot request failed: ${e.message ?? e}`);
      }
      await sleep(150);
    }
  })();
  return {
    stop: () => {
      stopped = true;
      return loop;
    },
  };
}

main().catch((err) => fail(err.stack ?? String(err)));
