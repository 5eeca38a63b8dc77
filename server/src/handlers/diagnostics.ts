// Diagnostics as the user types: document events feed the workspace model, a debounced run
// per module folder analyses it and publishes every file of the module, and file-system
// changes seen by the client's watchers re-check what they touch.

import * as path from 'node:path';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocumentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../engine/config';
import { guard } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { isTerraformFile } from '../lsp/walk';

/** Above this, an open file is checked on save only. */
export const LARGE_FILE_CHARS = 2 * 1024 * 1024;

export function registerDiagnostics(session: Session): void {
  const { connection, documents } = session;
  // didOpen is followed by a content event for the same version: that one is no edit.
  const openedVersion = new Map<string, number>();

  documents.onDidOpen(
    guard(connection, 'didOpen', async (e: TextDocumentChangeEvent<TextDocument>) => {
      openedVersion.set(e.document.uri, e.document.version);
      const p = session.pathOf(e.document.uri);
      if (!p || !isTerraformFile(p)) return;
      // Over the size limit or not text: not analysed, and one diagnostic on it says why.
      session.setDocument(p, e.document.getText());
      // The opened file's module first, without waiting for the debounce or the index.
      session.inFlight++;
      try {
        const s = await session.currentSettings(e.document.uri);
        session.analyzeDir(path.dirname(p), s);
      } finally {
        session.inFlight--;
      }
      session.tidyAfterAnalysis(2);
    }),
  );

  const warnedLarge = new Set<string>();
  documents.onDidChangeContent(
    guard(connection, 'didChange', (e: TextDocumentChangeEvent<TextDocument>) => {
      if (openedVersion.get(e.document.uri) === e.document.version) return;
      const p = session.pathOf(e.document.uri);
      if (!p || !isTerraformFile(p)) return;
      const text = e.document.getText();
      // A refused document that stays refused changes nothing for the model: no analysis.
      if (!session.setDocument(p, text)) return;
      // A file this large would make every keystroke wait for its analysis: check it on save.
      if (text.length > LARGE_FILE_CHARS) {
        if (!warnedLarge.has(p)) {
          warnedLarge.add(p);
          session.log(`${p} has ${(text.length / 1048576).toFixed(1)} M characters: checked on save, not as you type.`);
        }
        return;
      }
      session.schedule(session.affectedDirs(p), 'type');
    }),
  );

  documents.onDidSave(
    guard(connection, 'didSave', (e: TextDocumentChangeEvent<TextDocument>) => {
      const p = session.pathOf(e.document.uri);
      if (!p || !isTerraformFile(p)) return;
      session.noteChange(p);
      session.schedule(session.affectedDirs(p), 'save');
    }),
  );

  documents.onDidClose(
    guard(connection, 'didClose', (e: TextDocumentChangeEvent<TextDocument>) => {
      openedVersion.delete(e.document.uri);
      const p = session.pathOf(e.document.uri);
      if (!p || !isTerraformFile(p)) return;
      // The editor's text is gone: the file is what is on disk again. Folders still published
      // (other open files, the workspace's findings) are checked again from the disk.
      session.closeDocument(p);
      const active = session.keptDirs();
      const affected = session.affectedDirs(p);
      for (const dir of affected) {
        if (active.has(dir)) continue;
        session.debouncer.cancel(dir);
        session.store.clear(dir);
      }
      session.schedule(
        [...affected].filter((d) => active.has(d)),
        'close',
      );
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(connection, 'didChangeWatchedFiles', async (params: DidChangeWatchedFilesParams) => {
      const dirs = new Set<string>();
      let configChanged = false;
      let layoutChanged = false;
      for (const change of params.changes) {
        const p = session.pathOf(change.uri);
        if (!p) continue;
        if (path.basename(p) === CONFIG_FILE) {
          configChanged = true;
          continue;
        }
        if (!isTerraformFile(p)) continue;
        // An open document's text wins over the disk until it is closed.
        if (session.isOpen(p)) continue;
        session.ws.removeFile(p);
        session.noteChange(p);
        if (change.type !== FileChangeType.Changed) layoutChanged = true;
        for (const d of session.affectedDirs(p)) dirs.add(d);
      }
      if (configChanged) {
        session.forgetConfigs();
        await session.refreshAll();
        return;
      }
      const kept = session.keptDirs();
      session.schedule(
        [...dirs].filter((d) => kept.has(d)),
        'fs',
      );
      if (layoutChanged && session.index.state === 'idle') void session.indexWorkspace();
    }),
  );
}
