// A minimal LSP client for the tests and the benchmark: spawns the bundled server over stdio,
// answers its requests (settings from the test, registrations, progress tokens) and records
// what it publishes.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { serverEnv } from '../../client/src/server-env';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code?: string | number;
    message: string;
    severity?: number;
    source?: string;
    data?: unknown;
    relatedInformation?: { location: { uri: string } }[];
    tags?: number[];
    codeDescription?: { href: string };
  }[];
}

export interface ClientOptions {
  folder: string;
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Declare support for workspace/configuration (default true). */
  configuration?: boolean;
  /** Let the server register for didChangeConfiguration (default false). */
  dynamicConfiguration?: boolean;
  /** The bundled server (default dist/server.js of this checkout). */
  server?: string;
  /** Start the server with this process's whole environment, NODE_EXTRA_CA_CERTS included. */
  keepEnv?: boolean;
  /** Variables added to (or, when undefined, removed from) the server's environment. */
  env?: Record<string, string | undefined>;
}

export class TestClient {
  readonly conn: MessageConnection;
  private readonly reader: StreamMessageReader;
  readonly proc: ChildProcess;
  settings: Record<string, unknown>;
  readonly diagnostics = new Map<string, PublishedDiagnostics>();
  /** Publications received per URI. */
  readonly publications = new Map<string, number>();
  readonly progress: {
    token: unknown;
    value: { kind: string; message?: string; percentage?: number; title?: string; cancellable?: boolean };
  }[] = [];
  readonly logs: string[] = [];
  readonly statuses: StatusParams[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  configurationRequests = 0;
  private waiters: { uri: string; pred: (d: PublishedDiagnostics) => boolean; resolve: (d: PublishedDiagnostics) => void }[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();
  stderr = '';

  constructor(readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    // As the VS Code client starts it (client/src/extension.ts): without NODE_EXTRA_CA_CERTS,
    // which Node reads before anything runs, for a server that never opens a connection.
    const env = { ...(options.keepEnv ? process.env : serverEnv()) };
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    this.proc = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.reader = new StreamMessageReader(this.proc.stdout!);
    this.conn = createMessageConnection(this.reader, new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      return params.items.map((i) => (i.section === 'privatelink' ? this.settings : null));
    });
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      this.progress.push(p);
    });
    this.conn.onNotification(STATUS_NOTIFICATION, (p: TestClient['statuses'][number]) => {
      this.statuses.push(p);
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.diagnostics.set(p.uri, p);
      this.publications.set(p.uri, (this.publications.get(p.uri) ?? 0) + 1);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.pred(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.conn.listen();
  }

  static uri(p: string): string {
    return pathToFileURL(p).href;
  }

  async initialize(): Promise<unknown> {
    const folderUri = TestClient.uri(this.options.folder);
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: path.basename(this.options.folder) }],
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: this.options.configuration !== false,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: this.options.dynamicConfiguration === true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: {
            relatedInformation: true,
            codeDescriptionSupport: true,
            dataSupport: true,
            tagSupport: { valueSet: [1, 2] },
          },
          codeAction: {
            dataSupport: true,
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next publication for `uri` that satisfies `pred` (or the current one). */
  waitFor(
    uri: string,
    pred: (d: PublishedDiagnostics) => boolean = () => true,
    timeoutMs = 10_000,
    includeCurrent = false,
  ): Promise<PublishedDiagnostics> {
    const cur = this.diagnostics.get(uri);
    if (includeCurrent && cur && pred(cur)) return Promise.resolve(cur);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code))}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        pred,
        resolve: (d) => {
          clearTimeout(t);
          resolve(d);
        },
      });
    });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<string> {
    const uri = TestClient.uri(file);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: file.endsWith('.tfvars') ? 'terraform-vars' : 'terraform', version: 1, text },
    });
    return uri;
  }

  /** Replaces the whole text (a full-content change). */
  async change(uri: string, text: string): Promise<number> {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  /** An incremental change, as editors send keystrokes. */
  async edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    newText: string,
  ): Promise<number> {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, applyLspEdits(this.text(uri), [{ range, newText }]));
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range, text: newText }],
    });
    return v;
  }

  async save(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
    // A server stopped halfway through writing a message leaves the reader with part of it, and
    // the reader then waits for the rest on a timer that re-arms itself every 10 s: that timer
    // alone kept the test process from ever ending. Disposing the connection does not clear it.
    this.reader.partialMessageTimeout = 0;
    (this.reader as unknown as { clearPartialMessageTimer?: () => void }).clearPartialMessageTimer?.();
  }
}

type LspEdit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };

function offsetOf(text: string, pos: { line: number; character: number }): number {
  let off = 0;
  for (let l = 0; l < pos.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return Math.min(off + pos.character, text.length);
}

/** Applies LSP text edits to a text, as an editor would (edits do not overlap). */
export function applyLspEdits(text: string, edits: readonly LspEdit[]): string {
  const withOffsets = edits.map((e) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText }));
  withOffsets.sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
