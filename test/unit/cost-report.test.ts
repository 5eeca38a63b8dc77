import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeHost } from '../../server/src/model/node-host';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { costReport, costSummary, nlbMonthlyUsd } from '../../server/src/topology/cost-report';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const ws = () => createWorkspace(nodeHost(), { folders: [EXAMPLES] });

describe('cost report', () => {
  it('prices the consumer example: 4 interface endpoints x 2 AZs, the gateway endpoint free', () => {
    const s = costSummary(ws(), new Set([path.join(EXAMPLES, 'consumer')]));
    const interfaces = s.lines.filter((l) => l.kind === 'interface');
    assert.equal(interfaces.length, 4);
    for (const l of interfaces) {
      assert.equal(l.azs, 2);
      assert.equal(l.monthly, 14.6);
    }
    assert.deepEqual(
      s.lines.filter((l) => l.kind === 'gateway').map((l) => [l.address, l.monthly]),
      [['aws_vpc_endpoint.dynamodb', 0]],
    );
    assert.equal(s.monthly, 58.4);
    const md = costReport(ws(), path.join(EXAMPLES, 'consumer'));
    assert.match(md, /\*\*Estimated monthly total: USD 58\.40\*\*/);
    assert.match(md, /\| `aws_vpc_endpoint\.interface\["ecr\.dkr"\]` \| ecr\.dkr \| 2 \| 730 \| USD 14\.60 \|/);
    assert.match(md, /\| `aws_vpc_endpoint\.dynamodb` \| dynamodb \| free \|/);
    assert.match(md, /## Assumptions/);
    assert.match(md, /USD 0\.01 per GB/);
    assert.match(md, /not included/);
  });

  it('prices the provider example NLB at USD 0.0225/h = USD 16.43 a month plus LCU', () => {
    assert.equal(nlbMonthlyUsd(), 16.43);
    const md = costReport(ws(), path.join(EXAMPLES, 'provider'));
    assert.match(md, /\| `aws_lb\.orders` \| .* \| USD 16\.43 \+ LCU \|/);
    assert.match(md, /USD 0\.0225 per hour = USD 16\.43 per month/);
    assert.match(md, /Estimated monthly total: USD 16\.43/);
  });

  it('totals the whole example workspace', () => {
    const s = costSummary(ws(), new Set(['consumer', 'provider', 'consumer-dns'].map((d) => path.join(EXAMPLES, d))));
    // 5 interface endpoints in 2 AZs each, one NLB.
    assert.equal(s.monthly, Math.round((5 * 14.6 + 16.43) * 100) / 100);
  });

  it('states the saving of each PL406 conversion, and AZs not known as not estimated', () => {
    const w = workspaceFromFiles({
      '/ws/m/main.tf': `
variable "subnets" { type = list(string) }
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-a", "subnet-b", "subnet-c"]
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnets
}
`,
    });
    const s = costSummary(w, new Set(['/ws/m']));
    assert.deepEqual(
      s.savings.map((x) => [x.address, x.monthly]),
      [['aws_vpc_endpoint.s3', 21.9]],
    );
    assert.equal(s.unestimated, 1);
    const md = costReport(w, '/ws/m');
    assert.match(md, /\| `aws_vpc_endpoint\.s3` \| USD 21\.90 \|/);
    assert.match(md, /would save about \*\*USD 21\.90\*\* per month/);
    assert.match(md, /\| `aws_vpc_endpoint\.sts` \| sts \| unknown \| 730 \| USD 7\.30 per AZ \|/);
    assert.match(md, /plus 1 item not estimated/);
  });

  it('keeps markup and pipes from the files as text', () => {
    const w = workspaceFromFiles({
      '/ws/m/main.tf': `
resource "aws_vpc_endpoint" "x" {
  vpc_id            = "vpc-1"
  service_name      = "<img src=x onerror=alert(1)>|x"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["a"]
}
`,
    });
    const md = costReport(w, '/ws/m');
    assert.ok(!md.includes('<img'), md);
    assert.match(md, /&lt;img src=x onerror=alert\\\(1\\\)&gt;\\\|x/);
  });

  it('fences an address whose for_each key holds backticks past them', () => {
    const w = workspaceFromFiles({
      '/ws/m/main.tf': `
resource "aws_vpc_endpoint" "y" {
  for_each          = toset(["a\`](https://evil.example/)"])
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["a"]
}
`,
    });
    const md = costReport(w, '/ws/m');
    assert.ok(md.includes('| ``aws_vpc_endpoint.y["a`](https://evil.example/)"]`` |'), md);
  });
});
