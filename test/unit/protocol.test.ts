import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as protocol from '../../server/src/protocol';

// The client and the server share their custom methods through server/src/protocol.ts: a
// method name spelled out anywhere else in their sources is one that can drift apart.

const ROOT = path.resolve(__dirname, '..', '..');
const PROTOCOL = path.join(ROOT, 'server', 'src', 'protocol.ts');
const SOURCES = [path.join(ROOT, 'client', 'src'), path.join(ROOT, 'server', 'src')];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Each line of the file where `re` matches, as `path:line: text`. */
function hits(file: string, re: RegExp): string[] {
  const out: string[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (re.test(line)) out.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
    });
  return out;
}

describe('protocol', () => {
  const files = SOURCES.flatMap((d) => sourceFiles(d)).filter((f) => f !== PROTOCOL);

  it('finds the client and server sources', () => {
    assert.ok(
      files.some((f) => f.includes(`${path.sep}client${path.sep}src${path.sep}`)),
      'no client source found',
    );
    assert.ok(
      files.some((f) => f.endsWith(path.join('server', 'src', 'server.ts'))),
      'no server source found',
    );
  });

  it('no `privatelink/` method name is written out in client/src or server/src outside protocol.ts', () => {
    // A string (quoted, or a template) that starts with a method name of ours.
    const literal = /['"`]privatelink\/[A-Za-z$]/;
    const found = files.flatMap((f) => hits(f, literal));
    assert.deepEqual(found, [], `import the method from server/src/protocol.ts instead:\n${found.join('\n')}`);
  });

  it('neither are the command ids and annotation that travel in standard messages', () => {
    for (const id of [protocol.SHOW_DOCS_COMMAND, protocol.SCAFFOLD_ANNOTATION]) {
      const literal = new RegExp(`['"\`]${id.replace(/\./g, '\\.')}['"\`]`);
      const found = files.flatMap((f) => hits(f, literal));
      assert.deepEqual(found, [], `import ${id} from server/src/protocol.ts instead:\n${found.join('\n')}`);
    }
  });

  it('lists every method once, each under privatelink/', () => {
    const exported = Object.entries(protocol)
      .filter(([k, v]) => /_(REQUEST|NOTIFICATION)$/.test(k) && typeof v === 'string')
      .map(([, v]) => v as string);
    assert.deepEqual([...protocol.METHODS].sort(), [...exported].sort());
    assert.equal(new Set(protocol.METHODS).size, protocol.METHODS.length);
    for (const m of protocol.METHODS) assert.match(m, /^privatelink\/[a-zA-Z]+$/);
  });

  it('imports only types, and nothing of the editor or LSP libraries, so both sides can load it', () => {
    const src = fs.readFileSync(PROTOCOL, 'utf8');
    assert.doesNotMatch(src, /from\s+['"]vscode(-languageserver|-languageclient|-jsonrpc)?(\/[^'"]*)?['"]/);
    assert.doesNotMatch(src, /require\(/);
    const imports = src.split('\n').filter((l) => /^\s*import\s/.test(l));
    for (const l of imports) assert.match(l, /^\s*import\s+type\s/, `not a type import: ${l}`);
  });
});
