// Helpers shared by the editor tests. They run inside the extension host and talk to the
// launcher only through the folder named by EDITOR_TEST_CHANNEL: the suite writes its
// results there and, under code-server (EDITOR_TEST_BROWSER=1), screenshot requests that
// the launcher, which drives the browser, answers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'privatelink-tools.privatelink-terraform';

/** Prefix of every console line the suite prints; run-code-server.mjs relays only these. */
export const SUITE_LOG_TAG = '[suite] ';

/** console.log for tests: the launcher shows these lines (others go to its log file only). */
export function suiteLog(...args: unknown[]): void {
  console.log(`${SUITE_LOG_TAG}${format(...args)}`);
}

const channel = process.env.EDITOR_TEST_CHANNEL;
// Set only by the code-server launcher, which drives a browser and can take screenshots.
const browser = process.env.EDITOR_TEST_BROWSER === '1';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
}

export function writeResults(results: SuiteResults): void {
  if (!channel) return;
  fs.writeFileSync(path.join(channel, 'results.json'), JSON.stringify(results));
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the editor suite needs the fixture workspace open');
  return folder.uri;
}

export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relative);
}

export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relative));
  return vscode.window.showTextDocument(doc);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something, or fails naming `what`. */
export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Every editor tab of the window. */
export function tabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** Resolves with the document's diagnostics once `accept` holds for them. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diags = vscode.languages.getDiagnostics(uri);
    if (accept(diags)) return diags;
    if (Date.now() > deadline) {
      const seen = diags.map((d) => `${String(codeOf(d))}@${d.range.start.line}`).join(', ');
      throw new Error(`timed out waiting for diagnostics on ${uri.path}; seen: [${seen}]`);
    }
    await sleep(100);
  }
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export interface ScreenshotAnswer {
  /** Absolute path of the PNG the launcher saved. */
  png: string;
  /**
   * For each requested CSS selector, the text (whitespace collapsed) of every matching element,
   * in the workbench and in every frame (webviews).
   */
  dom: Record<string, string[]>;
  /** The same elements' boxes, in their own frame's coordinates (CSS pixels). */
  rects?: Record<string, { x: number; y: number; width: number; height: number }[]>;
}

/**
 * Asks the launcher for a screenshot of the workbench (saved under .test-artifacts/) and
 * the text of the elements matching `selectors`, so a test can assert on what is shown.
 * Returns undefined when no launcher with a browser is listening (test-electron).
 */
export async function requestScreenshot(name: string, selectors: string[] = [], timeoutMs = 30_000): Promise<ScreenshotAnswer | undefined> {
  if (!channel || !browser) return undefined;
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_');
  const answer = path.join(channel, `${safe}.answer.json`);
  const request = path.join(channel, `${safe}.request.json`);
  fs.rmSync(answer, { force: true });
  // Written under a temporary name and renamed, so the launcher never reads half a file.
  fs.writeFileSync(`${request}.tmp`, JSON.stringify({ name: safe, selectors }));
  fs.renameSync(`${request}.tmp`, request);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(answer)) {
    if (Date.now() > deadline) throw new Error(`no screenshot answer for ${safe}`);
    await sleep(100);
  }
  return JSON.parse(fs.readFileSync(answer, 'utf8')) as ScreenshotAnswer;
}

/**
 * Runs the suite `load` declares (it requires the test files once mocha's globals exist) with
 * mocha's reporter printing through suiteLog, and writes the counts for the launcher. Rejects
 * when a test failed or none ran. `what` names the suite in those messages.
 */
export function runSuite(what: string, load: () => void): Promise<void> {
  // The workbench forwards the host's console to the launcher mixed with its own chatter, and
  // replacing the host's console methods has no effect there: mocha's reporters print through
  // this property (captured from console.log at load time), which is pointed at suiteLog.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const reporterLog = base.consoleLog;
  base.consoleLog = suiteLog;
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  // Publishes describe/it/before... as globals, as the mocha CLI does before each file.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, what, mocha);
  load();

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      // The launchers parse this line; it also lands in the results file.
      suiteLog(`editor suite: ${passed} passed, ${failed} failed`);
      writeResults({ passed, failed, pending: runner.stats?.pending ?? 0 });
      base.consoleLog = reporterLog;
      if (failures > 0) reject(new Error(`${failures} test(s) of the ${what} failed`));
      else if (passed === 0) reject(new Error(`the ${what} ran no tests`));
      else resolve();
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => {
      passed++;
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => {
      failed++;
    });
  });
}
