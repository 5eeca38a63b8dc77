// Workspace-wide requests: "Lint workspace" (every module, findings published, work-done
// progress, cancellable) and the server's own figures for the status item and benchmarks.

import { keptStats } from '../incremental/answers';
import { CancellationToken, type WorkDoneProgressParams, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { releaseIfGrown, releaseMemory } from '../lsp/release';
import { safe } from '../lsp/safe';
import { yieldToMessages, type Session } from '../lsp/session';
import { findModuleDirs } from '../lsp/walk';
import type { WorkspaceModel } from '../model/types';
import { LINT_WORKSPACE_REQUEST, STATS_REQUEST, type LintWorkspaceResult, type StatsResult } from '../protocol';

export function registerWorkspace(session: Session): void {
  const { connection } = session;
  connection.onRequest(
    LINT_WORKSPACE_REQUEST,
    safe(connection, 'lintWorkspace', null, (params: WorkDoneProgressParams | undefined, token: CancellationToken) =>
      lintWorkspace(session, params ?? {}, token),
    ),
  );
  connection.onRequest(
    STATS_REQUEST,
    safe(connection, 'stats', null, () => stats(session)),
  );
}

/** Module folders analysed in one scratch model before it is let go. */
const RENEW_EVERY = 50;

const silent: WorkDoneProgressReporter = { begin() {}, report() {}, done() {} };

async function reporterFor(
  session: Session,
  params: WorkDoneProgressParams,
): Promise<{ reporter: WorkDoneProgressReporter; token?: CancellationToken }> {
  if (params.workDoneToken !== undefined) return { reporter: session.connection.window.attachWorkDoneProgress(params.workDoneToken) };
  if (session.caps.workDoneProgress) {
    const r = await session.connection.window.createWorkDoneProgress();
    return { reporter: r, token: r.token };
  }
  return { reporter: silent };
}

export async function lintWorkspace(
  session: Session,
  params: WorkDoneProgressParams,
  token: CancellationToken,
): Promise<LintWorkspaceResult> {
  const { reporter, token: progressToken } = await reporterFor(session, params);
  const cancelled = () => token.isCancellationRequested || (progressToken?.isCancellationRequested ?? false);
  reporter.begin('PrivateLink: linting the workspace', 0, 'Finding modules…', true);
  const { dirs } = await findModuleDirs(session.folders, cancelled);
  const s = await session.currentSettings();
  let done = 0;
  let analysed = 0;
  let scratch: WorkspaceModel | undefined;
  const reads = session.passHost();
  for (const dir of dirs) {
    if (cancelled()) break;
    await yieldToMessages();
    // A folder whose published findings are current (the background publication of the
    // workspace, or an earlier lint, analysed it and none of its files changed since) would
    // publish the same again: it is kept as it is.
    if (!session.isCurrent(dir)) {
      // Modules open in the editor are analysed in its model; the rest in a scratch model
      // renewed now and then, so a large workspace never sits in memory whole.
      if (session.openDirs().has(dir)) session.analyzeDir(dir, s, new Set(), session.ws);
      else {
        if (analysed % RENEW_EVERY === 0) scratch = undefined;
        scratch ??= session.scratchModel(reads);
        session.analyzeDir(dir, s, new Set(), scratch);
        analysed++;
        // The scratch models are garbage once renewed: collected now and then, so that the
        // heap does not grow to hold the whole workspace's garbage first.
        if (analysed % (RENEW_EVERY * 4) === 0) releaseIfGrown();
      }
    }
    session.linted.add(dir);
    done++;
    if (done % 10 === 0 || done === dirs.length) {
      const c = session.store.counts();
      reporter.report(
        Math.round((done / Math.max(1, dirs.length)) * 100),
        `${done}/${dirs.length} modules · ${c.error} errors, ${c.warning} warnings`,
      );
    }
  }
  scratch = undefined;
  if (analysed >= RENEW_EVERY) releaseMemory();
  reporter.done();
  return { modules: done, files: session.store.fileCount(), counts: session.store.counts(), cancelled: cancelled() || done < dirs.length };
}

function stats(session: Session): StatsResult {
  let files = 0;
  let endpoints = 0;
  for (const sum of session.summaries.values()) {
    files += sum.files.length;
    endpoints += sum.endpoints;
  }
  const modules = session.summaries.size;
  return {
    memory: process.memoryUsage(),
    index: session.index,
    moduleDirs: session.moduleDirs.length,
    modules,
    files,
    endpoints,
    openDocuments: session.documents.all().length,
    publishedFiles: session.store.fileCount(),
    timings: session.timings,
    kept: { reused: keptStats.reused, computed: keptStats.computed },
  };
}
