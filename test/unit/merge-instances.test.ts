// The engine's last step: findings that differ only by instance become one naming its instances.

import * as assert from 'node:assert/strict';
import { sortFindings } from '../../server/src/engine/analyze';
import { mergeInstances } from '../../server/src/engine/merge-instances';
import { nameAddresses } from '../../server/src/query/instance-names';
import type { Finding, Fix } from '../../server/src/rules/types';

const pos = (offset: number) => ({ line: 0, character: offset, offset });
const range = (from: number, to: number) => ({ start: pos(from), end: pos(to) });
const fix = (newText: string): Fix => ({ title: 'Enable DNS hostnames', edits: [{ uri: '/ws/vpc.tf', range: range(5, 5), newText }] });

/** PL101's finding on one instance of a for_each block. */
function pl101(address: string, over: Partial<Finding> = {}): Finding {
  return {
    rule: 'PL101',
    severity: 'error',
    message: `${address} has private DNS on, but its VPC aws_vpc.main has enable_dns_hostnames = false.`,
    uri: '/ws/endpoints.tf',
    range: range(10, 20),
    related: [{ uri: '/ws/vpc.tf', range: range(0, 4), message: 'The VPC' }],
    fixes: [fix('  enable_dns_hostnames = true\n')],
    ...over,
  };
}

const ep = (key: string | number) => `aws_vpc_endpoint.interface[${typeof key === 'number' ? key : JSON.stringify(key)}]`;

/** Copies, so that no test sees another's objects. */
const copy = (fs: Finding[]) => fs.map((f) => structuredClone(f));

describe('merging findings that differ only by instance', () => {
  it('keeps apart the instances of a module called with for_each (the key is in two addresses)', () => {
    const inModule = (k: string) => pl101(`module.gw["${k}"].aws_vpc_endpoint.this["${k}"] (${k})`);
    const out = mergeInstances(['s3', 'dynamodb'].map(inModule));
    assert.deepEqual(out.map((f) => f.message.split(' has ')[0]).sort(), [
      'module.gw["dynamodb"].aws_vpc_endpoint.this["dynamodb"] (dynamodb)',
      'module.gw["s3"].aws_vpc_endpoint.this["s3"] (s3)',
    ]);
  });

  it('merges the instances of one block at one place into one finding naming them', () => {
    const out = mergeInstances(['ssm', 'ecr.api', 'logs', 'ecr.dkr'].map((k) => pl101(ep(k))));
    assert.equal(out.length, 1);
    assert.equal(
      out[0].message,
      'aws_vpc_endpoint.interface (4 instances: ecr.api, ecr.dkr, logs, ssm) has private DNS on, but its VPC aws_vpc.main has enable_dns_hostnames = false.',
    );
    assert.equal(out[0].fixes?.length, 1, 'one fix');
    assert.deepEqual(out[0].fixes, [fix('  enable_dns_hostnames = true\n')]);
    assert.deepEqual(out[0].related, [{ uri: '/ws/vpc.tf', range: range(0, 4), message: 'The VPC' }], 'related places once');
  });

  it('names count indexes in numeric order', () => {
    const out = mergeInstances([10, 2, 0, 1].map((k) => pl101(ep(k))));
    assert.equal(out.length, 1);
    assert.match(out[0].message, /^aws_vpc_endpoint\.interface \(4 instances: 0, 1, 2, 10\) has/);
  });

  it('keeps instances at different places apart', () => {
    const out = mergeInstances([pl101(ep('a')), pl101(ep('b'), { range: range(30, 40) })]);
    assert.deepEqual(
      out.map((f) => f.message.split(' ')[0]),
      [ep('a'), ep('b')],
    );
  });

  it('keeps different severities, rules and files apart', () => {
    assert.equal(mergeInstances([pl101(ep('a')), pl101(ep('b'), { severity: 'warning' })]).length, 2);
    assert.equal(mergeInstances([pl101(ep('a')), pl101(ep('b'), { rule: 'PL102' })]).length, 2);
    assert.equal(mergeInstances([pl101(ep('a')), pl101(ep('b'), { uri: '/ws/other.tf' })]).length, 2);
  });

  it('keeps apart instances whose fixes differ', () => {
    const out = mergeInstances([pl101(ep('a')), pl101(ep('b'), { fixes: [fix('  enable_dns_support = true\n')] })]);
    assert.equal(out.length, 2);
  });

  it('keeps apart messages that differ in more than the instance', () => {
    const a = pl101(ep('a'));
    const b = pl101(ep('b'), { message: `${ep('b')} has private DNS on, but its VPC aws_vpc.other has enable_dns_hostnames = false.` });
    assert.equal(mergeInstances([a, b]).length, 2);
  });

  it('keeps apart findings about instances of two blocks that vary together', () => {
    const m = (k: string) =>
      `aws_vpc_endpoint.a[${JSON.stringify(k)}] and aws_vpc_endpoint.b[${JSON.stringify(k === 'x' ? 'y' : 'x')}] clash.`;
    const out = mergeInstances([pl101('', { message: m('x') }), pl101('', { message: m('y') })]);
    assert.equal(out.length, 2);
  });

  it('counts a mention of the instance key as part of the instance, and drops it when it repeats the list', () => {
    const m = (k: string) => `module.e.aws_vpc_endpoint.this[${JSON.stringify(k)}] (${k}) has no endpoint policy.`;
    const out = mergeInstances(['sts', 'kms'].map((k) => pl101('', { message: m(k) })));
    assert.deepEqual(
      out.map((f) => f.message),
      ['module.e.aws_vpc_endpoint.this (2 instances: kms, sts) has no endpoint policy.'],
    );
  });

  it('names the instances elsewhere in the message when the key is mentioned there', () => {
    const m = (k: string) => `${ep(k)} is for ${k}, which needs a route.`;
    const out = mergeInstances(['s3', 'dynamodb'].map((k) => pl101('', { message: m(k) })));
    assert.deepEqual(
      out.map((f) => f.message),
      ['aws_vpc_endpoint.interface (2 instances: dynamodb, s3) is for dynamodb, s3, which needs a route.'],
    );
  });

  it('merges related notes that differ only by instance, and keeps each related place once', () => {
    const withNote = (k: string) =>
      pl101(ep(k), {
        related: [
          { uri: '/ws/policy.tf', range: range(1, 2), message: `The policy of ${ep(k)}` },
          { uri: '/ws/vpc.tf', range: range(0, 4), message: 'The VPC' },
        ],
      });
    const out = mergeInstances([withNote('b'), withNote('a')]);
    assert.equal(out.length, 1);
    assert.deepEqual(
      out[0].related?.map((r) => r.message),
      ['The policy of aws_vpc_endpoint.interface (2 instances: a, b)', 'The VPC'],
    );
  });

  it('gives the same findings whatever the order it gets them in', () => {
    const input = [
      ...['ssm', 'ecr.api', 'logs'].map((k) => pl101(ep(k))),
      pl101(ep('x'), { range: range(50, 60) }),
      { rule: 'syntax', severity: 'error' as const, message: 'Unclosed block', uri: '/ws/a.tf', range: range(0, 1) },
    ];
    // The caller sorts (sortFindings): compare in that order.
    const merged = (list: Finding[]) => sortFindings(mergeInstances(list));
    const want = merged(copy(input));
    assert.equal(want.length, 3);
    // Every rotation of the list, forwards and backwards.
    for (let i = 0; i < input.length * 2; i++) {
      const turned = [...copy(input).slice(i % input.length), ...copy(input).slice(0, i % input.length)];
      assert.deepEqual(merged(i < input.length ? turned : turned.reverse()), want);
    }
  });

  it('leaves findings without instances as they are', () => {
    const a = pl101('aws_vpc_endpoint.s3');
    const b = pl101('aws_vpc_endpoint.s3', { range: range(30, 40) });
    assert.deepEqual(mergeInstances([a, b]), [a, b]);
  });

  it('lists the first instances and counts the rest', () => {
    const keys = Array.from({ length: 13 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
    const out = mergeInstances(keys.map((k) => pl101(ep(k))));
    assert.equal(out.length, 1);
    assert.match(out[0].message, /\(13 instances: svc00, svc01, .*, svc09 and 3 more\)/);
  });
});

describe('naming addresses together', () => {
  it('names a block once with its instances, and other blocks as they are', () => {
    assert.deepEqual(nameAddresses([ep('b'), ep('a'), 'aws_vpc_endpoint.s3']), {
      text: 'aws_vpc_endpoint.interface (2 instances: a, b), aws_vpc_endpoint.s3',
      count: 2,
    });
    assert.deepEqual(nameAddresses([ep('a')]), { text: ep('a'), count: 1 });
  });

  it("lists instances in Terraform's key order, by code point (an emoji after a full-width form)", () => {
    assert.equal(
      nameAddresses([ep('\u{1F600}'), ep('\uFF01'), ep('a')]).text,
      'aws_vpc_endpoint.interface (3 instances: a, "\uFF01", "\u{1F600}")',
    );
  });
});
