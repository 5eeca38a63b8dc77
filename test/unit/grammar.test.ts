import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

// Tokenizes Terraform with our injection grammars on top of several host grammars, the way
// VS Code does (vscode-textmate + oniguruma): our stand-in for HashiCorp's `source.terraform`,
// and the real HCL grammars that tm-grammars ships (`source.hcl.terraform`, `source.hcl`).

const ROOT = path.resolve(__dirname, '..', '..');
const HOST_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'grammars', 'terraform-host.tmLanguage.json');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
  language?: string;
  embeddedLanguages?: Record<string, string>;
}

/** The parts of package.json these tests read. */
interface Manifest {
  contributes?: {
    grammars?: GrammarContribution[];
    languages?: { id: string; configuration?: string }[];
  };
}

/** The parts of a TextMate grammar these tests read or change. */
interface RawGrammar {
  scopeName: string;
  injectionSelector: string;
  repository: { heredoc: { begin: string } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const contributions: GrammarContribution[] = manifest.contributes?.grammars ?? [];
const HOST_SCOPES = ['source.terraform', 'source.hcl.terraform', 'source.hcl'];

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOniguruma(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

interface Host {
  scopeName: string;
  /** Raw grammar text; a variant may rewrite the file it comes from. */
  source: () => string;
}

const HOSTS: Host[] = [
  { scopeName: 'source.terraform', source: () => fs.readFileSync(HOST_FIXTURE, 'utf8') },
  {
    scopeName: 'source.hcl.terraform',
    source: () => fs.readFileSync(require.resolve('tm-grammars/grammars/terraform.json'), 'utf8'),
  },
  { scopeName: 'source.hcl', source: () => fs.readFileSync(require.resolve('tm-grammars/grammars/hcl.json'), 'utf8') },
];

/**
 * HashiCorp's heredoc opener (`\s*$`) takes the newline with it. A grammar whose opener stops
 * before the newline makes the injection start on the opener's own line instead: test both.
 */
const OPENER_WITHOUT_NEWLINE: Host = {
  scopeName: 'source.terraform',
  source: () => {
    const raw = JSON.parse(fs.readFileSync(HOST_FIXTURE, 'utf8')) as RawGrammar;
    raw.repository.heredoc.begin = '(<<-?)\\s*(\\w+)(?=\\s*$)';
    return JSON.stringify(raw);
  },
};

async function loadHost(host: Host): Promise<vsctm.IGrammar> {
  const files = new Map<string, () => string>([
    [host.scopeName, host.source],
    ['source.json', () => fs.readFileSync(require.resolve('tm-grammars/grammars/json.json'), 'utf8')],
  ]);
  for (const c of contributions) files.set(c.scopeName, () => fs.readFileSync(path.join(ROOT, c.path), 'utf8'));
  const registry = new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: (scopeName) => {
      const read = files.get(scopeName);
      // Only the host under test exists, as in an editor with one Terraform extension.
      return Promise.resolve(read ? vsctm.parseRawGrammar(read(), `${scopeName}.json`) : null);
    },
    getInjections: (scopeName) => contributions.filter((c) => c.injectTo?.includes(scopeName)).map((c) => c.scopeName),
  });
  const grammar = await registry.loadGrammar(host.scopeName);
  assert.ok(grammar, `host grammar ${host.scopeName} loads`);
  return grammar;
}

interface Token {
  text: string;
  scopes: string[];
}

class Tokenized {
  constructor(
    readonly lines: string[],
    readonly tokens: Token[][],
  ) {}

  /** Scopes of the token at the first `text` on line `line` (1-based); the token must cover all of it. */
  scopes(line: number, text: string, occurrence = 1): string[] {
    const src = this.lines[line - 1];
    let at = -1;
    for (let i = 0; i < occurrence; i++) at = src.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" is on line ${line}: ${src}`);
    let pos = 0;
    for (const t of this.tokens[line - 1]) {
      const end = pos + t.text.length;
      if (at >= pos && at < end) {
        assert.ok(at + text.length <= end, `"${text}" is one token on line ${line}, got "${t.text}"`);
        return t.scopes;
      }
      pos = end;
    }
    assert.fail(`no token at "${text}" on line ${line}`);
  }

  allScopes(line: number): string[] {
    return this.tokens[line - 1].flatMap((t) => t.scopes);
  }
}

function tokenize(grammar: vsctm.IGrammar, text: string): Tokenized {
  const lines = text.split('\n');
  let state = vsctm.INITIAL;
  const tokens = lines.map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
  return new Tokenized(lines, tokens);
}

const has = (scopes: string[], prefix: string): boolean => scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

function assertHas(scopes: string[], prefix: string, what: string): void {
  assert.ok(has(scopes, prefix), `${what}: expected ${prefix} in [${scopes.join(', ')}]`);
}

function assertLacks(scopes: string[], prefix: string, what: string): void {
  assert.ok(!has(scopes, prefix), `${what}: unexpected ${prefix} in [${scopes.join(', ')}]`);
}

/** A line the host tokenizes as an attribute outside any string: the heredoc is over. */
function assertBackToNormal(t: Tokenized, line: number, name: string): void {
  const scopes = t.scopes(line, name);
  assertHas(scopes, 'variable.other.readwrite', `line ${line} "${name}"`);
  for (const s of t.allScopes(line)) {
    assert.ok(!/heredoc|json|privatelink/.test(s), `line ${line} has no heredoc or JSON scope, got ${s}`);
  }
}

const POLICY = [
  'resource "aws_vpc_endpoint" "s3" {',
  '  policy = <<-POLICY',
  '',
  '    {',
  '      "Version": "2012-10-17",',
  '      "Statement": [{ "Effect": "Allow", "Resource": "${aws_s3_bucket.b.arn}/*" }]',
  '    }',
  '  POLICY',
  '  tags = { Name = "s3" }',
  '}',
].join('\n');

describe('grammars', () => {
  describe('contributions', () => {
    it('are injections only, into every Terraform grammar scope', () => {
      assert.deepEqual(contributions.map((c) => c.scopeName).sort(), ['privatelink.ignore.injection', 'privatelink.policy-json.injection']);
      for (const c of contributions) {
        assert.equal(c.language, undefined, `${c.scopeName} does not replace a language grammar`);
        assert.deepEqual([...(c.injectTo ?? [])].sort(), [...HOST_SCOPES].sort());
        const raw = JSON.parse(fs.readFileSync(path.join(ROOT, c.path), 'utf8')) as RawGrammar;
        assert.equal(raw.scopeName, c.scopeName, `${c.path} declares the contributed scope`);
        assert.match(raw.injectionSelector, /^L:/, `${c.scopeName} wins over the host at the same position`);
      }
    });

    it('give no language configuration that would fight the Terraform extension', () => {
      for (const lang of manifest.contributes?.languages ?? []) {
        assert.equal(lang.configuration, undefined, `${lang.id} has no language-configuration`);
      }
    });

    it('map the embedded JSON scope to the json language', () => {
      const json = contributions.find((c) => c.scopeName === 'privatelink.policy-json.injection');
      assert.equal(json?.embeddedLanguages?.['meta.embedded.block.json'], 'json');
    });
  });

  for (const host of HOSTS) {
    describe(`on ${host.scopeName}`, () => {
      let grammar: vsctm.IGrammar;
      before(async () => {
        grammar = await loadHost(host);
      });

      describe('suppression comments', () => {
        it('highlights privatelink:ignore, rule ids and the reason in a # comment', () => {
          const t = tokenize(grammar, '# privatelink:ignore PL202, PL203 -- managed by the network team\nx = 1');
          const keyword = t.scopes(1, 'privatelink');
          assertHas(keyword, 'comment.line', 'the directive stays in the comment');
          assertHas(keyword, 'keyword.other.suppression.privatelink', 'privatelink');
          assertHas(t.scopes(1, 'ignore'), 'keyword.other.suppression.privatelink', 'ignore');
          assertHas(t.scopes(1, 'PL202'), 'constant.other.rule-id.privatelink', 'PL202');
          assertHas(t.scopes(1, 'PL203'), 'constant.other.rule-id.privatelink', 'PL203');
          assertHas(t.scopes(1, '--'), 'punctuation.separator.reason.privatelink', '--');
          const reason = t.scopes(1, 'managed by the network team');
          assertHas(reason, 'string.unquoted.reason.privatelink', 'reason');
          assertHas(reason, 'comment.line', 'reason');
          assertBackToNormal(t, 2, 'x');
        });

        it('highlights privatelink:ignore-file in a // comment at the end of a line', () => {
          const t = tokenize(grammar, 'resource "aws_vpc" "main" { // privatelink:ignore-file PL701\n  y = 2\n}');
          assertHas(t.scopes(1, 'ignore-file'), 'keyword.other.suppression.privatelink', 'ignore-file');
          const id = t.scopes(1, 'PL701');
          assertHas(id, 'constant.other.rule-id.privatelink', 'PL701');
          assertHas(id, 'comment.line.double-slash', 'PL701');
          assertBackToNormal(t, 2, 'y');
        });

        it('highlights checkov:skip with its check id', () => {
          const t = tokenize(grammar, 'a = 1 #checkov:skip=CKV_AWS_123:auto-accept is intended\nb = 2');
          assertHas(t.scopes(1, 'checkov'), 'keyword.other.suppression.privatelink', 'checkov');
          assertHas(t.scopes(1, 'CKV_AWS_123'), 'constant.other.rule-id.checkov.privatelink', 'CKV_AWS_123');
          assertHas(t.scopes(1, 'auto-accept is intended'), 'string.unquoted.reason.privatelink', 'reason');
          assertBackToNormal(t, 2, 'b');
        });

        it('leaves the same words alone outside comments and in other words', () => {
          const t = tokenize(
            grammar,
            ['d = "privatelink:ignore PL202"', '# privatelink:ignored PL202', '# see PL202 in the docs'].join('\n'),
          );
          assertLacks(t.scopes(1, 'privatelink'), 'keyword.other.suppression', 'inside a string');
          assertLacks(t.scopes(1, 'PL202'), 'constant.other.rule-id', 'inside a string');
          assertLacks(t.scopes(2, 'privatelink'), 'keyword.other.suppression', 'privatelink:ignored');
          assertLacks(t.scopes(2, 'PL202'), 'constant.other.rule-id', 'after a non-directive');
          assertLacks(t.scopes(3, 'PL202'), 'constant.other.rule-id', 'a rule id alone');
        });
      });

      describe('policy JSON in heredocs', () => {
        it('highlights the JSON of a policy heredoc and ends with the heredoc', () => {
          const t = tokenize(grammar, POLICY);
          const key = t.scopes(5, 'Version');
          assertHas(key, 'string.unquoted.heredoc', 'still inside the host heredoc');
          assertHas(key, 'meta.embedded.block.json', 'the policy is embedded JSON');
          assertHas(key, 'support.type.property-name.json', 'a JSON key');
          assertHas(t.scopes(6, 'Allow'), 'string.quoted.double.json', 'a JSON string');
          assertHas(t.scopes(8, 'POLICY'), 'keyword.control.heredoc', 'the closing marker is the host one');
          assertLacks(t.scopes(8, 'POLICY'), 'meta.embedded.block.json', 'the closing marker');
          assertBackToNormal(t, 9, 'tags');
        });

        it('gives control back at the closing marker even when the JSON is left open', () => {
          const t = tokenize(grammar, ['a = <<EOF', '{ "Statement": [ { "Effect": "Allow"', 'EOF', 'b = "next"'].join('\n'));
          assertHas(t.scopes(2, 'Effect'), 'support.type.property-name.json', 'JSON');
          assertHas(t.scopes(3, 'EOF'), 'keyword.control.heredoc', 'the closing marker');
          assertBackToNormal(t, 4, 'b');
        });

        it('keeps JSON bare words (true, numbers) inside the JSON', () => {
          const t = tokenize(
            grammar,
            ['p = <<JSON', '{', '  "Enabled": [', '    true', '  ],', '  "Ports": [', '    443', '  ]', '}', 'JSON', 'q = 1'].join('\n'),
          );
          assertHas(t.scopes(4, 'true'), 'constant.language.json', 'true');
          assertHas(t.scopes(7, '443'), 'constant.numeric.json', '443');
          assertHas(t.scopes(10, 'JSON'), 'keyword.control.heredoc', 'the closing marker');
          assertBackToNormal(t, 11, 'q');
        });

        it('leaves a heredoc whose first line is not JSON to the host, templates included', () => {
          const t = tokenize(
            grammar,
            ['user_data = <<EOT', '#!/bin/bash', '{ "not": "a policy" }', 'echo ${var.name}', 'EOT', 'c = 3'].join('\n'),
          );
          assertLacks(t.scopes(3, 'not'), 'meta.embedded.block.json', 'a later { line');
          assertHas(t.scopes(3, 'not'), 'string.unquoted.heredoc', 'a later { line');
          assertHas(t.scopes(4, 'var'), 'meta.interpolation', 'the host template highlighting');
          assertHas(t.scopes(5, 'EOT'), 'keyword.control.heredoc', 'the closing marker');
          assertBackToNormal(t, 6, 'c');
        });

        it('handles an empty heredoc and two heredocs in a row', () => {
          const t = tokenize(grammar, ['e = <<EOT', 'EOT', 'f = <<-A', '  {"k": 1}', '  A', 'g = <<B', 'plain', 'B', 'h = 4'].join('\n'));
          assertHas(t.scopes(2, 'EOT'), 'keyword.control.heredoc', 'empty heredoc closes');
          assertHas(t.scopes(3, 'f'), 'variable.other.readwrite', 'the next attribute');
          assertLacks(t.scopes(3, 'f'), 'string.unquoted.heredoc', 'the next attribute');
          assertHas(t.scopes(4, 'k'), 'support.type.property-name.json', 'second heredoc is JSON');
          assertHas(t.scopes(5, 'A'), 'keyword.control.heredoc', 'second heredoc closes');
          assertLacks(t.scopes(7, 'plain'), 'meta.embedded.block.json', 'third heredoc is text');
          assertHas(t.scopes(8, 'B'), 'keyword.control.heredoc', 'third heredoc closes');
          assertBackToNormal(t, 9, 'h');
        });

        it('adds nothing to Terraform without heredocs or comments', () => {
          const t = tokenize(grammar, ['locals {', '  x = { a = "{" }', '}'].join('\n'));
          for (let line = 1; line <= 3; line++) {
            for (const s of t.allScopes(line)) assert.ok(!/privatelink|json/.test(s), `line ${line}: ${s}`);
          }
        });
      });
    });
  }

  describe('on a host whose heredoc opener stops before the newline', () => {
    let grammar: vsctm.IGrammar;
    before(async () => {
      grammar = await loadHost(OPENER_WITHOUT_NEWLINE);
    });

    it('highlights the policy JSON and ends with the heredoc', () => {
      const t = tokenize(grammar, POLICY);
      assertHas(t.scopes(5, 'Version'), 'support.type.property-name.json', 'a JSON key');
      assertHas(t.scopes(8, 'POLICY'), 'keyword.control.heredoc', 'the closing marker');
      assertBackToNormal(t, 9, 'tags');
    });

    it('leaves text heredocs and empty heredocs to the host', () => {
      const t = tokenize(grammar, ['a = <<EOT', 'echo ${var.x}', '{ "b": 1 }', 'EOT', 'c = <<EOT', 'EOT', 'd = 1'].join('\n'));
      assertHas(t.scopes(2, 'var'), 'meta.interpolation', 'host template highlighting');
      assertLacks(t.scopes(3, 'b'), 'meta.embedded.block.json', 'a later { line');
      assertHas(t.scopes(4, 'EOT'), 'keyword.control.heredoc', 'closes');
      assertHas(t.scopes(6, 'EOT'), 'keyword.control.heredoc', 'empty heredoc closes');
      assertBackToNormal(t, 7, 'd');
    });
  });
});
