// The team policy of `.privatelink.json` (requiredEndpoints, trustedAccounts,
// trustedOrganizations): how it is read and validated, how principals name accounts, and how
// it reaches the rules on the paths the CLI and the language server take, including answers
// kept across runs when the policy changes between them.
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_CONFIG, loadConfig, mergeConfig, parseConfig, teamPolicy } from '../../server/src/engine/config';
import { runRules } from '../../server/src/engine/run';
import { effectiveConfig } from '../../server/src/lsp/settings';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { memoryHost, workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { accountOfPrincipal, EMPTY_POLICY, type TeamPolicy } from '../../server/src/query/team-policy';
import { RULES_BY_ID } from '../../server/src/rules/index';

const MAIN = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`;

const policy = (o: Partial<TeamPolicy>): TeamPolicy => ({ ...EMPTY_POLICY, ...o });

describe('team policy: .privatelink.json keys', () => {
  it('reads the three lists', () => {
    const { config, errors } = parseConfig({
      requiredEndpoints: ['ssm', 'ecr.dkr', 's3', 'ssm'],
      trustedAccounts: ['111122223333'],
      trustedOrganizations: ['o-a1b2c3d4e5'],
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(teamPolicy(config), {
      requiredEndpoints: ['ssm', 'ecr.dkr', 's3'],
      trustedAccounts: ['111122223333'],
      trustedOrganizations: ['o-a1b2c3d4e5'],
    });
  });

  it('is the empty policy when none of them is set (or all are empty)', () => {
    assert.equal(teamPolicy(parseConfig({}).config), EMPTY_POLICY);
    assert.equal(teamPolicy(parseConfig({ requiredEndpoints: [], trustedAccounts: [] }).config), EMPTY_POLICY);
    assert.equal(teamPolicy(DEFAULT_CONFIG), EMPTY_POLICY);
  });

  it('reports services outside the catalog like unknown rules, keeping the others', () => {
    const { config, errors } = parseConfig({ requiredEndpoints: ['ssm', 'ssmx', 'com.amazonaws.eu-west-1.ecr.api'] });
    assert.deepEqual(config.requiredEndpoints, ['ssm']);
    assert.equal(errors.length, 2);
    assert.match(errors[0], /^requiredEndpoints: unknown service "ssmx" \(nearest: .*ssm/);
    assert.equal(errors[1], 'requiredEndpoints: write the service "ecr.api", not the full name "com.amazonaws.eu-west-1.ecr.api"');
  });

  it('reports shapes it cannot use, never throws', () => {
    const bad: [unknown, RegExp][] = [
      [{ requiredEndpoints: 'ssm' }, /^"requiredEndpoints" must be an array of strings$/],
      [{ trustedAccounts: [111122223333] }, /^"trustedAccounts" must be an array of strings$/],
      [{ trustedAccounts: ['11112222333'] }, /^trustedAccounts: "11112222333" is not an AWS account id \(12 digits\)$/],
      [{ trustedAccounts: ['arn:aws:iam::111122223333:root'] }, /is not an AWS account id/],
      [{ trustedOrganizations: ['o-ABC'] }, /^trustedOrganizations: "o-ABC" is not an AWS Organizations id/],
      [{ trustedOrganizations: [{}] }, /^"trustedOrganizations" must be an array of strings$/],
      [{ trustedOrganisations: [] }, /^unknown key "trustedOrganisations"$/],
    ];
    for (const [json, re] of bad) {
      const r = parseConfig(json);
      assert.equal(r.errors.length, 1, JSON.stringify(json));
      assert.match(r.errors[0], re);
      assert.equal(teamPolicy(r.config), EMPTY_POLICY);
    }
  });

  it('is read from the file, with the errors said once', () => {
    const host = memoryHost({
      '/ws/main.tf': MAIN,
      '/ws/.privatelink.json': JSON.stringify({ requiredEndpoints: ['ssm', 'nope'], trustedAccounts: ['111122223333'] }),
    });
    const r = loadConfig('/ws', host);
    assert.match(r.error ?? '', /\.privatelink\.json: requiredEndpoints: unknown service "nope"/);
    assert.deepEqual(teamPolicy(r.config).requiredEndpoints, ['ssm']);
    assert.deepEqual(teamPolicy(r.config).trustedAccounts, ['111122223333']);
  });

  it('survives the CLI merge (--ignore) and the editor settings', () => {
    const { config } = parseConfig({ requiredEndpoints: ['ssm'], trustedOrganizations: ['o-a1b2c3d4e5'] });
    const merged = mergeConfig(config, { rules: { PL701: 'off' } });
    assert.deepEqual(teamPolicy(merged), teamPolicy(config));
    const edited = effectiveConfig(config, { ...DEFAULT_SETTINGS, rules: { PL503: 'error' } });
    assert.deepEqual(teamPolicy(edited), teamPolicy(config));
    assert.deepEqual(teamPolicy(mergeConfig(config, { requiredEndpoints: ['s3'] })).requiredEndpoints, ['s3']);
  });
});

describe('team policy: principals', () => {
  it('reads the account of account ids and IAM and STS ARNs, in any partition', () => {
    const cases: [string, string | undefined][] = [
      ['111122223333', '111122223333'],
      ['arn:aws:iam::111122223333:root', '111122223333'],
      ['arn:aws:iam::111122223333:role/path/app', '111122223333'],
      ['arn:aws:iam::111122223333:user/ci', '111122223333'],
      ['arn:aws:sts::111122223333:assumed-role/app/session', '111122223333'],
      ['arn:aws-us-gov:iam::111122223333:root', '111122223333'],
      ['arn:aws-cn:iam::111122223333:root', '111122223333'],
      ['*', undefined],
      ['arn:aws:iam::*:root', undefined],
      ['cloudtrail.amazonaws.com', undefined],
      ['1111222233334', undefined],
      ['arn:aws:s3:::bucket', undefined],
    ];
    for (const [p, want] of cases) assert.equal(accountOfPrincipal(p), want, p);
  });
});

describe('team policy: reaching the rules', () => {
  const PL503 = RULES_BY_ID.get('PL503')!;
  const has503 = (ws: ReturnType<typeof workspaceFromFiles>, p: TeamPolicy, keep: boolean) =>
    runRules(ws, [PL503], { policy: p, keep }).some((f) => f.rule === 'PL503');

  it('rules see the policy; answers kept across runs follow a change of policy', () => {
    const ws = workspaceFromFiles({ '/ws/main.tf': MAIN });
    const requiresSsm = policy({ requiredEndpoints: ['ssm'] });
    const requiresS3 = policy({ requiredEndpoints: ['s3'] });
    // The same model, kept answers, the policy changed between runs (the editor reloading
    // .privatelink.json): the finding appears and goes with it.
    assert.equal(has503(ws, EMPTY_POLICY, true), false);
    assert.equal(has503(ws, requiresSsm, true), true);
    assert.equal(has503(ws, requiresS3, true), false);
    assert.equal(has503(ws, requiresSsm, true), true);
    assert.equal(has503(ws, EMPTY_POLICY, true), false);
    // An edit between runs is followed under the policy, as without one.
    ws.setFile('/ws/main.tf', MAIN.replace('.s3"', '.ssm"\n  vpc_endpoint_type = "Interface"'));
    assert.equal(has503(ws, requiresSsm, true), false);
    assert.equal(has503(ws, requiresS3, true), true);
  });

  it('the language server path: committed .privatelink.json, editor settings, kept answers', () => {
    // What lsp/session.ts does on every analysis: the committed configuration (read again after
    // the file changes), the user's settings on top, the editor's model kept across runs.
    const files: Record<string, string> = { '/ws/main.tf': MAIN };
    const ws = createWorkspace(memoryHost(files), { folders: ['/ws'] });
    const lint = () => {
      // The disk as it is now (memoryHost lists the files it was made with).
      const config = effectiveConfig(loadConfig('/ws', memoryHost({ ...files })).config, DEFAULT_SETTINGS);
      return analyze(ws, { config, root: '/ws', keep: true });
    };
    assert.ok(!lint().some((f) => f.rule === 'PL503' || f.rule === 'PL306'));
    files['/ws/.privatelink.json'] = JSON.stringify({ requiredEndpoints: ['ssm'], trustedAccounts: ['111122223333'] });
    const found = lint().filter((f) => f.rule === 'PL503');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /none for ssm/);
    files['/ws/.privatelink.json'] = JSON.stringify({ requiredEndpoints: ['s3'], rules: { PL503: 'error' } });
    assert.ok(!lint().some((f) => f.rule === 'PL503'));
    delete files['/ws/.privatelink.json'];
    assert.ok(!lint().some((f) => f.rule === 'PL503'));
  });
});
