import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { expandSnippet } from './snippet-expand';

const ROOT = path.resolve(__dirname, '..', '..');
const SNIPPET_FILE = path.join(ROOT, 'snippets', 'terraform.code-snippets');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** A value that should be a scalar, as text; a list or block shows as JSON, not as [object Object]. */
function scalarText(v: Json | undefined): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function loadSnippets(): Map<string, Snippet> {
  const errors: ParseError[] = [];
  const raw = parseJsonc(fs.readFileSync(SNIPPET_FILE, 'utf8'), errors) as Record<string, Snippet>;
  assert.deepEqual(errors, [], 'the snippet file is valid JSON');
  return new Map(Object.entries(raw));
}

const prefixes = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const bodyText = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

// ---------------------------------------------------------------------------------------------
// Helpers over hcl2json's output: a block is `{type: {name: [ {...attributes} ]}}`, nested
// blocks are arrays, expressions are "${...}" strings of their source text.

function resources(doc: Obj, type: string): [string, Obj][] {
  const byType = (doc.resource as Obj | undefined)?.[type] as Obj | undefined;
  if (!byType) return [];
  return Object.entries(byType).map(([name, bodies]) => [name, (bodies as Obj[])[0]]);
}

function resourceTypes(doc: Obj): string[] {
  return Object.keys((doc.resource as Obj | undefined) ?? {}).sort();
}

function only(doc: Obj, type: string): [string, Obj] {
  const all = resources(doc, type);
  assert.equal(all.length, 1, `exactly one ${type}`);
  return all[0];
}

function nested(body: Obj, name: string): Obj[] {
  return (body[name] as Obj[] | undefined) ?? [];
}

/** `"${aws_security_group.x.id}"` → `aws_security_group.x.id`; literals stay as they are. */
function expr(value: Json | undefined): string {
  assert.equal(typeof value, 'string', `expected an expression, got ${JSON.stringify(value)}`);
  const m = /^\$\{(.*)\}$/s.exec(value as string);
  return m ? m[1] : (value as string);
}

/** Elements of a tuple attribute, each as expression text. */
function tuple(value: Json | undefined): string[] {
  if (Array.isArray(value)) return value.map((v) => expr(v));
  const text = expr(value);
  const m = /^\[(.*)\]$/s.exec(text.trim());
  assert.ok(m, `expected a tuple, got ${text}`);
  return m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The object inside `jsonencode({...})`, parsed as HCL so its structure can be asserted. */
async function jsonencodeArgument(value: Json | undefined): Promise<Obj> {
  const m = /^jsonencode\((\{.*\})\)$/s.exec(expr(value));
  assert.ok(m, 'the policy is jsonencode({...})');
  const parsed = (await parseHcl('policy.tf', `policy = ${m[1]}\n`)) as Obj;
  return parsed.policy as Obj;
}

const AWS_SERVICE = /^com\.amazonaws\.\$\{[^}]+\}\.(.+)$/;
const ENDPOINT_SERVICE = /^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{17}$/;
const TAGGABLE = [
  'aws_vpc_endpoint',
  'aws_vpclattice_resource_gateway',
  'aws_vpclattice_resource_configuration',
  'aws_vpc_endpoint_service',
  'aws_security_group',
  'aws_lb',
  'aws_lb_target_group',
  'aws_lb_listener',
  'aws_route53_zone',
];

function assertPortAllowed(sg: Obj, port: number): void {
  const allowing = nested(sg, 'ingress').filter((rule) => {
    const proto = scalarText(rule.protocol);
    if (proto === '-1' || proto === 'all') return true;
    return proto === 'tcp' && Number(rule.from_port) <= port && port <= Number(rule.to_port);
  });
  assert.ok(allowing.length > 0, `an ingress rule allows TCP ${port}`);
  for (const rule of allowing) {
    const cidrs = tuple(rule.cidr_blocks);
    assert.ok(cidrs.length > 0, 'the ingress rule names its sources');
    for (const cidr of cidrs) {
      assert.match(cidr, /^aws_vpc\.[a-z_][a-z0-9_-]*\.cidr_block$/, 'the source is the VPC CIDR');
    }
  }
}

/** `aws_security_group.x.id` → the expanded file's `aws_security_group.x`. */
function referencedSecurityGroup(doc: Obj, reference: string): Obj {
  const m = /^aws_security_group\.([\w-]+)\.id$/.exec(reference);
  assert.ok(m, `security group reference ${reference}`);
  const found = resources(doc, 'aws_security_group').find(([name]) => name === m[1]);
  assert.ok(found, `aws_security_group.${m[1]} is defined by the snippet`);
  return found[1];
}

async function assertPolicyScopedToOrganization(policy: Json | undefined): Promise<void> {
  const doc = await jsonencodeArgument(policy);
  assert.equal(doc.Version, '2012-10-17');
  const statements = doc.Statement as Obj[];
  assert.ok(Array.isArray(statements) && statements.length > 0, 'the policy has statements');
  for (const st of statements) {
    assert.equal(st.Effect, 'Allow');
    assert.ok(st.Action !== undefined || st.NotAction !== undefined, 'the statement has actions');
    const org = ((st.Condition as Obj | undefined)?.StringEquals as Obj | undefined)?.['aws:PrincipalOrgID'];
    assert.match(scalarText(org), /^o-[a-z0-9]{10,32}$/, 'the statement is scoped by aws:PrincipalOrgID');
  }
}

/** Properties every endpoint must have so that no error-level rule (and no warning) fires. */
async function assertEndpointsSound(doc: Obj): Promise<void> {
  for (const [name, ep] of resources(doc, 'aws_vpc_endpoint')) {
    if (ep.vpc_endpoint_type === 'Resource') {
      assertResourceEndpointSound(doc, name, ep);
      continue;
    }
    const serviceName = scalarText(ep.service_name);
    const aws = AWS_SERVICE.exec(serviceName);
    const custom = ENDPOINT_SERVICE.test(serviceName);
    assert.ok(aws || custom, `${name}: service_name ${serviceName} has a valid form`);
    const service = aws?.[1];
    const gatewayService = service === 's3' || service === 'dynamodb';

    assert.ok(ep.vpc_endpoint_type, `${name}: vpc_endpoint_type is explicit`);
    if (ep.vpc_endpoint_type === 'Gateway') {
      assert.ok(gatewayService, `${name}: only S3 and DynamoDB have Gateway endpoints`);
      assert.ok(tuple(ep.route_table_ids).length > 0, `${name}: a Gateway endpoint has route tables`);
      for (const arg of ['subnet_ids', 'security_group_ids', 'private_dns_enabled', 'dns_options']) {
        assert.equal(ep[arg], undefined, `${name}: ${arg} is invalid on a Gateway endpoint`);
      }
    } else {
      assert.equal(ep.vpc_endpoint_type, 'Interface');
      assert.equal(ep.route_table_ids, undefined, `${name}: no route tables on an Interface endpoint`);
      assert.ok(ep.subnet_ids, `${name}: subnet_ids`);
      const groups = tuple(ep.security_group_ids);
      assert.ok(groups.length > 0, `${name}: a dedicated security group`);
      for (const ref of groups) assertPortAllowed(referencedSecurityGroup(doc, ref), 443);
      // AWS services resolve through private DNS; a vpce-svc service through its own zone.
      assert.equal(ep.private_dns_enabled, custom ? false : true, `${name}: private_dns_enabled`);
    }
    if (aws) await assertPolicyScopedToOrganization(ep.policy);
  }
}

/**
 * A Resource endpoint names its target with `resource_configuration_arn` alone (no service
 * name, no route tables), and its security group admits the configuration's ports.
 */
function assertResourceEndpointSound(doc: Obj, name: string, ep: Obj): void {
  for (const arg of ['service_name', 'service_network_arn', 'route_table_ids', 'policy']) {
    assert.equal(ep[arg], undefined, `${name}: ${arg} is not for a Resource endpoint`);
  }
  const m = /^aws_vpclattice_resource_configuration\.([\w-]+)\.arn$/.exec(expr(ep.resource_configuration_arn));
  assert.ok(m, `${name}: resource_configuration_arn names a resource configuration`);
  const found = resources(doc, 'aws_vpclattice_resource_configuration').find(([n]) => n === m[1]);
  assert.ok(found, `${name}: its resource configuration is defined by the snippet`);
  const ports = (found[1].port_ranges as string[]).map(Number);
  assert.ok(ports.length > 0 && ports.every((p) => p >= 1 && p <= 65535), `${name}: single ports in port_ranges`);
  assert.ok(ep.subnet_ids, `${name}: subnet_ids`);
  const groups = tuple(ep.security_group_ids);
  assert.ok(groups.length > 0, `${name}: a dedicated security group`);
  for (const ref of groups) for (const port of ports) assertPortAllowed(referencedSecurityGroup(doc, ref), port);
}

function assertTagged(doc: Obj): void {
  for (const type of TAGGABLE) {
    for (const [name, body] of resources(doc, type)) {
      const tags = body.tags as Obj | undefined;
      assert.ok(tags && typeof tags === 'object' && Object.keys(tags).length > 0, `${type}.${name} has tags`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What each snippet must produce. `wrap` puts an attribute-only snippet inside the block it is
// meant for, as the user would.

interface Expectation {
  resources: string[];
  data?: string[];
  wrap?: (text: string) => string;
  check: (doc: Obj, text: string) => Promise<void> | void;
}

const EXPECTED: Record<string, Expectation> = {
  'pl-gateway': {
    resources: ['aws_vpc_endpoint'],
    check(doc) {
      const [name, ep] = only(doc, 'aws_vpc_endpoint');
      assert.equal(name, 's3', 'the first choice is S3');
      assert.equal(ep.vpc_endpoint_type, 'Gateway');
      assert.equal(ep.service_name, 'com.amazonaws.${var.region}.s3');
      assert.match(expr(ep.policy), /"s3:\*"/, 'the policy speaks of the endpoint service');
    },
  },
  'pl-interface': {
    resources: ['aws_security_group', 'aws_vpc_endpoint'],
    check(doc) {
      const [label, ep] = only(doc, 'aws_vpc_endpoint');
      assert.equal(label, 'ssm', 'the label follows the service name');
      assert.equal(ep.service_name, 'com.amazonaws.${var.region}.ssm');
      assert.equal(expr(ep.vpc_id), 'aws_vpc.main.id');
      const [, sg] = only(doc, 'aws_security_group');
      assert.equal(expr(sg.vpc_id), 'aws_vpc.main.id', 'the security group lives in the endpoint VPC');
    },
  },
  'pl-provider': {
    resources: ['aws_lb', 'aws_lb_listener', 'aws_lb_target_group', 'aws_vpc_endpoint_service'],
    check(doc) {
      const [lbName, lb] = only(doc, 'aws_lb');
      assert.equal(lb.name, 'service-nlb');
      assert.equal(lb.internal, true);
      assert.equal(lb.load_balancer_type, 'network');
      const [tgName, tg] = only(doc, 'aws_lb_target_group');
      assert.equal(tg.protocol, 'TCP');
      assert.equal(nested(tg, 'health_check').length, 1, 'the target group has a health check');
      const [, listener] = only(doc, 'aws_lb_listener');
      assert.equal(expr(listener.load_balancer_arn), `aws_lb.${lbName}.arn`);
      const [action] = nested(listener, 'default_action');
      assert.equal(action.type, 'forward');
      assert.equal(expr(action.target_group_arn), `aws_lb_target_group.${tgName}.arn`);

      const [, svc] = only(doc, 'aws_vpc_endpoint_service');
      assert.equal(svc.acceptance_required, true, 'acceptance_required is set, to true');
      assert.deepEqual(tuple(svc.network_load_balancer_arns), [`aws_lb.${lbName}.arn`]);
      const principals = svc.allowed_principals as string[];
      assert.ok(Array.isArray(principals) && principals.length > 0, 'allowed_principals is listed');
      for (const p of principals) {
        assert.notEqual(p, '*');
        assert.match(p, /^arn:aws:iam::\d{12}:root$/, 'an account ARN');
      }
      const outputs = doc.output as Obj;
      assert.ok(outputs && Object.keys(outputs).length === 1, 'the service name is an output');
    },
  },
  'pl-consumer': {
    resources: ['aws_route53_record', 'aws_route53_zone', 'aws_security_group', 'aws_vpc_endpoint'],
    check(doc) {
      const [epName, ep] = only(doc, 'aws_vpc_endpoint');
      assert.match(scalarText(ep.service_name), ENDPOINT_SERVICE);
      const [zoneName, zone] = only(doc, 'aws_route53_zone');
      const [vpc] = nested(zone, 'vpc');
      assert.equal(expr(vpc.vpc_id), expr(ep.vpc_id), 'the private zone is associated with the endpoint VPC');
      const [, record] = only(doc, 'aws_route53_record');
      assert.equal(record.type, 'A');
      assert.equal(expr(record.zone_id), `aws_route53_zone.${zoneName}.zone_id`);
      const [alias] = nested(record, 'alias');
      assert.equal(expr(alias.name), `aws_vpc_endpoint.${epName}.dns_entry[0].dns_name`);
      assert.equal(expr(alias.zone_id), `aws_vpc_endpoint.${epName}.dns_entry[0].hosted_zone_id`);
    },
  },
  'pl-resource': {
    resources: ['aws_security_group', 'aws_vpc_endpoint', 'aws_vpclattice_resource_configuration', 'aws_vpclattice_resource_gateway'],
    check(doc) {
      const [epName, ep] = only(doc, 'aws_vpc_endpoint');
      assert.equal(ep.vpc_endpoint_type, 'Resource');
      const [rcName, rc] = only(doc, 'aws_vpclattice_resource_configuration');
      assert.equal(expr(ep.resource_configuration_arn), `aws_vpclattice_resource_configuration.${rcName}.arn`);
      assert.deepEqual(rc.port_ranges, ['5432']);
      assert.equal(rc.protocol, 'TCP');
      const [definition] = nested(rc, 'resource_configuration_definition');
      const [dns] = nested(definition, 'dns_resource');
      assert.equal(dns.domain_name, 'db.data.internal');
      const [gwName, gw] = only(doc, 'aws_vpclattice_resource_gateway');
      assert.equal(expr(rc.resource_gateway_identifier), `aws_vpclattice_resource_gateway.${gwName}.id`);
      assert.equal(expr(gw.vpc_id), 'aws_vpc.data.id', "the gateway lives in the resource's VPC");
      assert.equal(expr(ep.vpc_id), 'aws_vpc.main.id', 'the endpoint lives in the client VPC');
      const [, sg] = only(doc, 'aws_security_group');
      assert.equal(expr(sg.vpc_id), expr(ep.vpc_id), 'the security group lives in the endpoint VPC');
      assert.equal(epName, 'db');
    },
  },
  'pl-foreach': {
    resources: ['aws_security_group', 'aws_vpc_endpoint'],
    check(doc) {
      const [, ep] = only(doc, 'aws_vpc_endpoint');
      assert.equal(expr(ep.for_each), 'toset(local.endpoints)');
      assert.equal(ep.service_name, 'com.amazonaws.${var.region}.${each.value}');
      const locals = (doc.locals as Obj[])[0];
      assert.deepEqual(locals.endpoints, ['ssm', 'ssmmessages', 'ec2messages']);
    },
  },
  'pl-policy': {
    resources: ['aws_vpc_endpoint'],
    wrap: (text) =>
      [
        'resource "aws_vpc_endpoint" "s3" {',
        '  vpc_id            = aws_vpc.main.id',
        '  service_name      = "com.amazonaws.${var.region}.s3"',
        '  vpc_endpoint_type = "Gateway"',
        '  route_table_ids   = [aws_route_table.private.id]',
        '  tags              = { Name = "s3-gateway-endpoint" }',
        text,
        '}',
      ].join('\n'),
    check() {},
  },
  'pl-policy-document': {
    resources: [],
    data: ['aws_iam_policy_document'],
    check(doc) {
      const docs = (doc.data as Obj).aws_iam_policy_document as Obj;
      const [body] = Object.values(docs) as Obj[][];
      const [statement] = nested(body[0], 'statement');
      assert.equal(statement.effect, 'Allow');
      const [condition] = nested(statement, 'condition');
      assert.equal(condition.variable, 'aws:PrincipalOrgID');
      for (const v of condition.values as string[]) assert.match(v, /^o-[a-z0-9]{10,32}$/);
    },
  },
};

describe('snippets', () => {
  const snippets = loadSnippets();

  it('has exactly the expected snippets, each with one pl- prefix, a description and tab stops', () => {
    const seen = new Set<string>();
    const descriptions = new Set<string>();
    for (const [title, s] of snippets) {
      const ps = prefixes(s);
      // The editor lists a snippet once per prefix: an alias shows the same entry twice.
      assert.equal(ps.length, 1, `${title}: one prefix, got ${JSON.stringify(s.prefix)}`);
      for (const p of ps) {
        assert.match(p, /^pl-[a-z-]+$/, `${title}: prefix ${p}`);
        assert.ok(!seen.has(p), `prefix ${p} is used once`);
        seen.add(p);
      }
      assert.ok(s.description && s.description.length > 20, `${title}: a description`);
      assert.ok(!descriptions.has(s.description), `${title}: its own description`);
      descriptions.add(s.description);
      assert.match(bodyText(s), /\$\{\d+[:|]/, `${title}: a tab stop with a default`);
    }
    assert.deepEqual([...snippets.values()].map((s) => prefixes(s)[0]).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [title, snippet] of loadSnippets()) {
    const prefix = prefixes(snippet)[0];
    describe(`${prefix} (${title})`, () => {
      const expectation = EXPECTED[prefix];
      const text = (): string => {
        const expanded = expandSnippet(bodyText(snippet));
        return expectation?.wrap ? expectation.wrap(expanded) : expanded;
      };

      it('expands with its defaults into Terraform that parses', async () => {
        assert.ok(expectation, `an expectation for ${prefix}`);
        const doc = (await parseHcl('main.tf', text())) as Obj;
        assert.deepEqual(resourceTypes(doc), [...expectation.resources].sort());
        assert.deepEqual(Object.keys((doc.data as Obj | undefined) ?? {}).sort(), [...(expectation.data ?? [])].sort());
      });

      it('has what the rules ask for (types, security groups, policies, DNS, tags)', async () => {
        const doc = (await parseHcl('main.tf', text())) as Obj;
        await assertEndpointsSound(doc);
        assertTagged(doc);
        await expectation.check(doc, text());
      });

      it('leaves no snippet syntax and no open-ended wildcard principal behind', () => {
        const out = text();
        // Every `${` left is a Terraform interpolation the body escaped on purpose.
        for (const m of out.matchAll(/\$\{([^}]*)\}/g)) {
          assert.match(m[1], /^(var|each|local|data|aws_)[\w.[\]*"-]*$/, `interpolation ${m[0]}`);
        }
        assert.doesNotMatch(out, /\$\d/, 'no tab stop left');
        assert.doesNotMatch(out, /allowed_principals\s*=\s*\[\s*"\*"/);
        assert.doesNotMatch(out, /0\.0\.0\.0\/0/);
      });
    });
  }
});

describe('expandSnippet', () => {
  const cases: [string, string, string][] = [
    ['plain tab stops are empty', 'a$1b$0', 'ab'],
    ['a placeholder takes its default', 'x = ${1:main}', 'x = main'],
    ['a mirror repeats the default', '${1:main}.$1.${1}', 'main.main.main'],
    ['a mirror before its placeholder still gets the value', '$1 ${1:v}', 'v v'],
    ['a choice takes its first option and mirrors it', '${1|s3,dynamodb|}:$1', 's3:s3'],
    ['escaped characters in a choice', '${1|a\\,b,c|}', 'a,b'],
    ['nested placeholders', '${1:aws_vpc.${2:main}}.id $2', 'aws_vpc.main.id main'],
    ['escaped dollar and brace stay literal', '"\\${var.region}" \\} \\\\', '"${var.region}" } \\'],
    ['a dollar that starts nothing is text', 'cost $ 5 and $-x', 'cost $ 5 and $-x'],
    ['a brace outside a placeholder is text', '{ a = 1 }', '{ a = 1 }'],
    ['escaped brace inside a default', '${1:{a\\}}', '{a}'],
    ['known variables', '$TM_FILENAME_BASE-${TM_FILENAME}', 'main-main.tf'],
    ['an empty variable falls back to its default', '${TM_SELECTED_TEXT:none}', 'none'],
    ['an unknown variable becomes its name', '$NOT_A_VARIABLE', 'NOT_A_VARIABLE'],
    ['a transform on a mirror', '${1:ecr.dkr} ${1/^([^.]+).*$/$1/}', 'ecr.dkr ecr'],
    ['a transform with case change', '${1:main} ${1/(.*)/${1:/upcase}/}', 'main MAIN'],
    ['a global transform', '${1:a-b-c} ${1/-/_/g}', 'a-b-c a_b_c'],
    ['a transform with a character class, before its placeholder', '${1/[^\\w-]/_/g} ${1:ecr.dkr}', 'ecr_dkr ecr.dkr'],
    ['a conditional format', '${1:x} ${1/(x)?/${1:?yes:no}/}', 'x yes'],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => assert.equal(expandSnippet(body), expected));
  }

  it('rejects an unclosed placeholder', () => {
    assert.throws(() => expandSnippet('${1:main'), /snippet syntax/);
  });
  it('rejects an unclosed choice', () => {
    assert.throws(() => expandSnippet('${1|a,b}'), /snippet syntax/);
  });
});
