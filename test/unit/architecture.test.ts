// The layers of the engine, checked from the sources: a rule file is metadata plus a check
// and imports only the query layer, the edit builders and types; nothing but the registry
// imports a rule file; the query layer and the incremental mechanism do not reach up; the
// engine imports no editor API; the faces ask the query layer instead of reading the model.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { RULES } from '../../server/src/rules/index';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'server/src');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (/\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

interface Import {
  spec: string;
  typeOnly: boolean;
  /** The imported file, resolved, for relative specifiers. */
  target: string | undefined;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[3];
    const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec).replace(/(\.ts)?$/, '.ts') : undefined;
    out.push({ spec, typeOnly: Boolean(m[2]), target });
  }
  for (const m of text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    out.push({
      spec,
      typeOnly: false,
      target: spec.startsWith('.') ? path.resolve(path.dirname(file), spec).replace(/(\.ts)?$/, '.ts') : undefined,
    });
  }
  return out;
}

const rel = (p: string) => path.relative(SRC, p);
const inside = (p: string | undefined, dir: string) => p !== undefined && rel(p).startsWith(`${dir}/`);
const RULE_FILE = /^rules\/PL\d{3}\.ts$/;

describe('architecture', () => {
  const all = [...filesUnder(SRC), ...filesUnder(path.join(ROOT, 'client/src')), ...filesUnder(path.join(ROOT, 'bench'))];

  it('a rule file imports only the query layer, the edit builders and types, and exports only its rule', () => {
    const rules = filesUnder(path.join(SRC, 'rules')).filter((f) => RULE_FILE.test(rel(f)));
    assert.ok(rules.length >= 30, `found ${rules.length} rule files`);
    const bad: string[] = [];
    for (const f of rules) {
      for (const i of importsOf(f)) {
        const r = i.target && rel(i.target);
        const ok =
          r === 'rules/types.ts' ||
          inside(i.target, 'query') ||
          inside(i.target, 'fixes') ||
          (i.typeOnly && (r === 'model/types.ts' || r === 'hcl/ast.ts'));
        if (!ok) bad.push(`${rel(f)} imports ${i.spec}`);
      }
      const text = fs.readFileSync(f, 'utf8');
      const exported = [...text.matchAll(/^export\s+(?:const|function|class|interface|type|let|var)\s+(\w+)/gm)].map((m) => m[1]);
      if (exported.join() !== 'rule') bad.push(`${rel(f)} exports ${exported.join(', ') || 'nothing'}`);
      if (!/\bdefineRule\(/.test(text)) bad.push(`${rel(f)} does not use defineRule`);
      const id = path.basename(f, '.ts');
      const ids = text.match(/['"`]PL\d{3}\b/g) ?? [];
      if (ids.filter((x) => x.slice(1) === id).length !== 1)
        bad.push(`${rel(f)} writes its id ${ids.filter((x) => x.slice(1) === id).length} times`);
    }
    assert.deepEqual(bad, []);
  });

  it('nothing but the registry imports a rule file', () => {
    const bad = all.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.target && RULE_FILE.test(rel(i.target)) && rel(f) !== 'rules/index.ts')
        .map((i) => `${rel(f)} imports ${i.spec}`),
    );
    assert.deepEqual(bad, []);
  });

  it('the incremental mechanism and the query layer do not reach up', () => {
    const above: Record<string, string[]> = {
      incremental: ['query', 'rules', 'engine', 'handlers', 'lsp', 'cli', 'topology', 'scaffold'],
      query: ['rules', 'engine', 'handlers', 'lsp', 'cli', 'topology', 'scaffold'],
      model: ['query', 'rules', 'engine', 'handlers', 'lsp', 'cli', 'topology', 'scaffold'],
      hcl: ['model', 'query', 'rules', 'engine', 'incremental', 'handlers', 'lsp', 'cli'],
      fixes: ['rules', 'engine', 'handlers', 'lsp', 'cli'],
    };
    const bad: string[] = [];
    for (const f of filesUnder(SRC)) {
      const layer = rel(f).split('/')[0];
      for (const i of importsOf(f)) {
        const to = i.target && rel(i.target).split('/')[0];
        if (to && above[layer]?.includes(to) && !(i.typeOnly && layer === 'incremental' && to === 'model'))
          bad.push(`${rel(f)} imports ${i.spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('only the query layer and the engine use the incremental mechanism; only the model records reads', () => {
    const bad: string[] = [];
    for (const f of filesUnder(SRC)) {
      const layer = rel(f).split('/')[0];
      for (const i of importsOf(f)) {
        const r = i.target && rel(i.target);
        if (!r?.startsWith('incremental/') || layer === 'incremental') continue;
        const allowed =
          (r === 'incremental/memo.ts' && layer === 'query') ||
          (r === 'incremental/reads.ts' && layer === 'model') ||
          (r === 'incremental/positions.ts' && layer === 'model') ||
          layer === 'engine' ||
          (r === 'incremental/answers.ts' && (rel(f) === 'handlers/workspace.ts' || rel(f) === 'lsp/session.ts'));
        if (!allowed) bad.push(`${rel(f)} imports ${i.spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the faces ask the query layer', () => {
    // Reading the model's resources, arguments, nested blocks and references is the query
    // layer's job; a face that needs a fact asks a function in query/. Calls are found in the
    // syntax tree, so comments and strings do not count; receivers that are not model objects
    // (Node's path module, promises, require) are not reads of the model.
    const READS = new Set(['attr', 'attrNode', 'resolve', 'resources', 'dataSources', 'blocks']);
    const NOT_MODEL = /^(?:path(?:\.posix|\.win32)?|Promise|require)$/;
    const faces = ['handlers', 'topology', 'scaffold', 'lsp'];
    const files = faces.flatMap((d) => filesUnder(path.join(SRC, d)));
    assert.ok(files.length >= 30, `found ${files.length} face files`);
    const bad: string[] = [];
    for (const f of files) {
      const source = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && READS.has(n.expression.name.text)) {
          const receiver = n.expression.expression.getText(source);
          if (!NOT_MODEL.test(receiver)) {
            const { line } = source.getLineAndCharacterOfPosition(n.getStart(source));
            bad.push(`${rel(f)}:${line + 1} ${receiver}.${n.expression.name.text}(`);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(source);
    }
    assert.deepEqual(bad, []);
  });

  it('the VS Code client reaches nothing of server/src but the protocol, which imports only types', () => {
    // What the client's bundle holds, read from the sources: every file reached from its entry
    // through imports that are not type-only (those are erased). The client asks the server
    // for data (the scaffold command's services and bundles) rather than bundling the engine's.
    const entry = path.join(ROOT, 'client/src/extension.ts');
    const seen = new Set<string>([entry]);
    const queue = [entry];
    const bad: string[] = [];
    for (let f = queue.shift(); f; f = queue.shift()) {
      for (const i of importsOf(f)) {
        if (i.typeOnly || !i.target) continue;
        // A folder's index, as the bundler resolves it.
        const target = fs.existsSync(i.target) ? i.target : i.target.replace(/\.ts$/, '/index.ts');
        if (target.startsWith(`${SRC}${path.sep}`) && rel(target) !== 'protocol.ts')
          bad.push(`${path.relative(ROOT, f)} imports ${i.spec}`);
        else if (!seen.has(target) && fs.existsSync(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    assert.ok(seen.has(path.join(SRC, 'protocol.ts')), 'the client was expected to import the protocol');
    assert.ok(
      seen.has(path.join(ROOT, 'client/src/commands/scaffold.ts')),
      `reached: ${[...seen].map((f) => path.relative(ROOT, f)).join(', ')}`,
    );
    assert.deepEqual(bad, []);
  });

  it('the engine imports no editor API', () => {
    const engine = ['hcl', 'model', 'incremental', 'query', 'fixes', 'rules', 'engine', 'topology', 'scaffold'];
    const bad = filesUnder(SRC)
      .filter((f) => engine.includes(rel(f).split('/')[0]))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /^vscode(-languageserver|-languageclient)?(\/|$)/.test(i.spec))
          .map((i) => `${rel(f)} imports ${i.spec}`),
      );
    assert.deepEqual(bad, []);
  });
});

describe('rule metadata', () => {
  const SUBJECT_TYPES: Record<string, string[]> = {
    endpoint: ['aws_vpc_endpoint'],
    interfaceEndpoint: ['aws_vpc_endpoint'],
    endpointService: ['aws_vpc_endpoint_service'],
    policyHolder: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy'],
    securityGroup: ['aws_security_group'],
    vpc: ['aws_vpc'],
  };

  it("a rule's resources name what its subject is", () => {
    const bad: string[] = [];
    for (const r of RULES) {
      const want = SUBJECT_TYPES[r.subject];
      if (!want) continue;
      if (!want.every((t) => r.meta.resources.includes(t))) bad.push(`${r.meta.id} (${r.subject}) lists ${r.meta.resources.join(', ')}`);
    }
    assert.deepEqual(bad, []);
  });
});
