import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeHost } from '../../server/src/model/node-host';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { buildTopology } from '../../server/src/topology/graph';
import type { Topology, TopologyNode } from '../../server/src/topology/types';

const EXAMPLES = path.resolve(__dirname, '../../examples');

function byAddress(t: Topology, dir: string, address: string): TopologyNode {
  const n = t.nodes.find((x) => x.address === address && x.location?.uri.startsWith(path.join(EXAMPLES, dir) + path.sep));
  assert.ok(n, `no node ${address} in ${dir}`);
  return n;
}

const rules = (n: TopologyNode) => n.findings.map((f) => f.rule).sort();
const edge = (t: Topology, from: TopologyNode, to: TopologyNode, kind: string) =>
  t.edges.some((e) => e.from === from.id && e.to === to.id && e.kind === kind);

describe('topology graph of the examples', () => {
  const t = buildTopology(createWorkspace(nodeHost(), { folders: [EXAMPLES] }));

  it('has the consumer VPC with every for_each instance of the interface endpoints, and the gateway endpoint', () => {
    const vpc = byAddress(t, 'consumer', 'aws_vpc.main');
    assert.equal(vpc.kind, 'vpc');
    const contained = t.edges
      .filter((e) => e.from === vpc.id && e.kind === 'contains')
      .map((e) => t.nodes.find((n) => n.id === e.to)!.address)
      .sort();
    assert.deepEqual(contained, [
      'aws_vpc_endpoint.dynamodb',
      'aws_vpc_endpoint.interface["ecr.api"]',
      'aws_vpc_endpoint.interface["ecr.dkr"]',
      'aws_vpc_endpoint.interface["logs"]',
      'aws_vpc_endpoint.interface["ssm"]',
    ]);
    const dkr = byAddress(t, 'consumer', 'aws_vpc_endpoint.interface["ecr.dkr"]');
    assert.equal(dkr.endpointType, 'Interface');
    assert.equal(dkr.dns, 'on');
    assert.equal(dkr.parent, vpc.id);
    assert.equal(byAddress(t, 'consumer', 'aws_vpc_endpoint.dynamodb').endpointType, 'Gateway');
  });

  it('places findings on the instances their messages name', () => {
    const api = byAddress(t, 'consumer', 'aws_vpc_endpoint.interface["ecr.api"]');
    const dkr = byAddress(t, 'consumer', 'aws_vpc_endpoint.interface["ecr.dkr"]');
    const ssm = byAddress(t, 'consumer', 'aws_vpc_endpoint.interface["ssm"]');
    assert.deepEqual(rules(api), ['PL101', 'PL202', 'PL302']);
    assert.deepEqual(rules(dkr), ['PL101', 'PL202', 'PL302', 'PL501']);
    assert.deepEqual(rules(ssm), ['PL101', 'PL202', 'PL302', 'PL502']);
    // One finding for the four instances, on each of them.
    const pl101 = api.findings.find((f) => f.rule === 'PL101')!;
    assert.ok(pl101.message.includes('aws_vpc_endpoint.interface (4 instances: ecr.api, ecr.dkr, logs, ssm)'), pl101.message);
    assert.equal(
      dkr.findings.find((f) => f.rule === 'PL101'),
      pl101,
    );
    assert.deepEqual(rules(byAddress(t, 'consumer', 'aws_vpc_endpoint.dynamodb')), ['PL403']);
    assert.deepEqual(t.unplaced, []);
  });

  it('links endpoints to AWS services by catalog name and to their security group', () => {
    const dkr = byAddress(t, 'consumer', 'aws_vpc_endpoint.interface["ecr.dkr"]');
    const svc = t.nodes.find((n) => n.kind === 'aws-service' && n.label === 'ecr.dkr');
    assert.ok(svc);
    assert.match(svc.detail, /ECR/);
    assert.ok(edge(t, dkr, svc, 'connects'));
    const sg = byAddress(t, 'consumer', 'aws_security_group.endpoints');
    assert.equal(sg.kind, 'security-group');
    assert.ok(edge(t, dkr, sg, 'secured-by'));
    // One node per service and per group, shared by the instances.
    assert.equal(t.nodes.filter((n) => n.label === 'ecr.dkr' && n.kind === 'aws-service').length, 1);
    assert.equal(t.edges.filter((e) => e.to === sg.id).length, 4);
  });

  it('draws the provider side: endpoint service -> NLB -> target group, with its findings', () => {
    const svc = byAddress(t, 'provider', 'aws_vpc_endpoint_service.orders');
    const lb = byAddress(t, 'provider', 'aws_lb.orders');
    const tg = byAddress(t, 'provider', 'aws_lb_target_group.orders');
    assert.ok(edge(t, svc, lb, 'served-by'));
    const fwd = t.edges.find((e) => e.from === lb.id && e.to === tg.id);
    assert.equal(fwd?.kind, 'forwards');
    assert.equal(fwd?.label, 'TCP 443');
    assert.deepEqual(rules(svc), ['PL601', 'PL602', 'PL603']);
    assert.match(lb.detail, /internet-facing/);
  });

  it('shows the consumer-dns endpoint with private DNS "zone", its alias record and the external service', () => {
    const ep = byAddress(t, 'consumer-dns', 'aws_vpc_endpoint.orders');
    assert.equal(ep.dns, 'zone');
    const rec = byAddress(t, 'consumer-dns', 'aws_route53_record.orders');
    assert.equal(rec.label, 'orders.internal.example');
    assert.ok(edge(t, rec, ep, 'alias'));
    const ext = t.nodes.find((n) => n.kind === 'external-service');
    assert.equal(ext?.label, 'vpce-svc-0a1b2c3d4e5f67890');
    assert.ok(edge(t, ep, ext, 'connects'));
    assert.deepEqual(rules(ep), ['PL103']);
  });

  it('gives each node a location that opens its block', () => {
    const ep = byAddress(t, 'consumer', 'aws_vpc_endpoint.interface["logs"]');
    assert.equal(ep.location?.uri, path.join(EXAMPLES, 'consumer', 'endpoints.tf'));
    assert.equal(ep.location?.range.start.line, 13);
    for (const e of t.edges) {
      assert.ok(
        t.nodes.some((n) => n.id === e.from),
        e.from,
      );
      assert.ok(
        t.nodes.some((n) => n.id === e.to),
        e.to,
      );
    }
    assert.equal(new Set(t.nodes.map((n) => n.id)).size, t.nodes.length);
  });

  it('limits the graph to the module asked for', () => {
    const one = buildTopology(createWorkspace(nodeHost(), { folders: [EXAMPLES] }), new Set([path.join(EXAMPLES, 'provider')]));
    assert.deepEqual(one.nodes.map((n) => n.kind).sort(), ['endpoint-service', 'load-balancer', 'target-group']);
  });
});

describe('topology graph edge cases', () => {
  it('draws a VPC it cannot see as a node named by the expression, and unknown services by their text', () => {
    const ws = workspaceFromFiles({
      '/ws/m/main.tf': `
variable "vpc_id" { type = string }
variable "svc" { type = string }
resource "aws_vpc_endpoint" "x" {
  vpc_id            = var.vpc_id
  service_name      = var.svc
  vpc_endpoint_type = "GatewayLoadBalancer"
  subnet_ids        = ["subnet-1"]
}
`,
    });
    const t = buildTopology(ws);
    const vpc = t.nodes.find((n) => n.kind === 'vpc');
    assert.equal(vpc?.label, 'var.vpc_id');
    const svc = t.nodes.find((n) => n.kind === 'external-service');
    assert.equal(svc?.label, 'var.svc');
    assert.equal(t.nodes.find((n) => n.kind === 'endpoint')?.endpointType, 'GatewayLoadBalancer');
  });

  it('keeps count instances apart: x[1] findings do not land on x[10]', () => {
    const ws = workspaceFromFiles({
      '/ws/m/main.tf': `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "x" {
  count             = 11
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
}
`,
    });
    const t = buildTopology(ws);
    const eps = t.nodes.filter((n) => n.kind === 'endpoint');
    assert.equal(eps.length, 11);
    const x1 = eps.find((n) => n.address === 'aws_vpc_endpoint.x[1]')!;
    const x10 = eps.find((n) => n.address === 'aws_vpc_endpoint.x[10]')!;
    const own = (n: TopologyNode) => n.findings.filter((f) => f.rule === 'PL403');
    // The same mistake on every instance is one finding, drawn on each, counted once.
    assert.equal(own(x1).length, 1);
    assert.equal(own(x10).length, 1);
    assert.equal(own(x1)[0], own(x10)[0]);
    assert.match(own(x1)[0].message, /aws_vpc_endpoint\.x \(11 instances: 0, 1, .* and 1 more\)/);
    const warnings = [...t.nodes.flatMap((n) => n.findings), ...t.unplaced].filter((f) => f.severity === 'warning');
    const drawn = new Set(warnings.map((f) => `${f.rule}|${f.location.uri}|${f.location.range.start.offset}|${f.message}`));
    assert.ok(drawn.size < warnings.length, 'drawn more than once');
    assert.equal(t.counts.warning, drawn.size);
  });

  it('draws a finding merged over some instances on those instances only', () => {
    const ws = workspaceFromFiles({
      '/ws/m/main.tf': `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "x" {
  for_each          = { a = "Gateway", b = "Gateway", c = "Interface" }
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = each.value
}
`,
    });
    const t = buildTopology(ws);
    const at = (k: string) => t.nodes.find((n) => n.address === `aws_vpc_endpoint.x["${k}"]`)!;
    const pl403 = (n: TopologyNode) => n.findings.filter((f) => f.rule === 'PL403');
    assert.equal(pl403(at('a')).length, 1);
    assert.match(pl403(at('a'))[0].message, /aws_vpc_endpoint\.x \(2 instances: a, b\)/);
    assert.equal(pl403(at('b')).length, 1);
    assert.deepEqual(pl403(at('c')), []);
  });

  it('links an endpoint to the service its data source looks up, and a block over names known in part to each service', () => {
    const ws = workspaceFromFiles({
      '/ws/m/main.tf': `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
data "aws_region" "current" {}
data "aws_vpc_endpoint_service" "sts" {
  service = "sts"
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.v.id
  service_name      = data.aws_vpc_endpoint_service.sts.service_name
  vpc_endpoint_type = "interface"
}
resource "aws_vpc_endpoint" "set" {
  for_each          = toset(["com.amazonaws.\${data.aws_region.current.name}.ssm", "com.amazonaws.\${data.aws_region.current.name}.kms"])
  vpc_id            = aws_vpc.v.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
}
`,
    });
    const t = buildTopology(ws);
    const node = (address: string) => t.nodes.find((n) => n.address === address)!;
    const services = (from: TopologyNode) =>
      t.edges
        .filter((e) => e.from === from.id && e.kind === 'connects')
        .map((e) => t.nodes.find((n) => n.id === e.to)!)
        .map((n) => `${n.kind}:${n.label}`)
        .sort();
    assert.deepEqual(services(node('aws_vpc_endpoint.sts')), ['aws-service:sts']);
    assert.equal(node('aws_vpc_endpoint.sts').endpointType, 'Interface', 'the type "interface" means');
    assert.deepEqual(services(node('aws_vpc_endpoint.set')), ['aws-service:kms', 'aws-service:ssm']);
  });
});
