// The server's bookkeeping without a process: what gets published when, and debouncing.

import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import { Debouncer } from '../../server/src/lsp/debounce';
import { DiagnosticsStore } from '../../server/src/lsp/diagnostics-store';
import type { Finding } from '../../server/src/rules/types';

const pos = (offset: number) => ({ line: 0, character: offset, offset });
function finding(rule: string, uri: string, at = 0, severity: Finding['severity'] = 'warning'): Finding {
  return { rule, uri, severity, message: `${rule} at ${at}`, range: { start: pos(at), end: pos(at + 1) } };
}

describe('diagnostics store', () => {
  let sent: { path: string; codes: string[] }[];
  let store: DiagnosticsStore;
  beforeEach(() => {
    sent = [];
    store = new DiagnosticsStore(
      (path, ds) => sent.push({ path, codes: ds.map((d) => String(d.code)) }),
      (f): Diagnostic => ({ range: { start: f.range.start, end: f.range.end }, message: f.message, code: f.rule }),
    );
  });

  it("publishes a module's files, skips unchanged ones, always sends the edited file", () => {
    store.set('/m', [finding('PL101', '/m/a.tf')], ['/m/a.tf', '/m/b.tf']);
    assert.deepEqual(sent, [{ path: '/m/a.tf', codes: ['PL101'] }]);
    sent = [];
    store.set('/m', [finding('PL101', '/m/a.tf')], ['/m/a.tf', '/m/b.tf'], new Set(['/m/b.tf']));
    assert.deepEqual(sent, [{ path: '/m/b.tf', codes: [] }]);
  });

  it('clears a file whose findings went away, and files that left the module', () => {
    store.set('/m', [finding('PL101', '/m/a.tf'), finding('PL201', '/m/b.tf')], ['/m/a.tf', '/m/b.tf']);
    sent = [];
    store.set('/m', [], ['/m/a.tf']);
    assert.deepEqual(
      sent.sort((x, y) => x.path.localeCompare(y.path)),
      [
        { path: '/m/a.tf', codes: [] },
        { path: '/m/b.tf', codes: [] },
      ],
    );
    assert.deepEqual(store.counts(), { error: 0, warning: 0, information: 0, hint: 0 });
  });

  it('shows the union of every folder that analysed a shared file, each finding once', () => {
    store.set('/root', [finding('PL101', '/child/x.tf', 3, 'error')], ['/root/main.tf', '/child/x.tf']);
    store.set('/child', [finding('PL101', '/child/x.tf', 3, 'error'), finding('PL701', '/child/x.tf', 9, 'hint')], ['/child/x.tf']);
    assert.deepEqual(
      store.findingsOf('/child/x.tf').map((f) => f.rule),
      ['PL101', 'PL701'],
    );
    assert.deepEqual(store.dirsOf('/child/x.tf').sort(), ['/child', '/root']);
    assert.deepEqual(store.counts(), { error: 1, warning: 0, information: 0, hint: 1 });
    sent = [];
    store.clear('/child');
    assert.deepEqual(sent, [{ path: '/child/x.tf', codes: ['PL101'] }]);
    store.clear('/root');
    assert.deepEqual(store.fileCount(), 0);
  });
});

describe('debouncer', () => {
  it('runs once per burst, with every reason of the burst', async () => {
    const runs: { key: string; reasons: string[] }[] = [];
    const d = new Debouncer<string>((key, _current, reasons) => runs.push({ key, reasons: [...reasons].sort() }));
    d.schedule('a', 20, 'type');
    d.schedule('a', 20, 'type');
    d.schedule('b', 0, 'fs');
    d.schedule('a', 20, 'save');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(runs, [
      { key: 'b', reasons: ['fs'] },
      { key: 'a', reasons: ['save', 'type'] },
    ]);
  });

  it('drops a zero-delay run overtaken by a newer request, and cancelled runs', async () => {
    let runs = 0;
    const d = new Debouncer<string>(() => runs++);
    d.schedule('a', 0);
    d.schedule('a', 0);
    d.schedule('c', 10);
    d.cancel('c');
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(runs, 1);
  });
});
