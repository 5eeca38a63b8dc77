import * as assert from 'node:assert/strict';
import type { Value } from '../../server/src/model/value';
import { parseServiceName, parseServiceNameText } from '../../server/src/query/service-name';

const s = (value: string): Value => ({ kind: 'string', value });
const tpl = (...parts: (string | null)[]): Value => ({ kind: 'unknown', parts });

describe('parseServiceName', () => {
  it('reads AWS service names', () => {
    assert.deepEqual(parseServiceName(s('com.amazonaws.eu-west-1.ecr.dkr')), {
      kind: 'aws',
      prefix: 'com.amazonaws',
      region: 'eu-west-1',
      service: 'ecr.dkr',
      fips: false,
      text: 'com.amazonaws.eu-west-1.ecr.dkr',
    });
  });

  it('folds -fips variants into the service', () => {
    const a = parseServiceNameText('com.amazonaws.us-east-1.kms-fips');
    assert.equal(a.kind === 'aws' && a.service, 'kms');
    assert.equal(a.kind === 'aws' && a.fips, true);
    const b = parseServiceNameText('com.amazonaws.us-east-1.iot-fips.api');
    assert.equal(b.kind === 'aws' && b.service, 'iot.api');
    assert.equal(b.kind === 'aws' && b.fips, true);
  });

  it('reads the China and GovCloud partitions', () => {
    const cn = parseServiceNameText('cn.com.amazonaws.cn-north-1.s3');
    assert.equal(cn.kind === 'aws' && cn.prefix, 'cn.com.amazonaws');
    assert.equal(cn.kind === 'aws' && cn.region, 'cn-north-1');
    const gov = parseServiceNameText('com.amazonaws.us-gov-west-1.sts');
    assert.equal(gov.kind === 'aws' && gov.region, 'us-gov-west-1');
    assert.equal(gov.kind === 'aws' && gov.service, 'sts');
  });

  it('reads names with other prefixes and names without a region', () => {
    const sm = parseServiceNameText('aws.sagemaker.us-east-1.notebook');
    assert.equal(sm.kind === 'aws' && sm.service, 'notebook');
    const q = parseServiceNameText('aws.api.us-east-1.qbusiness');
    assert.equal(q.kind === 'aws' && q.prefix, 'aws.api');
    const iam = parseServiceNameText('com.amazonaws.iam');
    assert.equal(iam.kind, 'aws');
    assert.equal(iam.kind === 'aws' && iam.service, 'iam');
    assert.equal(iam.kind === 'aws' && iam.region, null);
    assert.equal(iam.kind === 'aws' && iam.global, true);
    const mrap = parseServiceNameText('com.amazonaws.s3-global.accesspoint');
    assert.equal(mrap.kind === 'aws' && mrap.service, 's3-global.accesspoint');
  });

  it('reads endpoint service names', () => {
    assert.deepEqual(parseServiceName(s('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0')), {
      kind: 'endpoint-service',
      region: 'us-east-1',
      id: 'vpce-svc-0123456789abcdef0',
      text: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
    });
  });

  it('keeps the service part of a template whose region is unknown', () => {
    const a = parseServiceName(tpl('com.amazonaws.', null, '.ecr.dkr'));
    assert.equal(a.kind, 'aws');
    assert.equal(a.kind === 'aws' && a.service, 'ecr.dkr');
    assert.equal(a.kind === 'aws' && a.region, null);
    assert.equal(a.kind === 'aws' && a.text, null);
    const b = parseServiceName(tpl('com.amazonaws.vpce.', null, '.vpce-svc-0123456789abcdef0'));
    assert.equal(b.kind === 'endpoint-service' && b.id, 'vpce-svc-0123456789abcdef0');
  });

  it('gives up on templates it cannot split', () => {
    assert.deepEqual(parseServiceName(tpl(null, '.s3')), { kind: 'unknown' });
    assert.deepEqual(parseServiceName(tpl('com.amazonaws.', null)), { kind: 'unknown' });
    assert.deepEqual(parseServiceName(tpl('com.amazonaws.us-', null, '.s3')), { kind: 'unknown' });
    assert.deepEqual(parseServiceName({ kind: 'unknown' }), { kind: 'unknown' });
    assert.deepEqual(parseServiceName(undefined), { kind: 'unknown' });
  });

  it('rejects invalid forms', () => {
    for (const bad of [
      'amazonaws.us-east-1.s3',
      'com.amazonaws.s3',
      'com.amazonaws.useast1.s3',
      'com.amazonaws.us-east-1',
      'com.amazonaws.us-east-1.S3',
      'com.amazonaws.vpce.us-east-1.vpce-svc-123',
      'com.amazonaws.vpce.us-east-1',
      's3',
    ]) {
      assert.equal(parseServiceNameText(bad).kind, 'invalid', bad);
    }
  });
});
