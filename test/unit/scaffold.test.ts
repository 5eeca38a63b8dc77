// The scaffolding commands on fixture modules: the text they write, that it parses with
// HashiCorp's parser, and that our own analysis finds nothing the command could have avoided.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { analyze } from '../../server/src/engine/analyze';
import { applyEditsToFiles } from '../../server/src/fixes/apply';
import { memoryHost } from '../../server/src/model/testing';
import type { WorkspaceModel } from '../../server/src/model/types';
import { createWorkspace } from '../../server/src/model/workspace';
import type { Finding } from '../../server/src/rules/types';
import { discover } from '../../server/src/scaffold/discover';
import {
  BUNDLES,
  listModules,
  runScaffold,
  ScaffoldError,
  type ScaffoldRequest,
  type ScaffoldResult,
} from '../../server/src/scaffold/index';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'scaffold');
const WS = '/ws';

type Files = Record<string, string>;

/** Fixture folders as modules under /ws, with optional replacements of their text. */
function load(dirs: string[], patch: Files = {}): Files {
  const files: Files = {};
  for (const d of dirs) {
    for (const f of fs.readdirSync(path.join(FIXTURES, d))) files[`${WS}/${d}/${f}`] = fs.readFileSync(path.join(FIXTURES, d, f), 'utf8');
  }
  return { ...files, ...patch };
}

function workspace(files: Files): WorkspaceModel {
  return createWorkspace(memoryHost(files), { folders: [WS] });
}

interface Run {
  result: ScaffoldResult;
  /** Every file's text after the edits. */
  files: Files;
  changed: Files;
  before: Finding[];
  after: Finding[];
  ws: WorkspaceModel;
}

function run(files: Files, req: ScaffoldRequest): Run {
  const ws = workspace(files);
  const dirs = new Set([req.moduleDir]);
  const before = analyze(ws, { dirs });
  const result = runScaffold(ws, req);
  for (const p of result.createFiles) assert.equal(files[p], undefined, `${p} is created, so it must not exist`);
  const changedMap = applyEditsToFiles(new Map(Object.entries(files)), result.edits);
  const changed = Object.fromEntries(changedMap);
  const after = workspace({ ...files, ...changed });
  return { result, files: { ...files, ...changed }, changed, before, after: analyze(after, { dirs }), ws: after };
}

const key = (f: Finding) => `${f.rule}|${f.message}`;

/** Findings of a level the edit introduced. */
function introduced(r: Run, levels: Finding['severity'][] = ['error', 'warning']): Finding[] {
  const old = new Set(r.before.map(key));
  return r.after.filter((f) => levels.includes(f.severity) && !old.has(key(f)));
}

async function assertParses(r: Run): Promise<void> {
  assert.ok(Object.keys(r.changed).length > 0, 'the command changed something');
  for (const [p, text] of Object.entries(r.changed)) {
    await assert.doesNotReject(parseHcl(path.basename(p), text), `${p} parses with hcl2json`);
  }
}

/** No error at all, and no new warning other than the ones named (decisions the summary states). */
function assertClean(r: Run, allowedWarnings: string[] = []): void {
  const errors = r.after.filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((f) => `${f.rule}: ${f.message}`),
    [],
  );
  const warnings = introduced(r, ['warning']).filter((f) => !allowedWarnings.includes(f.rule));
  assert.deepEqual(
    warnings.map((f) => `${f.rule}: ${f.message}`),
    [],
  );
}

const expected = (name: string) => fs.readFileSync(path.join(FIXTURES, 'expected', name), 'utf8');

describe('scaffolding: add interface endpoints', () => {
  it('writes the ECR bundle into a new endpoints.tf of a module without endpoints', async () => {
    const r = run(load(['basic']), { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { bundle: 'ecr' } });
    assert.deepEqual(r.result.createFiles, [`${WS}/basic/endpoints.tf`]);
    assert.equal(r.changed[`${WS}/basic/endpoints.tf`], expected('basic-ecr/endpoints.tf.txt'));
    // Private DNS on the new endpoints needs DNS hostnames in the VPC (PL101), aligned as fmt would.
    assert.match(
      r.changed[`${WS}/basic/vpc.tf`],
      /resource "aws_vpc" "main" \{\n {2}cidr_block {11}= "10\.0\.0\.0\/16"\n {2}enable_dns_hostnames = true\n\n {2}tags = \{/,
    );
    await assertParses(r);
    // The module writes no endpoint policies, so none are written; PL301 says so, as the summary does.
    assertClean(r, ['PL301']);
    assert.match(r.result.summary, /Endpoint policies: none written/);
    assert.ok(!r.after.some((f) => f.rule === 'PL101' || f.rule === 'PL501' || f.rule === 'PL201' || f.rule === 'PL403'));
  });

  it('writes policies scoped by the organization when asked, leaving no warning at all', async () => {
    const r = run(load(['basic']), {
      command: 'addInterfaceEndpoints',
      moduleDir: `${WS}/basic`,
      options: { bundle: 'ssm', policy: true },
    });
    const text = r.changed[`${WS}/basic/endpoints.tf`];
    assert.equal((text.match(/resource "aws_vpc_endpoint"/g) ?? []).length, 3);
    // Only ssm's endpoint takes a policy: ssmmessages and ec2messages do not support endpoint policies.
    assert.equal((text.match(/"aws:PrincipalOrgID" = "o-xxxxxxxxxx"/g) ?? []).length, 1);
    for (const s of ['ssm', 'ssmmessages', 'ec2messages'])
      assert.ok(text.includes(`service_name        = "com.amazonaws.\${var.region}.${s}"`), s);
    await assertParses(r);
    assertClean(r);
    assert.deepEqual(
      introduced(r, ['warning', 'information']).map((f) => f.rule),
      [],
    );
  });

  it("adds to the module's for_each list, skipping services already present", async () => {
    const r = run(load(['foreach']), { command: 'addInterfaceEndpoints', moduleDir: `${WS}/foreach`, options: { bundle: 'ecs' } });
    assert.deepEqual(Object.keys(r.changed), [`${WS}/foreach/main.tf`]);
    const text = r.changed[`${WS}/foreach/main.tf`];
    assert.ok(
      text.includes(
        '  interface_endpoints = [\n    "ecr.api",\n    "ecr.dkr",\n    "ecs",\n    "ecs-agent",\n    "ecs-telemetry",\n    "logs",\n  ]\n',
      ),
      text,
    );
    // Nothing else: no new blocks, the S3 gateway exists already.
    assert.equal((text.match(/resource "/g) ?? []).length, (load(['foreach'])[`${WS}/foreach/main.tf`].match(/resource "/g) ?? []).length);
    assert.match(r.result.summary, /skipped: ecr\.api, ecr\.dkr, s3/);
    await assertParses(r);
    assertClean(r);
    // The endpoints now exist once per service: the for_each expands to all of them.
    const again = runScaffold(r.ws, {
      command: 'addInterfaceEndpoints',
      moduleDir: `${WS}/foreach`,
      options: { services: ['ecs', 'logs'] },
    });
    assert.deepEqual(again.edits, []);
    assert.match(again.summary, /Nothing to add/);
  });

  it("writes blocks instead of growing a list whose policy names one service's actions", async () => {
    const base = load(['foreach']);
    const p = `${WS}/foreach/main.tf`;
    const specific = base[p].replace(
      '      Action    = "*"\n      Resource  = "*"\n      Condition = {\n        StringEquals = { "aws:PrincipalOrgID" = "o-abc123def4" }\n      }\n    }]\n  })\n\n  tags = local.tags\n}\n\nresource "aws_vpc_endpoint" "s3"',
      '      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]\n      Resource  = "*"\n      Condition = {\n        StringEquals = { "aws:PrincipalOrgID" = "o-abc123def4" }\n      }\n    }]\n  })\n\n  tags = local.tags\n}\n\nresource "aws_vpc_endpoint" "s3"',
    );
    assert.notEqual(specific, base[p]);
    const r = run(
      { ...base, [p]: specific },
      { command: 'addInterfaceEndpoints', moduleDir: `${WS}/foreach`, options: { services: ['logs'] } },
    );
    const text = r.changed[p];
    assert.ok(text.includes('  interface_endpoints = [\n    "ecr.api",\n    "ecr.dkr",\n  ]'), 'the list is left alone');
    assert.ok(text.includes('resource "aws_vpc_endpoint" "logs" {'));
    assert.ok(text.includes('security_group_ids  = [aws_security_group.endpoints.id]'));
    await assertParses(r);
    assertClean(r);
  });

  it('keeps a one-line for_each list on one line', async () => {
    const base = load(['foreach']);
    const p = `${WS}/foreach/main.tf`;
    const oneLine = base[p].replace(/interface_endpoints = \[[^\]]*\]/, 'interface_endpoints = ["ecr.api", "ecr.dkr"]');
    const r = run(
      { ...base, [p]: oneLine },
      { command: 'addInterfaceEndpoints', moduleDir: `${WS}/foreach`, options: { services: ['sts'] } },
    );
    assert.ok(r.changed[p].includes('interface_endpoints = ["ecr.api", "ecr.dkr", "sts"]'));
    await assertParses(r);
    assertClean(r);
  });

  it('writes blocks beside a for_each endpoint for services it cannot iterate, reusing its group, subnets and policy', async () => {
    const r = run(load(['foreach']), { command: 'addInterfaceEndpoints', moduleDir: `${WS}/foreach`, options: { services: ['notebook'] } });
    const text = r.changed[`${WS}/foreach/main.tf`];
    // aws.sagemaker.* names do not fit the list's "com.amazonaws.<region>.<each.key>" template.
    assert.match(text, /resource "aws_vpc_endpoint" "notebook" \{/);
    assert.ok(text.includes('service_name        = "aws.sagemaker.${data.aws_region.current.name}.notebook"'), text);
    assert.ok(text.includes('security_group_ids  = [aws_security_group.endpoints.id]'));
    assert.ok(text.includes('subnet_ids          = values(aws_subnet.app)[*].id'));
    assert.ok(text.includes('"aws:PrincipalOrgID" = "o-abc123def4"'), "reuses the organization id of the module's policies");
    assert.ok(text.includes('tags = merge(local.tags, {\n    Name = "notebook-endpoint"\n  })'));
    await assertParses(r);
    assertClean(r);
  });

  it("uses a VPC module's outputs and turns its DNS hostnames input on", async () => {
    const r = run(load(['vpc-module']), {
      command: 'addInterfaceEndpoints',
      moduleDir: `${WS}/vpc-module`,
      options: { services: ['sts', 'dynamodb'] },
    });
    const text = r.changed[`${WS}/vpc-module/main.tf`];
    assert.ok(text.includes('  enable_dns_hostnames = true\n'));
    assert.ok(!text.includes('enable_dns_hostnames = false'));
    assert.ok(text.includes('data "aws_region" "current" {}'));
    assert.ok(text.includes('vpc_id              = module.vpc.vpc_id'));
    assert.ok(text.includes('subnet_ids          = module.vpc.private_subnets'));
    assert.ok(text.includes('cidr_blocks = [module.vpc.vpc_cidr_block]'));
    assert.ok(text.includes('route_table_ids   = module.vpc.private_route_table_ids'));
    assert.ok(text.includes('vpc_endpoint_type = "Gateway"'), 'dynamodb becomes a Gateway endpoint');
    assert.ok(text.includes('"com.amazonaws.${data.aws_region.current.name}.sts"'));
    assert.ok(text.includes('tags = merge(local.common_tags, {'));
    await assertParses(r);
    assertClean(r, ['PL301']);
  });

  it('reuses the security group, file and subnets of endpoints it wrote before', async () => {
    const first = run(load(['basic']), { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { bundle: 'ecr' } });
    const r = run(first.files, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { services: ['ecr.api', 'sts'] } });
    assert.deepEqual(r.result.createFiles, []);
    assert.deepEqual(Object.keys(r.changed), [`${WS}/basic/endpoints.tf`]);
    const added = r.changed[`${WS}/basic/endpoints.tf`].slice(first.files[`${WS}/basic/endpoints.tf`].length);
    assert.equal((added.match(/^resource /gm) ?? []).length, 1, 'only sts: ecr.api is there already');
    assert.ok(added.includes('resource "aws_vpc_endpoint" "sts" {'));
    assert.ok(added.includes('security_group_ids  = [aws_security_group.vpc_endpoints.id]'));
    assert.ok(!added.includes('aws_security_group" '));
    assert.match(r.result.summary, /skipped: ecr\.api/);
    await assertParses(r);
    assertClean(r, ['PL301']);
  });

  it('keeps CRLF line endings of the files it edits', async () => {
    const crlf = Object.fromEntries(Object.entries(load(['foreach'])).map(([p, t]) => [p, t.replace(/\n/g, '\r\n')]));
    const r = run(crlf, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/foreach`, options: { services: ['sts', 'notebook'] } });
    const text = r.changed[`${WS}/foreach/main.tf`];
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.ok(text.includes('    "ecr.dkr",\r\n    "sts",\r\n  ]'));
    await assertParses(r);
    assertClean(r);
    // A new file follows the module's line endings too.
    const basic = Object.fromEntries(Object.entries(load(['basic'])).map(([p, t]) => [p, t.replace(/\n/g, '\r\n')]));
    const b = run(basic, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { services: ['sts'] } });
    for (const t of Object.values(b.changed)) assert.equal(t.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assertClean(b, ['PL301']);
  });

  for (const bundle of BUNDLES) {
    it(`writes the ${bundle.label} bundle with one endpoint per service and nothing to fix`, async () => {
      const r = run(load(['basic']), {
        command: 'addInterfaceEndpoints',
        moduleDir: `${WS}/basic`,
        options: { bundle: bundle.id, policy: true },
      });
      const doc = (await parseHcl('endpoints.tf', r.changed[`${WS}/basic/endpoints.tf`])) as {
        resource: Record<string, Record<string, Record<string, unknown>[]>>;
      };
      const eps = Object.values(doc.resource.aws_vpc_endpoint).map((b) => b[0]);
      const services = eps.map((e) => String(e.service_name).replace(/^.*\}\./, '')).sort();
      assert.deepEqual(services, [...bundle.services].sort());
      for (const e of eps) assert.equal(e.vpc_endpoint_type, String(e.service_name).endsWith('.s3') ? 'Gateway' : 'Interface');
      await assertParses(r);
      assertClean(r);
      assert.deepEqual(
        introduced(r, ['warning']).map((f) => f.rule),
        [],
      );
    });
  }

  it('reads an existing VPC through data sources', async () => {
    const text = [
      'variable "region" {',
      '  type = string',
      '}',
      '',
      'data "aws_vpc" "shared" {',
      '  tags = { Name = "shared" }',
      '}',
      '',
      'data "aws_subnets" "private" {',
      '  filter {',
      '    name   = "vpc-id"',
      '    values = [data.aws_vpc.shared.id]',
      '  }',
      '}',
      '',
    ].join('\n');
    const r = run(
      { [`${WS}/shared/main.tf`]: text },
      { command: 'addInterfaceEndpoints', moduleDir: `${WS}/shared`, options: { services: ['sts', 's3'], policy: true } },
    );
    const out = r.changed[`${WS}/shared/main.tf`];
    assert.ok(out.includes('vpc_id              = data.aws_vpc.shared.id'));
    assert.ok(out.includes('subnet_ids          = data.aws_subnets.private.ids'));
    assert.ok(out.includes('cidr_blocks = [data.aws_vpc.shared.cidr_block]'));
    assert.ok(out.includes('route_table_ids   = [data.aws_vpc.shared.main_route_table_id]'));
    assert.match(r.result.summary, /data\.aws_vpc\.shared is read, not managed here/);
    await assertParses(r);
    assertClean(r);
  });

  it('writes into the VPC the user picks when the module has several', async () => {
    const other =
      'resource "aws_vpc" "other" {\n  cidr_block           = "10.9.0.0/16"\n  enable_dns_hostnames = true\n}\n\nresource "aws_subnet" "other_private" {\n  vpc_id     = aws_vpc.other.id\n  cidr_block = "10.9.1.0/24"\n}\n';
    const files = load(['basic'], { [`${WS}/basic/other.tf`]: other });
    const r = run(files, {
      command: 'addInterfaceEndpoints',
      moduleDir: `${WS}/basic`,
      options: { services: ['sts'], vpc: 'aws_vpc.other' },
    });
    const text = r.changed[`${WS}/basic/endpoints.tf`];
    assert.ok(text.includes('vpc_id              = aws_vpc.other.id'));
    assert.ok(
      text.includes('subnet_ids          = aws_subnet.other_private.id') ||
        text.includes('subnet_ids          = [aws_subnet.other_private.id]'),
    );
    assert.ok(text.includes('cidr_blocks = [aws_vpc.other.cidr_block]'));
    assert.equal(r.changed[`${WS}/basic/vpc.tf`], undefined, 'the other VPC has DNS hostnames already; main is left alone');
    await assertParses(r);
    assertClean(r, ['PL301']);
  });

  it('indents with tabs in a module that does', async () => {
    const tabbed = Object.fromEntries(
      Object.entries(load(['basic'])).map(([p, t]) => [p, t.replace(/^((?: {2})+)/gm, (m) => '\t'.repeat(m.length / 2))]),
    );
    const r = run(tabbed, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { services: ['sts'], policy: true } });
    const text = r.changed[`${WS}/basic/endpoints.tf`];
    assert.ok(text.includes('\tvpc_id              = aws_vpc.main.id'));
    assert.ok(text.includes('\t\t\tStringEquals = { "aws:PrincipalOrgID" = "o-xxxxxxxxxx" }'));
    assert.ok(!/^ +/m.test(text), 'no line starts with spaces');
    await assertParses(r);
    assertClean(r);
  });

  it('refuses unknown services and bundles, and modules without a VPC', () => {
    const ws = workspace(load(['basic'], { [`${WS}/empty/main.tf`]: 'variable "x" {}\n' }));
    assert.throws(
      () => runScaffold(ws, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { services: ['ecr.dockr'] } }),
      (e: Error) => e instanceof ScaffoldError && /nearest: ecr\.dkr/.test(e.message),
    );
    assert.throws(
      () => runScaffold(ws, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/basic`, options: { bundle: 'nope' } }),
      ScaffoldError,
    );
    assert.throws(
      () => runScaffold(ws, { command: 'addInterfaceEndpoints', moduleDir: `${WS}/empty`, options: { services: ['sts'] } }),
      /No VPC/,
    );
  });
});

describe('scaffolding: gateway endpoint', () => {
  it("adds an S3 gateway with the VPC's route tables", async () => {
    const r = run(load(['basic']), { command: 'addGatewayEndpoint', moduleDir: `${WS}/basic`, options: { service: 's3', policy: true } });
    const text = r.changed[`${WS}/basic/endpoints.tf`];
    assert.ok(
      text.startsWith(
        'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.${var.region}.s3"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]\n\n  policy = jsonencode({',
      ),
      text,
    );
    await assertParses(r);
    assertClean(r);
    assert.deepEqual(
      introduced(r, ['warning', 'information']).map((f) => f.rule),
      [],
    );
  });

  it("falls back to the VPC's main route table and says when the gateway exists", () => {
    const base = load(['basic']);
    const vpc = `${WS}/basic/vpc.tf`;
    const noRt = base[vpc].replace(/resource "aws_route_table" "private" \{[^}]*\}\n/, '');
    const r = run({ ...base, [vpc]: noRt }, { command: 'addGatewayEndpoint', moduleDir: `${WS}/basic`, options: { service: 'dynamodb' } });
    assert.ok(r.changed[`${WS}/basic/endpoints.tf`].includes('route_table_ids   = [aws_vpc.main.main_route_table_id]'));
    assertClean(r, ['PL301']);
    const again = runScaffold(r.ws, { command: 'addGatewayEndpoint', moduleDir: `${WS}/basic`, options: { service: 'dynamodb' } });
    assert.deepEqual(again.edits, []);
    assert.throws(
      () => runScaffold(r.ws, { command: 'addGatewayEndpoint', moduleDir: `${WS}/basic`, options: { service: 'sqs' } }),
      ScaffoldError,
    );
  });
});

describe('scaffolding: expose a service', () => {
  it('puts an endpoint service in front of an existing NLB, with outputs', async () => {
    const r = run(load(['provider']), { command: 'exposeService', moduleDir: `${WS}/provider`, options: { loadBalancer: 'aws_lb.api' } });
    assert.ok(
      r.changed[`${WS}/provider/main.tf`].endsWith(
        [
          '',
          'resource "aws_vpc_endpoint_service" "api" {',
          '  acceptance_required        = true',
          '  allowed_principals         = ["arn:aws:iam::123456789012:root"]',
          '  network_load_balancer_arns = [aws_lb.api.arn]',
          '',
          '  tags = {',
          '    Name = "api-endpoint-service"',
          '  }',
          '}',
          '',
        ].join('\n'),
      ),
    );
    assert.equal(
      r.changed[`${WS}/provider/outputs.tf`],
      [
        'output "vpc_id" {',
        '  value = aws_vpc.svc.id',
        '}',
        '',
        'output "api_endpoint_service_name" {',
        '  description = "Service name consumers use for their interface endpoint."',
        '  value       = aws_vpc_endpoint_service.api.service_name',
        '}',
        '',
        'output "api_endpoint_service_id" {',
        '  value = aws_vpc_endpoint_service.api.id',
        '}',
        '',
      ].join('\n'),
    );
    await assertParses(r);
    assertClean(r);
    assert.deepEqual(
      introduced(r, ['warning', 'information']).map((f) => f.rule),
      [],
    );
    const again = runScaffold(r.ws, { command: 'exposeService', moduleDir: `${WS}/provider`, options: { loadBalancer: 'aws_lb.api' } });
    assert.match(again.summary, /already exposed/);
  });

  it('writes a new internal NLB, target group and listener for a port', async () => {
    const r = run(load(['consumer']), {
      command: 'exposeService',
      moduleDir: `${WS}/consumer`,
      options: { name: 'orders', port: 8080, principals: ['arn:aws:iam::444455556666:root'] },
    });
    const text = r.changed[`${WS}/consumer/main.tf`];
    const doc = (await parseHcl('main.tf', text)) as {
      resource: Record<string, Record<string, Record<string, unknown>[]>>;
      output: Record<string, unknown>;
    };
    const lb = doc.resource.aws_lb.orders[0];
    assert.equal(lb.internal, true);
    assert.equal(lb.load_balancer_type, 'network');
    assert.equal(lb.subnets, '${aws_subnet.private[*].id}');
    assert.equal(doc.resource.aws_lb_target_group.orders[0].port, 8080);
    assert.equal(doc.resource.aws_lb_listener.orders[0].port, 8080);
    assert.equal(doc.resource.aws_lb_listener.orders[0].load_balancer_arn, '${aws_lb.orders.arn}');
    const svc = doc.resource.aws_vpc_endpoint_service.orders[0];
    assert.equal(svc.acceptance_required, true);
    assert.deepEqual(svc.allowed_principals, ['arn:aws:iam::444455556666:root']);
    assert.deepEqual(Object.keys(doc.output).sort(), ['orders_endpoint_service_id', 'orders_endpoint_service_name']);
    await assertParses(r);
    assertClean(r);
    assert.deepEqual(
      introduced(r, ['warning', 'information']).map((f) => f.rule),
      [],
    );
  });

  it('refuses a load balancer that is not a network one', () => {
    const base = load(['provider']);
    const p = `${WS}/provider/main.tf`;
    const ws = workspace({ ...base, [p]: base[p].replace('load_balancer_type = "network"', 'load_balancer_type = "application"') });
    assert.throws(
      () => runScaffold(ws, { command: 'exposeService', moduleDir: `${WS}/provider`, options: { loadBalancer: 'aws_lb.api' } }),
      /needs a network load balancer/,
    );
  });
});

describe('scaffolding: connect to an endpoint service', () => {
  it('connects to a service of another module through a variable, on its listener port, with a private zone', async () => {
    const exposed = run(load(['provider', 'consumer']), {
      command: 'exposeService',
      moduleDir: `${WS}/provider`,
      options: { loadBalancer: 'aws_lb.api' },
    });
    const r = run(exposed.files, {
      command: 'connectToService',
      moduleDir: `${WS}/consumer`,
      options: { service: { dir: `${WS}/provider`, address: 'aws_vpc_endpoint_service.api' } },
    });
    const text = r.changed[`${WS}/consumer/main.tf`];
    assert.ok(text.includes('variable "api_service_name" {'));
    assert.ok(text.includes('service_name       = var.api_service_name'));
    assert.ok(text.includes('from_port   = 8443'), "the NLB listener's port");
    assert.ok(!text.includes('private_dns_enabled'));
    assert.ok(
      text.includes('resource "aws_route53_zone" "api" {\n  name = "api.internal"\n\n  vpc {\n    vpc_id = aws_vpc.client.id\n  }'),
    );
    assert.ok(
      text.includes(
        '    name                   = aws_vpc_endpoint.api.dns_entry[0].dns_name\n    zone_id                = aws_vpc_endpoint.api.dns_entry[0].hosted_zone_id\n',
      ),
    );
    await assertParses(r);
    assertClean(r);
  });

  it('references a service of the same module and uses its private DNS name', async () => {
    const exposed = run(load(['provider']), {
      command: 'exposeService',
      moduleDir: `${WS}/provider`,
      options: { loadBalancer: 'aws_lb.api' },
    });
    const p = `${WS}/provider/main.tf`;
    const withDns = {
      ...exposed.files,
      [p]: exposed.files[p].replace(
        '  network_load_balancer_arns = [aws_lb.api.arn]\n',
        '  network_load_balancer_arns = [aws_lb.api.arn]\n  private_dns_name           = "api.example.com"\n',
      ),
    };
    const r = run(withDns, {
      command: 'connectToService',
      moduleDir: `${WS}/provider`,
      options: { service: { dir: `${WS}/provider`, address: 'aws_vpc_endpoint_service.api' }, name: 'api_client' },
    });
    // Two files in the module and no endpoints yet: a new endpoints.tf.
    assert.deepEqual(r.result.createFiles, [`${WS}/provider/endpoints.tf`]);
    const text = r.changed[`${WS}/provider/endpoints.tf`];
    assert.ok(text.includes('service_name        = aws_vpc_endpoint_service.api.service_name'));
    assert.ok(text.includes('private_dns_enabled = true'));
    // The service requires acceptance and is the module's own: the endpoint accepts itself.
    assert.match(text, /auto_accept\s+= true/);
    assert.ok(!text.includes('aws_route53_zone'));
    assert.ok(text.includes('subnet_ids          = [aws_subnet.private_a.id, aws_subnet.private_b.id]'));
    await assertParses(r);
    assertClean(r);
  });

  it('connects to a service by name with a security group for the port', async () => {
    const name = 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0';
    const r = run(load(['consumer']), {
      command: 'connectToService',
      moduleDir: `${WS}/consumer`,
      options: { serviceName: name, port: 5432, name: 'db', zoneName: 'db.corp.internal' },
    });
    const text = r.changed[`${WS}/consumer/main.tf`];
    assert.ok(text.includes(`service_name       = "${name}"`));
    assert.ok(text.includes('from_port   = 5432'));
    assert.ok(text.includes('name = "db.corp.internal"'));
    await assertParses(r);
    assertClean(r);
    const ws = workspace(load(['consumer']));
    assert.throws(
      () =>
        runScaffold(ws, {
          command: 'connectToService',
          moduleDir: `${WS}/consumer`,
          options: { serviceName: 'com.amazonaws.eu-west-1.s3' },
        }),
      /not an endpoint service name/,
    );
  });
});

describe('scaffolding: discovery and module listing', () => {
  it("reads the for_each module's region, group, subnets, list, file and tags", () => {
    const ws = workspace(load(['foreach']));
    const d = discover(ws.module(`${WS}/foreach`)!);
    assert.equal(d.vpc?.address, 'aws_vpc.this');
    assert.equal(d.region.expr, 'data.aws_region.current.name');
    assert.equal(d.securityGroupExpr, '[aws_security_group.endpoints.id]');
    assert.equal(d.subnetsExpr, 'values(aws_subnet.app)[*].id');
    assert.equal(d.routeTablesExpr, '[aws_route_table.app.id]');
    assert.deepEqual(d.forEach?.services, ['ecr.api', 'ecr.dkr']);
    assert.equal(d.endpointFile, `${WS}/foreach/main.tf`);
    assert.equal(d.writesPolicies, true);
    assert.equal(d.orgId, 'o-abc123def4');
    assert.ok(d.existing.has('s3/Gateway'));
  });

  it('prefers private subnets, and lists modules a command can write into', () => {
    const ws = workspace(load(['basic', 'provider', 'consumer'], { [`${WS}/empty/main.tf`]: 'variable "x" {}\n' }));
    assert.equal(discover(ws.module(`${WS}/basic`)!).subnetsExpr, 'aws_subnet.private[*].id');
    const mods = listModules(ws, [`${WS}/basic`, `${WS}/consumer`, `${WS}/empty`, `${WS}/provider`]);
    assert.deepEqual(
      mods.map((m) => m.dir),
      [`${WS}/basic`, `${WS}/consumer`, `${WS}/provider`],
    );
    assert.deepEqual(mods.find((m) => m.dir.endsWith('provider'))?.loadBalancers, [{ address: 'aws_lb.api', type: 'network' }]);
  });
});

describe('scaffolding: connect to a VPC resource', () => {
  const provider = `${WS}/resource-provider`;

  it('connects to a resource configuration of another module through a variable, admitting its ports, with private DNS', async () => {
    const r = run(load(['resource-provider', 'consumer']), {
      command: 'connectToResource',
      moduleDir: `${WS}/consumer`,
      options: { configuration: { dir: provider, address: 'aws_vpclattice_resource_configuration.db' } },
    });
    const text = r.changed[`${WS}/consumer/main.tf`];
    assert.ok(text.includes('variable "db_resource_configuration_arn" {'));
    assert.ok(
      text.includes(
        [
          'resource "aws_vpc_endpoint" "db" {',
          '  vpc_id                     = aws_vpc.client.id',
          '  vpc_endpoint_type          = "Resource"',
          '  resource_configuration_arn = var.db_resource_configuration_arn',
          '  subnet_ids                 = aws_subnet.private[*].id',
          '  security_group_ids         = [aws_security_group.db_endpoint.id]',
          '  private_dns_enabled        = true',
        ].join('\n'),
      ),
      text,
    );
    assert.ok(text.includes('    from_port   = 5432\n    to_port     = 5432\n'));
    assert.ok(text.includes('    from_port   = 8000\n    to_port     = 8010\n'));
    assert.ok(text.includes('cidr_blocks = [aws_vpc.client.cidr_block]'));
    assert.match(
      r.result.summary,
      /^Added a Resource endpoint aws_vpc_endpoint\.db to aws_vpclattice_resource_configuration\.db in aws_vpc\.client/,
    );
    assert.match(r.result.summary, /Private DNS: on, so db\.example\.com/);
    await assertParses(r);
    assertClean(r);
  });

  it('references a configuration of the same module, in the subnets picked', async () => {
    const files = load(['resource-provider']);
    const r = run(files, {
      command: 'connectToResource',
      moduleDir: provider,
      options: {
        configuration: { dir: provider, address: 'aws_vpclattice_resource_configuration.db' },
        subnets: ['aws_subnet.data'],
        name: 'db_client',
        privateDns: false,
      },
    });
    const text = Object.values(r.changed).join('\n');
    assert.ok(text.includes('resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn'));
    assert.ok(text.includes('subnet_ids                 = aws_subnet.data[*].id'));
    assert.ok(!text.includes('private_dns_enabled'));
    await assertParses(r);
    assertClean(r);
  });

  it('connects by ARN on the port given, and refuses what is not a configuration ARN or a subnet of the VPC', async () => {
    const arn = 'arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0';
    const r = run(load(['consumer']), {
      command: 'connectToResource',
      moduleDir: `${WS}/consumer`,
      options: { arn, ports: [3306] },
    });
    const text = r.changed[`${WS}/consumer/main.tf`];
    assert.ok(text.includes(`resource_configuration_arn = "${arn}"`));
    assert.ok(text.includes('resource "aws_vpc_endpoint" "rcfg_0123456789abcdef0" {'));
    assert.ok(text.includes('from_port   = 3306'));
    await assertParses(r);
    assertClean(r);
    const ws = workspace(load(['consumer']));
    const refuse = (options: object, re: RegExp) =>
      assert.throws(() => runScaffold(ws, { command: 'connectToResource', moduleDir: `${WS}/consumer`, options }), re);
    refuse({ arn: 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123' }, /not a resource configuration ARN/);
    refuse({ arn, subnets: ['aws_subnet.nope'] }, /not a subnet of aws_vpc\.client/);
    refuse({ arn, ports: [70000] }, /not a TCP port/);
    refuse({}, /resource configuration of the workspace or its ARN/);
  });

  it('lists resource configurations and subnets for the client to offer', () => {
    const ws = workspace(load(['resource-provider', 'consumer']));
    const mods = listModules(ws, [`${WS}/consumer`, provider]);
    const p = mods.find((m) => m.dir === provider);
    assert.deepEqual(p?.resourceConfigurations, [{ address: 'aws_vpclattice_resource_configuration.db', ports: 'TCP 5432, 8000-8010' }]);
    assert.deepEqual(p?.subnets, { 'aws_vpc.data': ['aws_subnet.data'] });
    assert.deepEqual(mods.find((m) => m.dir === `${WS}/consumer`)?.subnets, { 'aws_vpc.client': ['aws_subnet.private'] });
  });
});
