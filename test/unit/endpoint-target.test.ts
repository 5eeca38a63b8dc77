// endpointTarget: which service an endpoint is for, of which type, in which region, read the way
// Terraform knows it before asking AWS. Each case names what must be known and what must not.

import * as assert from 'node:assert/strict';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { endpointTarget, meantType, type EndpointTarget } from '../../server/src/query/endpoint-type';

function targets(main: string): Map<string, EndpointTarget> {
  const ws = workspaceFromFiles({ '/ws/main.tf': main });
  const out = new Map<string, EndpointTarget>();
  for (const m of ws.roots()) for (const ep of m.resources('aws_vpc_endpoint')) out.set(ep.address, endpointTarget(ep));
  return out;
}

function one(main: string): EndpointTarget {
  const all = [...targets(main).values()];
  assert.equal(all.length, 1);
  return all[0];
}

const REGION = 'data "aws_region" "current" {}\n';

describe('endpointTarget', () => {
  describe('the service', () => {
    it('a literal name: service, region and text', () => {
      const t = one('resource "aws_vpc_endpoint" "x" {\n  service_name = "com.amazonaws.eu-west-1.ecr.dkr"\n}\n');
      assert.equal(t.service, 'ecr.dkr');
      assert.deepEqual(t.services, ['ecr.dkr']);
      assert.equal(t.region, 'eu-west-1');
      assert.equal(t.lookup, undefined);
      assert.equal(t.instances, undefined);
    });

    it('a data source looked up by service: the provider region builds the name', () => {
      const t = one(`provider "aws" {
  region = "eu-central-1"
}

data "aws_vpc_endpoint_service" "sts" {
  service = "sts"
}

resource "aws_vpc_endpoint" "x" {
  service_name = data.aws_vpc_endpoint_service.sts.service_name
}
`);
      assert.equal(t.service, 'sts');
      assert.equal(t.region, 'eu-central-1');
      assert.equal(t.name.kind === 'aws' && t.name.text, 'com.amazonaws.eu-central-1.sts');
      assert.equal(t.lookup?.address, 'data.aws_vpc_endpoint_service.sts');
      assert.equal(t.written.kind, 'unknown', 'nothing is written in service_name itself');
    });

    it('a data source by service, its region unknown: the service part is still known', () => {
      const t = one(
        'data "aws_vpc_endpoint_service" "s" {\n  service = "logs"\n}\n\nresource "aws_vpc_endpoint" "x" {\n  service_name = data.aws_vpc_endpoint_service.s.service_name\n}\n',
      );
      assert.equal(t.service, 'logs');
      assert.equal(t.region, undefined);
    });

    it('a data source by service_name and by a one-value service-name filter', () => {
      const all = targets(`data "aws_vpc_endpoint_service" "a" {
  service_name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
}

data "aws_vpc_endpoint_service" "b" {
  filter {
    name   = "service-name"
    values = ["com.amazonaws.us-east-1.kms"]
  }
}

resource "aws_vpc_endpoint" "a" {
  service_name = data.aws_vpc_endpoint_service.a.service_name
}

resource "aws_vpc_endpoint" "b" {
  service_name = data.aws_vpc_endpoint_service.b.service_name
}
`);
      const a = all.get('aws_vpc_endpoint.a')!;
      assert.equal(a.name.kind, 'endpoint-service');
      assert.equal(a.name.kind === 'endpoint-service' && a.name.id, 'vpce-svc-0123456789abcdef0');
      assert.equal(all.get('aws_vpc_endpoint.b')!.service, 'kms');
    });

    it('look-alikes stay unknown: no service, a filter on another name, two names, another attribute, a empty service', () => {
      const all = targets(`variable "svc" {}

data "aws_vpc_endpoint_service" "tags" {
  tags = {
    Name = "x"
  }
}

data "aws_vpc_endpoint_service" "other_filter" {
  filter {
    name   = "service-type"
    values = ["Interface"]
  }
}

data "aws_vpc_endpoint_service" "two" {
  filter {
    name   = "service-name"
    values = ["com.amazonaws.us-east-1.kms", "com.amazonaws.us-east-1.sts"]
  }
}

data "aws_vpc_endpoint_service" "var" {
  service = var.svc
}

data "aws_vpc_endpoint_service" "bad" {
  service = ""
}

resource "aws_vpc_endpoint" "tags" {
  service_name = data.aws_vpc_endpoint_service.tags.service_name
}

resource "aws_vpc_endpoint" "other_filter" {
  service_name = data.aws_vpc_endpoint_service.other_filter.service_name
}

resource "aws_vpc_endpoint" "two" {
  service_name = data.aws_vpc_endpoint_service.two.service_name
}

resource "aws_vpc_endpoint" "var" {
  service_name = data.aws_vpc_endpoint_service.var.service_name
}

resource "aws_vpc_endpoint" "bad" {
  service_name = data.aws_vpc_endpoint_service.bad.service_name
}

resource "aws_vpc_endpoint" "id" {
  service_name = data.aws_vpc_endpoint_service.var.service_id
}
`);
      for (const [address, t] of all) {
        assert.equal(t.name.kind, 'unknown', address);
        assert.deepEqual(t.services, [], address);
      }
    });

    it('a workspace endpoint service', () => {
      const t = one(`resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn"]
}

resource "aws_vpc_endpoint" "x" {
  service_name      = aws_vpc_endpoint_service.svc.service_name
  vpc_endpoint_type = aws_vpc_endpoint_service.svc.service_type
}
`);
      assert.equal(t.endpointService?.address, 'aws_vpc_endpoint_service.svc');
      assert.equal(t.name.kind, 'endpoint-service');
      assert.equal(t.type, 'Interface');
    });
  });

  describe('for_each over names whose region is unknown', () => {
    it('a set of whole names: one unexpanded block, the service of each name', () => {
      const t = one(`${REGION}
resource "aws_vpc_endpoint" "x" {
  for_each     = toset(["com.amazonaws.\${data.aws_region.current.name}.sts", "com.amazonaws.\${data.aws_region.current.name}.ecr.api"])
  service_name = each.value
}
`);
      assert.equal(t.service, undefined, 'no one service for the block');
      assert.deepEqual(t.services, ['ecr.api', 'sts']);
      assert.equal(t.instances?.length, 2);
      assert.equal(t.name.kind, 'aws', 'what the names share: AWS service names');
    });

    it('through a local and a for expression', () => {
      const t = one(`${REGION}
locals {
  names = toset([for s in ["ssm", "ssmmessages"] : "com.amazonaws.\${data.aws_region.current.name}.\${s}"])
}

resource "aws_vpc_endpoint" "x" {
  for_each     = local.names
  service_name = each.key
}
`);
      assert.deepEqual(t.services, ['ssm', 'ssmmessages']);
    });

    it('a map of such names has known keys: expanded, one service per instance', () => {
      const all = targets(`${REGION}
resource "aws_vpc_endpoint" "x" {
  for_each     = { a = "com.amazonaws.\${data.aws_region.current.name}.sts", b = "com.amazonaws.\${data.aws_region.current.name}.kms" }
  service_name = each.value
}
`);
      assert.deepEqual(
        [...all].map(([a, t]) => [a, t.service]),
        [
          ['aws_vpc_endpoint.x["a"]', 'sts'],
          ['aws_vpc_endpoint.x["b"]', 'kms'],
        ],
      );
    });

    it('look-alikes stay unknown: an item not known at all, a collection not known, a service part not known', () => {
      const all = targets(`${REGION}
variable "extra" {}
variable "names" {}

resource "aws_vpc_endpoint" "item" {
  for_each     = toset(["com.amazonaws.\${data.aws_region.current.name}.sts", var.extra])
  service_name = each.value
}

resource "aws_vpc_endpoint" "coll" {
  for_each     = toset(var.names)
  service_name = each.value
}

resource "aws_vpc_endpoint" "part" {
  for_each     = toset(["com.amazonaws.\${data.aws_region.current.name}.\${var.extra}"])
  service_name = each.value
}
`);
      for (const [address, t] of all) {
        assert.equal(t.instances, undefined, address);
        assert.deepEqual(t.services, [], address);
      }
    });
  });

  describe('the type', () => {
    it('written, defaulted, misspelt, unmodelled, empty, null', () => {
      const all = targets(`variable "blank" {
  default = ""
}

resource "aws_vpc_endpoint" "written" {
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "default" {
}

resource "aws_vpc_endpoint" "lower" {
  vpc_endpoint_type = "interface"
}

resource "aws_vpc_endpoint" "snake" {
  vpc_endpoint_type = "gateway_load_balancer"
}

resource "aws_vpc_endpoint" "lattice" {
  vpc_endpoint_type = "ServiceNetwork"
}

resource "aws_vpc_endpoint" "nonsense" {
  vpc_endpoint_type = "PrivateLink"
}

resource "aws_vpc_endpoint" "blank" {
  vpc_endpoint_type = var.blank
}

resource "aws_vpc_endpoint" "null" {
  vpc_endpoint_type = null
}
`);
      const got = Object.fromEntries(
        [...all].map(([a, t]) => [a.split('.')[1], [t.type, t.declared.explicit, t.declared.invalid ?? null]]),
      );
      assert.deepEqual(got, {
        written: ['Interface', true, null],
        default: ['Gateway', false, null],
        lower: ['Interface', true, { text: 'interface', meant: 'Interface' }],
        snake: ['GatewayLoadBalancer', true, { text: 'gateway_load_balancer', meant: 'GatewayLoadBalancer' }],
        lattice: ['ServiceNetwork', true, null],
        nonsense: [undefined, true, { text: 'PrivateLink', meant: undefined }],
        blank: [undefined, true, null],
        null: ['Gateway', false, null],
      });
    });

    it('the type a data source is asked for', () => {
      const t = one(`data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "x" {
  service_name      = data.aws_vpc_endpoint_service.s3.service_name
  vpc_endpoint_type = data.aws_vpc_endpoint_service.s3.service_type
}
`);
      // The argument written in the data source's block is its value.
      assert.equal(t.type, 'Gateway');
      assert.equal(t.service, 's3');
    });

    it('meantType reads case and separators only', () => {
      assert.equal(meantType('INTERFACE'), 'Interface');
      assert.equal(meantType('Gateway-Load-Balancer'), 'GatewayLoadBalancer');
      assert.equal(meantType('service network'), 'ServiceNetwork');
      assert.equal(meantType('Interfaces'), undefined);
      assert.equal(meantType('gwlb'), undefined);
    });
  });
});
