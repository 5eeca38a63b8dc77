// Resource and service-network endpoints in the topology, its exports and the cost report:
// endpoint -> resource configuration -> resource gateway in its VPC, endpoint -> service
// network -> its resource configurations and VPC associations.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { costReport, costSummary } from '../../server/src/topology/cost-report';
import { buildTopology } from '../../server/src/topology/graph';
import { topologyMermaid } from '../../server/src/topology/mermaid';
import { topologySvg } from '../../server/src/topology/svg';
import type { Topology, TopologyNode } from '../../server/src/topology/types';

const FIXTURE = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'lattice', 'main.tf'), 'utf8');
const DIR = '/ws/lattice';

function topology(text = FIXTURE): Topology {
  return buildTopology(workspaceFromFiles({ [`${DIR}/main.tf`]: text }), new Set([DIR]));
}

function node(t: Topology, address: string): TopologyNode {
  const n = t.nodes.find((x) => x.address === address);
  assert.ok(n, `no node ${address}: ${t.nodes.map((x) => x.address ?? x.label).join(', ')}`);
  return n;
}

const edge = (t: Topology, from: TopologyNode, to: TopologyNode, kind: string) =>
  t.edges.some((e) => e.from === from.id && e.to === to.id && e.kind === kind);

describe('topology of resource and service-network endpoints', () => {
  const t = topology();

  it('draws the Resource endpoint to its resource configuration, and that to its gateway in the VPC it lives in', () => {
    const ep = node(t, 'aws_vpc_endpoint.db');
    assert.equal(ep.endpointType, 'Resource');
    assert.equal(ep.parent, node(t, 'aws_vpc.client').id);
    assert.match(ep.detail, /^Resource · 2 AZs/);
    const rc = node(t, 'aws_vpclattice_resource_configuration.db');
    assert.equal(rc.kind, 'resource-configuration');
    assert.equal(rc.detail, 'resource configuration · TCP 5432 · db.data.internal');
    assert.ok(edge(t, ep, rc, 'connects'));
    const gw = node(t, 'aws_vpclattice_resource_gateway.data');
    assert.equal(gw.kind, 'resource-gateway');
    assert.equal(gw.parent, node(t, 'aws_vpc.data').id, 'the gateway is drawn in its own VPC');
    assert.equal(gw.detail, 'resource gateway · 2 subnets');
    assert.ok(edge(t, rc, gw, 'served-by'));
    assert.ok(edge(t, ep, node(t, 'aws_security_group.db_endpoint'), 'secured-by'));
    // No service node for an endpoint that names no service.
    assert.ok(!t.nodes.some((n) => n.label === 'service_name not set'));
  });

  it('draws the ServiceNetwork endpoint to its service network, with its resource and VPC associations', () => {
    const ep = node(t, 'aws_vpc_endpoint.shared');
    assert.equal(ep.endpointType, 'ServiceNetwork');
    const sn = node(t, 'aws_vpclattice_service_network.shared');
    assert.equal(sn.kind, 'service-network');
    assert.equal(sn.detail, 'service network · 1 resource · 1 VPC');
    assert.ok(edge(t, ep, sn, 'connects'));
    assert.ok(edge(t, sn, node(t, 'aws_vpclattice_resource_configuration.db'), 'served-by'));
    assert.ok(t.edges.some((e) => e.from === node(t, 'aws_vpc.data').id && e.to === sn.id && e.label === 'VPC association'));
  });

  it('draws a target outside the workspace as a node named by its expression', () => {
    const text = FIXTURE.replace(
      'resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn',
      'resource_configuration_arn = var.db_arn',
    ).replace('variable "region" {', 'variable "db_arn" {\n  type = string\n}\n\nvariable "region" {');
    const t2 = topology(text);
    const ep = node(t2, 'aws_vpc_endpoint.db');
    const target = t2.nodes.find((n) => n.kind === 'resource-configuration' && n.label === 'var.db_arn');
    assert.ok(target, 'a node for var.db_arn');
    assert.equal(target.detail, 'resource configuration outside the workspace');
    assert.ok(edge(t2, ep, target, 'connects'));
  });

  it('exports the new nodes to Mermaid and SVG', () => {
    const mm = topologyMermaid(t);
    assert.match(mm, /\[\("aws_vpclattice_resource_configuration\.db|\[\("db · resource configuration · TCP 5432/);
    assert.match(mm, /\(\("shared · service network/);
    assert.match(mm, /\[\/"data · resource gateway · 2 subnets"\\\]/);
    const svg = topologySvg(t);
    assert.match(svg, /class="node kind-resource-configuration/);
    assert.match(svg, /class="node kind-resource-gateway/);
    assert.match(svg, /class="node kind-service-network/);
    assert.match(svg, /RESOURCE CONFIGURATION/);
  });
});

describe('cost of resource and service-network endpoints', () => {
  const ws = () => workspaceFromFiles({ [`${DIR}/main.tf`]: FIXTURE });

  it('prices the Resource endpoint per AZ-hour and the ServiceNetwork endpoint at no charge of its own', () => {
    const s = costSummary(ws(), new Set([DIR]));
    const resource = s.lines.find((l) => l.kind === 'resource');
    assert.deepEqual(resource && [resource.address, resource.service, resource.azs, resource.monthly], [
      'aws_vpc_endpoint.db',
      'aws_vpclattice_resource_configuration.db',
      2,
      14.6,
    ]);
    const network = s.lines.find((l) => l.kind === 'service-network');
    assert.deepEqual(network && [network.address, network.service, network.monthly], [
      'aws_vpc_endpoint.shared',
      'aws_vpclattice_service_network.shared',
      0,
    ]);
    assert.equal(s.monthly, 14.6);
    assert.equal(s.unestimated, 0);
  });

  it('states the assumptions in the report', () => {
    const md = costReport(ws(), DIR);
    assert.match(md, /## Resource and service-network endpoints/);
    assert.match(md, /\| `aws_vpc_endpoint\.db` \| aws\\_vpclattice\\_resource\\_configuration\.db \| 2 \| USD 14\.60 \|/);
    assert.match(md, /\| `aws_vpc_endpoint\.shared` \| aws\\_vpclattice\\_service\\_network\.shared \| \| no endpoint charge \|/);
    assert.match(md, /- Resource endpoint: billed per hour in each Availability Zone/);
    assert.match(md, /- Service-network endpoint: no charge of its own/);
  });

  it('leaves a Resource endpoint whose subnets are not known as not estimated', () => {
    const text = FIXTURE.replace(
      '  subnet_ids                 = aws_subnet.client[*].id\n',
      '  subnet_ids                 = var.subnets\n',
    ).replace('variable "region" {', 'variable "subnets" {\n  type = list(string)\n}\n\nvariable "region" {');
    const s = costSummary(workspaceFromFiles({ [`${DIR}/main.tf`]: text }), new Set([DIR]));
    const resource = s.lines.find((l) => l.kind === 'resource');
    assert.equal(resource?.monthly, undefined);
    assert.match(costReport(workspaceFromFiles({ [`${DIR}/main.tf`]: text }), DIR), /\| unknown \| USD 7\.30 per AZ \|/);
  });
});
