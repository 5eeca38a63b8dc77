// The CLI reads the team policy of `.privatelink.json` (requiredEndpoints, trustedAccounts,
// trustedOrganizations) and its rules report by it: the bundled dist/cli.js on a real folder.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

const MAIN = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "s3:GetObject"
      Resource  = "*"
    }]
  })
}

resource "aws_lb" "app" {
  load_balancer_type = "network"
  internal           = true
}

resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = ["arn:aws:iam::777788889999:root"]
}
`;

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
}

describe('CLI: team policy in .privatelink.json', function () {
  let dir: string;

  before(function () {
    this.timeout(120_000);
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-policy-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lint = () => {
    const r = spawnSync(process.execPath, [CLI, dir, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    return { findings: JSON.parse(r.stdout) as JsonFinding[], stderr: r.stderr };
  };
  const ids = (fs: JsonFinding[]) => new Set(fs.map((f) => f.rule));

  it('reports by the policy only when .privatelink.json states one', () => {
    const before = ids(lint().findings);
    for (const id of ['PL306', 'PL503', 'PL610']) assert.ok(!before.has(id), `${id} without a policy`);

    fs.writeFileSync(
      path.join(dir, '.privatelink.json'),
      JSON.stringify({ requiredEndpoints: ['ssm', 's3'], trustedAccounts: ['111122223333'], trustedOrganizations: ['o-a1b2c3d4e5'] }),
    );
    const { findings, stderr } = lint();
    assert.equal(stderr, '');
    const by = (id: string) => findings.filter((f) => f.rule === id);
    assert.equal(by('PL503').length, 1);
    assert.match(by('PL503')[0].message, /aws_vpc\.main has VPC endpoints but none for ssm,/);
    assert.equal(by('PL306').length, 1);
    assert.match(by('PL306')[0].message, /grants account 444455556666/);
    assert.equal(by('PL610').length, 1);
    assert.match(by('PL610')[0].message, /of account 777788889999/);
    for (const f of [...by('PL503'), ...by('PL306'), ...by('PL610')]) assert.equal(f.severity, 'warning');

    // Trusting the accounts silences the trust rules; the endpoint list is the team's to change.
    fs.writeFileSync(
      path.join(dir, '.privatelink.json'),
      JSON.stringify({ requiredEndpoints: ['s3'], trustedAccounts: ['444455556666', '777788889999'] }),
    );
    const after = ids(lint().findings);
    for (const id of ['PL306', 'PL503', 'PL610']) assert.ok(!after.has(id), `${id} once the policy allows it`);
  });

  it('says which service is not in the catalog', () => {
    fs.writeFileSync(path.join(dir, '.privatelink.json'), JSON.stringify({ requiredEndpoints: ['ssmx'] }));
    assert.match(lint().stderr, /requiredEndpoints: unknown service "ssmx" \(nearest: /);
  });
});
