// How each rule's time grows with the size of one module: one file of 1, 2, 4 and 8 MB of
// realistic Terraform (many networks' endpoints, security groups and policies, names made
// unique; or, with --endpoints, one VPC with thousands of endpoints, security groups and policy
// documents, where every other endpoint has no policy; with --attachments, one VPC with
// thousands of endpoints and the separate resources that attach to them). Prints, per size, the parse time, the model's evaluation time and each rule's
// time, and the ratio of each to the previous size: about 2 is linear, about 4 quadratic.
//   node dist/rule-scale.js [--endpoints|--attachments] [MB...]   (after npm run build)
import { entryModules, moduleInstances, runRules } from '../server/src/engine/run';
import { parse } from '../server/src/hcl/parser';
import { memoryHost } from '../server/src/model/testing';
import { createWorkspace } from '../server/src/model/workspace';
import { RULES } from '../server/src/rules/index';
import { evaluateAll, moduleFiles } from './corpus';

/** Several networks in one file, every name made unique. */
export function stackFile(bytes: number): string {
  const parts: string[] = [moduleFiles(0, 'x').find((f) => f.path.endsWith('variables.tf'))!.text];
  let n = parts[0].length;
  for (let i = 0; n < bytes; i++) {
    let text = moduleFiles(i, 'x')
      .filter((f) => !f.path.endsWith('variables.tf'))
      .map((f) => f.text)
      .join('\n');
    for (const [, kind, type, name] of [...text.matchAll(/^(resource|data) "([a-z0-9_]+)" "([a-z0-9_]+)"/gm)]) {
      const ref = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      text = text.replace(new RegExp(`^${kind} "${type}" "${name}"`, 'm'), `${kind} "${type}" "${name}_${i}"`);
      text = text.replace(new RegExp(`\\b${ref.replace(/\./g, '\\.')}\\b`, 'g'), `${ref}_${i}`);
    }
    text = text.replace(/^output "([a-z0-9_]+)"/gm, `output "$1_${i}"`);
    parts.push(text);
    n += text.length + 1;
  }
  return parts.join('\n');
}

const SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'sts', 'kms', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'sqs'];

/**
 * One VPC and, per group, an interface endpoint without a policy, its security group, a policy
 * document and an endpoint that uses it: the shape where every endpoint is a finding.
 */
export function endpointsFile(bytes: number): string {
  const parts = [
    `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
`,
  ];
  let n = parts[0].length;
  for (let i = 0; n < bytes; i++) {
    const svc = SERVICES[i % SERVICES.length];
    const t = `
resource "aws_vpc_endpoint" "open_${i}" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.${svc}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.sg_${i}.id]
  private_dns_enabled = true
}

resource "aws_security_group" "sg_${i}" {
  name   = "vpce-${i}"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

data "aws_iam_policy_document" "p_${i}" {
  statement {
    effect    = "Allow"
    actions   = ["${svc.split('.')[0]}:*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_vpc_endpoint" "closed_${i}" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.${svc}"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.sg_${i}.id]
  policy             = data.aws_iam_policy_document.p_${i}.json
}
`;
    parts.push(t);
    n += t.length;
  }
  return parts.join('');
}

/**
 * One VPC and, per group, the separate resources that attach to an endpoint: security group
 * rules of both styles, an endpoint policy and private DNS setting, subnet, security group and
 * route table associations, a Route 53 record aliasing the endpoint, and an endpoint service
 * with an allowed principal and its consumer endpoint.
 */
export function attachmentsFile(bytes: number): string {
  const parts = [
    `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route53_zone" "private" {
  name = "example.internal"
  vpc {
    vpc_id = aws_vpc.main.id
  }
}
`,
  ];
  let n = parts[0].length;
  for (let i = 0; n < bytes; i++) {
    const svc = SERVICES[i % SERVICES.length];
    const t = `
resource "aws_security_group" "sg_${i}" {
  name   = "vpce-${i}"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group_rule" "in_${i}" {
  type              = "ingress"
  security_group_id = aws_security_group.sg_${i}.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}

resource "aws_vpc_security_group_ingress_rule" "in6_${i}" {
  security_group_id = aws_security_group.sg_${i}.id
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_endpoint" "ep_${i}" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.${svc}"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_policy" "pol_${i}" {
  vpc_endpoint_id = aws_vpc_endpoint.ep_${i}.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }]
  })
}

resource "aws_vpc_endpoint_private_dns" "dns_${i}" {
  vpc_endpoint_id     = aws_vpc_endpoint.ep_${i}.id
  private_dns_enabled = ${i % 2 === 0 ? 'true' : 'false'}
}

resource "aws_vpc_endpoint_subnet_association" "sn_${i}" {
  vpc_endpoint_id = aws_vpc_endpoint.ep_${i}.id
  subnet_id       = aws_subnet.a.id
}

resource "aws_vpc_endpoint_security_group_association" "sga_${i}" {
  vpc_endpoint_id   = aws_vpc_endpoint.ep_${i}.id
  security_group_id = aws_security_group.sg_${i}.id
}

resource "aws_route53_record" "r_${i}" {
  zone_id = aws_route53_zone.private.zone_id
  name    = "ep-${i}.example.internal"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.ep_${i}.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ep_${i}.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_lb" "nlb_${i}" {
  name               = "nlb-${i}"
  load_balancer_type = "network"
  internal           = true
  subnets            = [aws_subnet.a.id]
}

resource "aws_vpc_endpoint_service" "svc_${i}" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.nlb_${i}.arn]
}

resource "aws_vpc_endpoint_service_allowed_principal" "p_${i}" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.svc_${i}.id
  principal_arn           = "arn:aws:iam::123456789012:root"
}

resource "aws_vpc_endpoint" "consumer_${i}" {
  vpc_id             = aws_vpc.main.id
  service_name       = aws_vpc_endpoint_service.svc_${i}.service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.sg_${i}.id]
}
`;
    parts.push(t);
    n += t.length;
  }
  return parts.join('');
}

/** CPU time of `f` (the machine may be busy with other work: wall time would vary more). */
function ms(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  const mbs = sizes.length ? sizes : [1, 2, 4, 8];
  const rows = new Map<string, number[]>();
  const findings = new Map<string, number>();
  const add = (k: string, v: number) => {
    if (!rows.has(k)) rows.set(k, []);
    rows.get(k)!.push(v);
  };
  for (const mb of mbs) {
    const make = process.argv.includes('--endpoints')
      ? endpointsFile
      : process.argv.includes('--attachments')
        ? attachmentsFile
        : stackFile;
    const text = make(mb * 1024 * 1024);
    process.stderr.write(`${mb} MB: ${text.length} characters, ${text.split('\n').length} lines\n`);
    add(
      'parse',
      ms(() => parse(text, 'main.tf')),
    );
    const ws = createWorkspace(memoryHost({ '/ws/main.tf': text }), { folders: ['/ws'] });
    add(
      'model',
      ms(() => {
        for (const m of moduleInstances(entryModules(ws))) evaluateAll(m);
      }),
    );
    for (const r of RULES) {
      let n = 0;
      add(
        r.meta.id,
        ms(() => {
          n = runRules(ws, [r]).length;
        }),
      );
      findings.set(r.meta.id, n);
    }
  }
  process.stdout.write(`${'MB'.padEnd(8)}${mbs.map((m) => `${m} MB`.padStart(11)).join('')}   ratios\n`);
  for (const [k, v] of rows) {
    const ratios = v
      .slice(1)
      .map((x, i) => (v[i] > 5 ? (x / v[i]).toFixed(1) : '-').padStart(5))
      .join('');
    const f = findings.has(k) ? `   ${findings.get(k)} findings` : '';
    process.stdout.write(`${k.padEnd(8)}${v.map((x) => `${x.toFixed(0)} ms`.padStart(11)).join('')}  ${ratios}${f}\n`);
  }
}

if (require.main === module) main();
