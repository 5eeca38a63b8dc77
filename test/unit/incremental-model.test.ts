// Edits re-evaluated incrementally: after each edit, every value the model gives (attributes of
// every instance, nested and dynamic blocks, locals, variables, outputs, notes) equals what a
// fresh workspace computes from the same texts, positions of origins included, and every
// reference leads to a live instance of the current model.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ModuleImpl } from '../../server/src/model/module';
import { memoryHost } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import type { ModuleInstance, NestedBlock, ResourceInstance, WorkspaceModel } from '../../server/src/model/types';
import type { Value } from '../../server/src/model/value';
import { moduleFiles } from '../../bench/corpus';
import { rng, replaceOnce } from './edit-helpers';

function project(v: Value | undefined, live: Set<ResourceInstance>): unknown {
  if (v === undefined) return '<absent>';
  const o = v.origin
    ? `${v.origin.uri}@${v.origin.range.start.line}:${v.origin.range.start.character}:${v.origin.range.start.offset}-${v.origin.range.end.offset}`
    : undefined;
  switch (v.kind) {
    case 'unknown':
      return { unknown: v.parts ?? null, o };
    case 'null':
      return { null: true, o };
    case 'string':
    case 'number':
    case 'bool':
      return { v: v.value, o };
    case 'list':
      return { list: v.items.map((x) => project(x, live)), o };
    case 'map':
      return { map: [...v.entries].map(([k, x]) => [k, project(x, live)]), o };
    case 'ref':
      assert.ok(live.has(v.target), `reference to a stale instance of ${v.target.address}`);
      return { ref: v.target.address, path: v.path, o };
  }
}

/** Everything the model says about one module instance and its children. */
function allInstances(m: ModuleInstance, out = new Set<ResourceInstance>()): Set<ResourceInstance> {
  for (const r of [...m.resources(), ...m.dataSources()]) out.add(r);
  for (const list of m.children().values()) for (const c of list) allInstances(c, out);
  return out;
}

function snapshot(m: ModuleInstance, live = allInstances(m)): unknown {
  const insts = [...m.resources(), ...m.dataSources()];
  const out: Record<string, unknown> = {};
  const visit = (prefix: string, b: NestedBlock) => {
    for (const it of b.block.body.items) {
      if (it.type === 'Attribute') out[`${prefix}.${it.name.name}`] = project(b.attr(it.name.name), live);
      else {
        const name = it.blockType.name === 'dynamic' ? (it.labels[0]?.value ?? '') : it.blockType.name;
        b.blocks(name).forEach((nb, i) => visit(`${prefix}/${name}[${i}]`, nb));
      }
    }
  };
  for (const r of insts) {
    out[`${r.address} @`] = `${r.uri}:${r.block.range.start.line}:${r.block.range.start.offset}`;
    visit(r.address, r);
  }
  for (const [addr, list] of m.index) {
    const e = list[0];
    if (e.kind === 'local') out[addr] = project(m.local(e.name), live);
    else if (e.kind === 'variable') out[addr] = project(m.variable(e.name), live);
    else if (e.kind === 'output') out[addr] = project((m as ModuleImpl).output(e.name), live);
  }
  out['notes'] = (m.notes ?? []).map((n) => `${n.uri}:${n.range.start.line}:${n.range.start.offset} ${n.message}`).sort();
  for (const [name, list] of m.children()) list.forEach((c, i) => (out[`module ${name}[${i}]`] = snapshot(c, live)));
  return out;
}

function fresh(files: Record<string, string>, dir: string): unknown {
  const m = createWorkspace(memoryHost(files)).module(dir);
  return m ? snapshot(m) : undefined;
}

function check(ws: WorkspaceModel, files: Record<string, string>, dir: string, what: string): void {
  const m = ws.module(dir);
  assert.deepEqual(m ? snapshot(m) : undefined, fresh(files, dir), what);
}

/** Edits that change what the model computes: values, keys, names, whole blocks. */
const TARGETED: [string, string][] = [
  ['"ecr.api",', '"ecr.api",\n    "sts",'],
  ['"logs",', ''],
  ['default = "eu-west-1"', 'default = "us-east-1"'],
  ['Owner = "platform"', 'Owner = "network"'],
  ['resource "aws_vpc" "main"', 'resource "aws_vpc" "primary"'],
  ['resource "aws_vpc" "primary"', 'resource "aws_vpc" "main"'],
  ['from_port', '# from_port'],
  ['}\n', '}\n\nlocals {\n  extra = "x"\n}\n'],
];

const TARGETED_INLINE: [string, string][] = [
  ['default = ["a", "b", "c"]', 'default = ["a", "b"]'],
  ['default = ["a", "b"]', 'default = ["a", "b", "c"]'],
  ['"s3", ', ''],
  ['ports    = [443, 8443]', 'ports    = [443]'],
  ['resource "aws_security_group" "ep"', 'resource "aws_security_group" "ep2"'],
  ['resource "aws_security_group" "ep2"', 'resource "aws_security_group" "ep"'],
  ['cidr = "10.1.0.0/16"', 'cidr = "10.2.0.0/16"'],
];

function typingEdit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  const l = lines[i];
  const at = Math.floor(r() * (l.length + 1));
  const ins = ['a', '1', '"', ' ', '}', '{', '\n', '=', '.'][Math.floor(r() * 9)];
  lines[i] = l.slice(0, at) + (r() < 0.6 ? ins : '') + l.slice(at + (r() < 0.5 ? 1 : 0));
  return lines.join('\n');
}

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (/\.tf$|\.tfvars$/.test(name)) out[`/fx/${relative(root, p).split('\\').join('/')}`] = readFileSync(p, 'utf8');
    }
  };
  visit(root);
  return out;
}

/** Cross-file references, count, splats, dynamic blocks, data sources, outputs and tfvars. */
const INLINE: Record<string, string> = {
  '/in/net.tf': `variable "azs" {
  default = ["a", "b", "c"]
}

variable "cidr" {}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = "eu-west-1\${var.azs[count.index]}"
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}
`,
  '/in/endpoints.tf': `locals {
  services = toset(["s3", "ecr.api", "logs"])
  ports    = [443, 8443]
}

data "aws_region" "current" {}

resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      cidr_blocks = [aws_vpc.main.cidr_block]
    }
  }
}

resource "aws_vpc_endpoint" "this" {
  for_each           = local.services
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.\${data.aws_region.current.name}.\${each.key}"
  subnet_ids         = aws_subnet.private[*].id
  security_group_ids = [aws_security_group.ep.id]
}

output "endpoint_ids" {
  value = { for k, v in aws_vpc_endpoint.this : k => v.id }
}
`,
  '/in/terraform.tfvars': 'cidr = "10.1.0.0/16"\n',
};

describe('incremental model', function () {
  this.timeout(120_000);

  it('an edit to one resource keeps the module instance and its other instances', () => {
    const files: Record<string, string> = {};
    for (const f of moduleFiles(1, 'm')) files[`/c/${f.path}`] = f.text;
    const ws = createWorkspace(memoryHost(files));
    const m0 = ws.module('/c/m')!;
    snapshot(m0);
    const before = new Set([...m0.resources()]);
    const path = Object.keys(files).find((p) => files[p].includes('from_port'))!;
    files[path] = replaceOnce(files[path], 'from_port', 'from_port   = 1\n  # ');
    ws.setFile(path, files[path]);
    const m1 = ws.module('/c/m')!;
    assert.equal(m1, m0);
    const after = m1.resources();
    // The edit left every expansion alone: the edited resource keeps its instance too, on the new text.
    const kept = after.filter((r) => before.has(r)).length;
    assert.equal(kept, after.length, `${kept} of ${after.length} instances kept`);
    const edited = after.find((r) => r.blocks('ingress').some((b) => b.attrNode('from_port')));
    assert.ok(edited);
    assert.deepEqual(
      edited.blocks('ingress').map((b) => b.attr('from_port')?.kind === 'number' && (b.attr('from_port') as { value: number }).value),
      [1],
    );
    check(ws, files, '/c/m', 'after the edit');
  });

  it('an edit to one part of a resource keeps what read only its other parts, and forgets what read that part', () => {
    const files: Record<string, string> = { ...INLINE, '/in/terraform.tfvars': 'cidr = "10.1.0.0/16"\n' };
    const ws = createWorkspace(memoryHost({ ...files }));
    const m = ws.module('/in')!;
    const subnet = m.resources('aws_subnet')[0];
    const vpcId = subnet.attr('vpc_id');
    const cidr = subnet.attr('cidr_block');
    assert.equal(cidr?.kind, 'string');
    // Tags of the VPC: nothing here reads them.
    files['/in/net.tf'] = replaceOnce(files['/in/net.tf'], 'cidr_block = var.cidr\n', 'cidr_block = var.cidr\n  tags = { Name = "x" }\n');
    ws.setFile('/in/net.tf', files['/in/net.tf']);
    assert.equal(ws.module('/in'), m);
    assert.equal(m.resources('aws_subnet')[0], subnet);
    assert.equal(subnet.attr('vpc_id'), vpcId, 'the subnet read only the VPC id: kept');
    assert.equal(subnet.attr('cidr_block'), cidr, "the subnet's CIDR read the VPC's CIDR, which did not change: kept");
    check(ws, files, '/in', 'after the tags');
    // The VPC's CIDR: the subnets' CIDRs read it.
    files['/in/net.tf'] = replaceOnce(files['/in/net.tf'], 'cidr_block = var.cidr', 'cidr_block = "10.9.0.0/16"');
    ws.setFile('/in/net.tf', files['/in/net.tf']);
    assert.equal(ws.module('/in'), m);
    const again = m.resources('aws_subnet')[0];
    assert.notEqual(again.attr('cidr_block'), cidr);
    assert.equal((again.attr('cidr_block') as { value: string }).value, '10.9.0.0/24');
    check(ws, files, '/in', 'after the CIDR');
    // Its count: the subnets are other instances now.
    const before = new Set(m.resources('aws_subnet'));
    files['/in/net.tf'] = replaceOnce(files['/in/net.tf'], 'count             = length(var.azs)', 'count             = 2');
    ws.setFile('/in/net.tf', files['/in/net.tf']);
    assert.equal(ws.module('/in'), m);
    const now = m.resources('aws_subnet');
    assert.equal(now.length, 2);
    assert.ok(
      now.every((r) => !before.has(r)),
      'a change to count makes new instances',
    );
    check(ws, files, '/in', 'after the count');
  });

  it('equals a fresh model after targeted and random edits to a generated module', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const r = rng(seed);
      const files: Record<string, string> = {};
      for (const f of moduleFiles(seed, 'm')) files[`/c/${f.path}`] = f.text;
      const paths = Object.keys(files).filter((p) => p.endsWith('.tf'));
      const ws = createWorkspace(memoryHost({ ...files }));
      check(ws, files, '/c/m', `seed ${seed}, start`);
      for (let step = 0; step < 30; step++) {
        const path = paths[Math.floor(r() * paths.length)];
        const t = TARGETED.find(([from]) => files[path].includes(from) && r() < 0.5);
        files[path] = t ? replaceOnce(files[path], t[0], t[1]) : typingEdit(files[path], r);
        ws.setFile(path, files[path]);
        // Sometimes several edits land before the model is read again.
        if (r() < 0.7) check(ws, files, '/c/m', `seed ${seed}, step ${step}: ${t ? t[0] : 'typing'} in ${path}`);
      }
      check(ws, files, '/c/m', `seed ${seed}, end`);
    }
  });

  it('equals a fresh model after edits to fixtures with count, for_each, child modules and tfvars', () => {
    const sets = [readTree(join(__dirname, '..', 'fixtures', 'modules')), INLINE];
    let checked = 0;
    for (const set of sets) {
      const files = { ...set };
      const dirs = [
        ...new Set(
          Object.keys(files)
            .filter((p) => p.endsWith('.tf'))
            .map((p) => p.slice(0, p.lastIndexOf('/'))),
        ),
      ];
      const ws = createWorkspace(memoryHost({ ...files }));
      const r = rng(7);
      for (const d of dirs) check(ws, files, d, `${d} at start`);
      const paths = Object.keys(files);
      for (let step = 0; step < 60; step++) {
        const path = paths[Math.floor(r() * paths.length)];
        const t = TARGETED_INLINE.find(([from]) => files[path].includes(from) && r() < 0.3);
        files[path] = t ? replaceOnce(files[path], t[0], t[1]) : typingEdit(files[path], r);
        ws.setFile(path, files[path]);
        const d = dirs[Math.floor(r() * dirs.length)];
        check(ws, files, d, `step ${step}: ${path}, checking ${d}`);
        checked++;
      }
      for (const d of dirs) check(ws, files, d, `${d} at end`);
    }
    assert.ok(checked > 0);
  });
});
