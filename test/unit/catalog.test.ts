import * as assert from 'node:assert/strict';
import { catalog, createCatalog, editDistance } from '../../server/src/query/catalog';
import { SERVICES } from '../../server/src/query/catalog-data';

describe('service catalog', () => {
  it('names its sources', () => {
    assert.match(catalog.source, /AWS services that integrate with AWS PrivateLink/);
    assert.match(catalog.source, /Gateway endpoints/);
  });

  it('lists the services of the PrivateLink Guide', () => {
    assert.ok(catalog.services.length >= 250, `only ${catalog.services.length} services`);
    for (const n of [
      'ecr.api',
      'ecr.dkr',
      'logs',
      'ssm',
      'ssmmessages',
      'ec2messages',
      'sts',
      'kms',
      'execute-api',
      'sagemaker.runtime',
      'git-codecommit',
      'kinesis-streams',
    ]) {
      assert.ok(catalog.get(n), `${n} missing`);
    }
  });

  it('has each name once, in the service-name form', () => {
    const names = SERVICES.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/, n);
    // -fips variants are folded into their base name by the parser.
    assert.ok(!names.some((n) => n.endsWith('-fips')));
  });

  it('knows that only S3 (with S3 Express directory buckets) and DynamoDB have Gateway endpoints', () => {
    const gw = catalog.services
      .filter((s) => s.gateway)
      .map((s) => s.name)
      .sort();
    assert.deepEqual(gw, ['dynamodb', 's3', 's3express']);
    assert.equal(catalog.get('s3express')?.interface, false);
    assert.equal(catalog.get('s3')?.interface, true);
    assert.equal(catalog.get('dynamodb')?.interface, true);
  });

  it('gives ECR endpoints the ecr IAM prefix', () => {
    assert.deepEqual(catalog.get('ecr.api')?.iamPrefixes, ['ecr']);
    assert.deepEqual(catalog.get('ecr.dkr')?.iamPrefixes, ['ecr']);
    assert.deepEqual(catalog.get('monitoring')?.iamPrefixes, ['cloudwatch']);
    assert.deepEqual(catalog.get('sqs')?.iamPrefixes, ['sqs']);
  });

  it('records endpoint policy support', () => {
    assert.equal(catalog.get('s3')?.policy, true);
    assert.equal(catalog.get('sqs')?.policy, true);
    for (const n of ['appmesh-envoy-management', 'cloudtrail', 'batch', 'storagegateway', 'transfer', 'eks', 'elasticbeanstalk-health']) {
      assert.equal(catalog.get(n)?.policy, false, n);
    }
  });

  it('derives private DNS names', () => {
    assert.equal(catalog.get('sqs')?.privateDnsName, 'sqs.{region}.amazonaws.com');
    assert.equal(catalog.get('ecr.dkr')?.privateDnsName, '*.dkr.ecr.{region}.amazonaws.com');
    assert.equal(catalog.get('kinesis-streams')?.privateDnsName, 'kinesis.{region}.amazonaws.com');
    // Unknown host names are left out rather than guessed.
    assert.equal(catalog.get('iot.data')?.privateDnsName, undefined);
  });

  it('marks names with another prefix or without a region', () => {
    assert.equal(catalog.get('notebook')?.prefix, 'aws.sagemaker');
    assert.equal(catalog.get('qbusiness')?.prefix, 'aws.api');
    assert.equal(catalog.get('iam')?.global, true);
    assert.equal(catalog.get('s3-global.accesspoint')?.global, true);
    assert.equal(catalog.get('s3')?.global, undefined);
  });

  it('suggests the nearest names', () => {
    assert.equal(catalog.nearest('ecr.dockr')[0], 'ecr.dkr');
    assert.equal(catalog.nearest('secretmanager')[0], 'secretsmanager');
    assert.equal(catalog.nearest('ssm-messages')[0], 'ssmmessages');
    assert.equal(catalog.nearest('x', 5).length, 5);
  });

  it('measures edit distance', () => {
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('ecr.dkr', 'ecr.dkr'), 0);
  });

  it('builds a catalog from any service list', () => {
    const c = createCatalog(
      [{ name: 'a', title: 'A', gateway: false, interface: true, policy: true, privateDns: true, iamPrefixes: ['a'] }],
      'test',
    );
    assert.equal(c.get('a')?.title, 'A');
    assert.equal(c.get('b'), undefined);
    assert.equal(c.source, 'test');
  });
});
