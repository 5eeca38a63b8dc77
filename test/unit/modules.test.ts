// Modules as real projects use them: installed registry modules (followed through
// .terraform/modules/modules.json) and known community modules that are not installed (built-in
// stand-ins). Findings inside them are reported at the user's module block.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/fixes/apply';
import { knownModuleDir } from '../../server/src/model/known-modules/index';
import { newestAllowed, satisfies, parseVersion } from '../../server/src/model/known-modules/version';
import { nodeHost } from '../../server/src/model/node-host';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import type { Finding } from '../../server/src/rules/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function golden(fs: Finding[]): string[] {
  return fs.map((f) => `${f.rule} ${path.basename(f.uri)}:${f.range.start.line + 1}`);
}

function analyseDir(dir: string): Finding[] {
  const ws = createWorkspace(nodeHost(), { folders: [dir] });
  return analyze(ws, { root: dir });
}

function analyseFiles(files: Record<string, string>): { findings: Finding[]; ws: ReturnType<typeof workspaceFromFiles> } {
  const ws = workspaceFromFiles(files);
  return { findings: analyze(ws, { root: '/ws' }), ws };
}

const VPC_V3 = `
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 3.14"

  name            = "main"
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
}
`;

function endpointsCall(entries: string, extra = '', version = '~> 5.0'): string {
  return `
module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "${version}"

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets
${extra}
  endpoints = {
${entries}
  }
}
`;
}

describe('modules: installed (modules.json)', () => {
  const dir = path.join(FIXTURES, 'modules-installed', 'app');
  const findings = analyseDir(dir);

  it('reports findings inside installed modules at the calling module block, with golden positions', () => {
    assert.deepEqual(golden(findings), ['PL702 main.tf:5', 'PL202 main.tf:26', 'PL502 main.tf:29', 'PL101 main.tf:31', 'PL403 main.tf:37']);
    for (const f of findings) {
      assert.ok(!f.uri.includes('.terraform'), `${f.rule} points into .terraform: ${f.uri}`);
      for (const r of f.related ?? []) assert.ok(!r.uri.includes('.terraform'), `${f.rule} related points into .terraform`);
    }
  });

  it('points at the argument or map entry that carries the bad value', () => {
    const text = readFileSync(path.join(dir, 'main.tf'), 'utf8');
    const at = (f: Finding) => text.slice(f.range.start.offset, f.range.end.offset);
    assert.equal(at(findings.find((f) => f.rule === 'PL101')!), 'private_dns_enabled = true');
    assert.equal(at(findings.find((f) => f.rule === 'PL202')!), 'security_group_ids = [aws_security_group.endpoints.id]');
    assert.equal(at(findings.find((f) => f.rule === 'PL502')!), 'ecr_api');
    // Two levels down (platform -> logs): the user's call is the place.
    assert.equal(at(findings.find((f) => f.rule === 'PL403')!), 'module "platform"');
  });

  it('names the module resource and the installed source in messages', () => {
    const pl101 = findings.find((f) => f.rule === 'PL101')!;
    assert.match(pl101.message, /module\.vpc_endpoints\.aws_vpc_endpoint\.this\["ecr_api"\]/);
    assert.match(pl101.message, /vpc-endpoints 5\.8\.1 \(installed\)/);
    assert.match(findings.find((f) => f.rule === 'PL403')!.message, /module\.platform\.module\.logs\.aws_vpc_endpoint\.s3/);
  });

  it("keeps only fixes that edit the user's files", () => {
    for (const f of findings) for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(!e.uri.includes('.terraform'));
    const pl101 = findings.find((f) => f.rule === 'PL101')!;
    assert.ok(pl101.fixes?.[0].edits.some((e) => e.newText.includes('enable_dns_hostnames = true')));
  });
});

describe('modules: known community modules, not installed', () => {
  it("runs the rules on vpc-endpoints entries and the vpc module's DNS defaults (v3: hostnames off)", () => {
    const dir = path.join(FIXTURES, 'modules-known', 'not-installed');
    const findings = analyseDir(dir);
    assert.deepEqual(golden(findings), [
      'PL702 main.tf:5',
      'PL301 main.tf:23',
      'PL403 main.tf:23',
      'PL201 main.tf:27',
      'PL301 main.tf:27',
      'PL502 main.tf:27',
      'PL101 main.tf:29',
    ]);
    const pl101 = findings.find((f) => f.rule === 'PL101')!;
    assert.match(pl101.message, /vpc-endpoints 5\.21\.0 \(not installed; built-in knowledge\)/);
    assert.equal(pl101.related?.[0].range.start.line, 4); // module "vpc" header: the default is in effect
  });

  it('PL101 fix sets the vpc module input, and the finding is gone after it', () => {
    const main = `${VPC_V3}${endpointsCall('    ssm = {\n      service             = "ssm"\n      private_dns_enabled = true\n    }')}`;
    const { findings, ws } = analyseFiles({ '/ws/main.tf': main });
    const pl101 = findings.find((f) => f.rule === 'PL101');
    assert.ok(pl101?.fixes?.length, 'PL101 with a fix');
    const edits = pl101.fixes[0].edits;
    assert.ok(edits.every((e) => e.uri === '/ws/main.tf'));
    const fixed = applyEdits(main, edits);
    assert.match(fixed, /enable_dns_hostnames\s*=\s*true/);
    ws.setFile('/ws/main.tf', fixed);
    assert.equal(analyze(ws, { root: '/ws' }).filter((f) => f.rule === 'PL101').length, 0);
  });

  it('knows enable_dns_hostnames defaults to true from v4, and an explicit false is pointed at', () => {
    const entries = '    ssm = {\n      service             = "ssm"\n      private_dns_enabled = true\n    }';
    const v5 = VPC_V3.replace('~> 3.14', '~> 5.0');
    assert.equal(analyseFiles({ '/ws/main.tf': `${v5}${endpointsCall(entries)}` }).findings.filter((f) => f.rule === 'PL101').length, 0);
    const off = v5.replace('name            = "main"', 'name                 = "main"\n  enable_dns_hostnames = false');
    const main = `${off}${endpointsCall(entries)}`;
    const { findings } = analyseFiles({ '/ws/main.tf': main });
    const pl101 = findings.filter((f) => f.rule === 'PL101');
    assert.equal(pl101.length, 1);
    assert.equal(
      main.slice(pl101[0].related![0].range.start.offset, pl101[0].related![0].range.end.offset),
      'enable_dns_hostnames = false',
    );
    const fixed = applyEdits(main, pl101[0].fixes![0].edits);
    assert.match(fixed, /enable_dns_hostnames = true/);
    assert.doesNotMatch(fixed, /enable_dns_hostnames = false/);
  });

  it('module-level security groups: created with rules for 443 silences PL201 and PL202; created without rules gives PL202', () => {
    const v5 = VPC_V3.replace('~> 3.14', '~> 5.0');
    const entries = '    ecr_api = {\n      service             = "ecr.api"\n      private_dns_enabled = true\n    }';
    const withRules = analyseFiles({
      '/ws/main.tf': `${v5}${endpointsCall(entries, '  create_security_group = true\n  security_group_rules = {\n    https = { cidr_blocks = ["10.0.0.0/16"] }\n  }\n')}`,
    }).findings;
    assert.deepEqual(
      withRules.filter((f) => f.rule === 'PL201' || f.rule === 'PL202').map((f) => f.rule),
      [],
    );
    const noRules = analyseFiles({ '/ws/main.tf': `${v5}${endpointsCall(entries, '  create_security_group = true\n')}` }).findings;
    assert.deepEqual(
      noRules.filter((f) => f.rule === 'PL201' || f.rule === 'PL202').map((f) => f.rule),
      ['PL202'],
    );
    const none = analyseFiles({ '/ws/main.tf': `${v5}${endpointsCall(entries)}` }).findings;
    assert.deepEqual(
      none.filter((f) => f.rule === 'PL201' || f.rule === 'PL202').map((f) => f.rule),
      ['PL201'],
    );
  });

  it("a Gateway entry with the vpc module's route tables is wired", () => {
    const v5 = VPC_V3.replace('~> 3.14', '~> 5.0');
    const entries =
      '    s3 = {\n      service         = "s3"\n      service_type    = "Gateway"\n      route_table_ids = module.vpc.private_route_table_ids\n    }';
    const { findings } = analyseFiles({ '/ws/main.tf': `${v5}${endpointsCall(entries)}` });
    assert.equal(findings.filter((f) => f.rule === 'PL403').length, 0);
  });

  it('other registry modules stay opaque, and so do versions before the knowledge', () => {
    const entries = '    ssm = {\n      service             = "ssm"\n      private_dns_enabled = true\n    }';
    const other = endpointsCall(entries).replace('terraform-aws-modules/vpc/aws//modules/vpc-endpoints', 'someone/endpoints/aws');
    assert.deepEqual(golden(analyseFiles({ '/ws/main.tf': `${VPC_V3}${other}` }).findings), []);
    const old = VPC_V3.replace('~> 3.14', '~> 2.70');
    assert.equal(analyseFiles({ '/ws/main.tf': `${old}${endpointsCall(entries)}` }).findings.filter((f) => f.rule === 'PL101').length, 0);
  });
});

describe('modules: versions and sources', () => {
  it('reads constraints as terraform init does: the newest allowed release', () => {
    const rel = ['3.19.0', '4.0.2', '5.0.0', '5.8.1', '5.21.0', '6.6.0'];
    assert.deepEqual(newestAllowed(rel, '~> 5.0'), [5, 21, 0]);
    assert.deepEqual(newestAllowed(rel, '~> 5.8.0'), [5, 8, 1]);
    assert.deepEqual(newestAllowed(rel, '>= 3.0, < 5.0'), [4, 0, 2]);
    assert.deepEqual(newestAllowed(rel, '5.8.1'), [5, 8, 1]);
    assert.deepEqual(newestAllowed(rel, undefined), [6, 6, 0]);
    assert.equal(newestAllowed(rel, '< 3.0'), undefined);
    assert.equal(satisfies(parseVersion('5.1.0')!, 'latest'), undefined);
    assert.equal(satisfies(parseVersion('5.1.0')!, ' >=  5.0 '), true);
  });

  it('refuses a constraint of a million blanks in linear time', function () {
    // Two runs of blanks side by side in the pattern would take minutes here.
    this.timeout(20_000);
    assert.equal(satisfies(parseVersion('5.1.0')!, `${' '.repeat(1_000_000)}x`), undefined);
  });

  it('recognises registry and git sources of the vpc module', () => {
    assert.match(knownModuleDir('/ws', 'terraform-aws-modules/vpc/aws', '~> 4.0')!, /vpc@4\.0\.2$/);
    assert.match(
      knownModuleDir('/ws', 'registry.terraform.io/terraform-aws-modules/vpc/aws//modules/vpc-endpoints', '5.8.1')!,
      /vpc-endpoints@5\.8\.1$/,
    );
    assert.match(
      knownModuleDir(
        '/ws',
        'git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git//modules/vpc-endpoints?ref=v5.1.0',
        undefined,
      )!,
      /vpc-endpoints@5\.1\.0$/,
    );
    assert.equal(knownModuleDir('/ws', 'github.com/terraform-aws-modules/terraform-aws-vpc', undefined), undefined);
    assert.equal(knownModuleDir('/ws', 'terraform-aws-modules/vpc/aws//modules/flow-log', undefined), undefined);
    assert.equal(knownModuleDir('/ws', 'terraform-aws-modules/vpc/aws', '~> 2.0'), undefined);
  });
});
