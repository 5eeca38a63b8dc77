// What a team requires of every workspace, as `.privatelink.json` states it: endpoints each VPC
// must have, and the accounts and organizations it trusts. The engine reads the file and hands
// the policy to every check; this file holds its shape and the questions rules ask of it.

import { prop, scalarString, type PNode } from './policy/document';

/** The team's policy. Every list is empty when `.privatelink.json` does not set it. */
export interface TeamPolicy {
  /** AWS services (`ssm`, `ecr.dkr`, `s3`) every VPC with endpoints must have an endpoint for. */
  readonly requiredEndpoints: readonly string[];
  /** 12-digit AWS account ids that may be granted access. */
  readonly trustedAccounts: readonly string[];
  /** AWS Organizations ids (`o-...`) that may be granted access. */
  readonly trustedOrganizations: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

export const EMPTY_POLICY: TeamPolicy = Object.freeze({ requiredEndpoints: NONE, trustedAccounts: NONE, trustedOrganizations: NONE });

/** An AWS account id: exactly twelve digits. */
export const ACCOUNT_ID = /^\d{12}$/;

/** An AWS Organizations id, as the Organizations API defines it. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * A key that changes whenever the policy does: answers kept across runs (the editor's) are
 * kept per policy, so a changed `.privatelink.json` never shows answers of the old one.
 * Empty for the empty policy.
 */
export function policyKey(p: TeamPolicy): string {
  if (!p.requiredEndpoints.length && !p.trustedAccounts.length && !p.trustedOrganizations.length) return '';
  return JSON.stringify([p.requiredEndpoints, p.trustedAccounts, p.trustedOrganizations]);
}

/**
 * The account an IAM principal belongs to: a bare account id, or an ARN of the account
 * (`arn:aws:iam::123456789012:root`) or of one of its users, roles or sessions (IAM and STS
 * ARNs, any partition). undefined for anything else: `*`, a service principal, an ARN whose
 * account cannot be read.
 */
export function accountOfPrincipal(principal: string): string | undefined {
  if (ACCOUNT_ID.test(principal)) return principal;
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):[^\s]+$/.exec(principal);
  return m ? m[1] : undefined;
}

/** Does the policy list trusted accounts (so an account outside them can be told)? */
export function judgesAccounts(p: TeamPolicy): boolean {
  return p.trustedAccounts.length > 0;
}

/** Does the policy list trusted organizations? */
export function judgesOrganizations(p: TeamPolicy): boolean {
  return p.trustedOrganizations.length > 0;
}

/**
 * An account the policy does not trust: false when it is listed, or when the policy lists no
 * accounts (nothing to judge by).
 */
export function untrustedAccount(p: TeamPolicy, account: string): boolean {
  return judgesAccounts(p) && !p.trustedAccounts.includes(account);
}

/** An organization the policy does not trust: false when listed, or when none are listed. */
export function untrustedOrganization(p: TeamPolicy, org: string): boolean {
  return judgesOrganizations(p) && !p.trustedOrganizations.includes(org);
}

// ---- endpoint policy statements against the trusted accounts and organizations

/** Whose the account or organization a statement names is: the caller's, the resource's, or the one a service acts for. */
export type GrantRole = 'principal' | 'resource' | 'source';

/** An account or organization outside the trusted ones that a statement grants. */
export interface UntrustedGrant {
  kind: 'account' | 'organization';
  id: string;
  role: GrantRole;
  /** Where it is named: `Principal`, or the condition key as written (`aws:PrincipalAccount`). */
  via: string;
  /** The value as written. */
  value: string;
  /** The node that names it (for its place). */
  node: PNode;
}

interface ConditionKey {
  kind: 'account' | 'organization';
  role: GrantRole;
  /** The account or organization a value names; undefined when it names none plainly (a wildcard, a variable). */
  read(value: string): string | undefined;
}

const exactAccount = (v: string) => (ACCOUNT_ID.test(v) ? v : undefined);
const exactOrg = (v: string) => (ORGANIZATION_ID.test(v) ? v : undefined);
/** `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`: the organization is the first segment. */
const orgOfPath = (v: string) => exactOrg(v.split('/')[0]);

/**
 * Global condition keys whose values name the accounts or organizations a statement lets in
 * (IAM User Guide, "AWS global condition context keys"), lower-cased: IAM compares key names
 * without regard to case.
 */
const CONDITION_KEYS: ReadonlyMap<string, ConditionKey> = new Map([
  ['aws:principalaccount', { kind: 'account', role: 'principal', read: exactAccount }],
  ['aws:principalarn', { kind: 'account', role: 'principal', read: accountOfPrincipal }],
  ['aws:principalorgid', { kind: 'organization', role: 'principal', read: exactOrg }],
  ['aws:principalorgpaths', { kind: 'organization', role: 'principal', read: orgOfPath }],
  ['aws:resourceaccount', { kind: 'account', role: 'resource', read: exactAccount }],
  ['aws:resourceorgid', { kind: 'organization', role: 'resource', read: exactOrg }],
  ['aws:resourceorgpaths', { kind: 'organization', role: 'resource', read: orgOfPath }],
  ['aws:sourceaccount', { kind: 'account', role: 'source', read: exactAccount }],
  ['aws:sourceorgid', { kind: 'organization', role: 'source', read: exactOrg }],
  ['aws:sourceorgpaths', { kind: 'organization', role: 'source', read: orgOfPath }],
] as const);

/**
 * Does a condition operator let in the values it lists? Not the negated ones (`StringNotEquals`
 * names who is kept out), nor `Null`. `...IfExists` and `ForAnyValue:`/`ForAllValues:` still
 * let the listed values in.
 */
function admitsListed(op: string): boolean {
  const o = op.toLowerCase();
  return !o.includes('not') && o !== 'null';
}

/** The known strings of a node (a string or a list): unknown items are left out, not guessed. */
function knownStrings(n: PNode | undefined): { value: string; node: PNode }[] {
  if (!n) return [];
  if (n.kind === 'scalar') return typeof n.value === 'string' ? [{ value: n.value, node: n }] : [];
  if (n.kind !== 'array') return [];
  return n.items.flatMap((i) => (i.kind === 'scalar' && typeof i.value === 'string' ? [{ value: i.value, node: i }] : []));
}

/**
 * Does the statement hold its principals to trusted organizations: a `StringEquals` or
 * `StringLike` test of `aws:PrincipalOrgID` whose values are all known and trusted? Then an
 * account it names may be a member of one of them, which the code cannot show: not judged.
 */
function heldToTrustedOrgs(cond: PNode | undefined, p: TeamPolicy): boolean {
  if (!judgesOrganizations(p) || !cond || cond.kind !== 'object') return false;
  for (const [op, test] of cond.props) {
    const o = op.toLowerCase().replace(/^foranyvalue:/, '');
    if ((o !== 'stringequals' && o !== 'stringlike') || test.value.kind !== 'object') continue;
    for (const [key, entry] of test.value.props) {
      if (key.toLowerCase() !== 'aws:principalorgid') continue;
      const n = entry.value;
      const items = n.kind === 'array' ? n.items : [n];
      if (
        items.length &&
        items.every((i) => i.kind === 'scalar' && typeof i.value === 'string' && p.trustedOrganizations.includes(i.value))
      )
        return true;
    }
  }
  return false;
}

/**
 * The accounts and organizations outside the team's trusted ones that an endpoint policy
 * statement grants: with Effect Allow, through `Principal` (`AWS` account ids and IAM ARNs) or
 * a condition that admits the accounts or organizations it lists. A Deny statement grants
 * nothing; unknown values, wildcards and policy variables name no account and are skipped.
 */
export function untrustedGrants(statement: PNode, p: TeamPolicy): UntrustedGrant[] {
  if (!judgesAccounts(p) && !judgesOrganizations(p)) return [];
  if (statement.kind !== 'object' || scalarString(prop(statement, 'Effect')?.value) !== 'Allow') return [];
  const out: UntrustedGrant[] = [];
  const cond = prop(statement, 'Condition')?.value;
  const judgePrincipalAccounts = !heldToTrustedOrgs(cond, p);
  const principal = prop(statement, 'Principal')?.value;
  if (judgePrincipalAccounts && principal?.kind === 'object') {
    for (const { value, node } of knownStrings(prop(principal, 'AWS')?.value)) {
      const account = accountOfPrincipal(value);
      if (account && untrustedAccount(p, account))
        out.push({ kind: 'account', id: account, role: 'principal', via: 'Principal', value, node });
    }
  }
  if (cond?.kind === 'object') {
    for (const [op, test] of cond.props) {
      if (!admitsListed(op) || test.value.kind !== 'object') continue;
      for (const [key, entry] of test.value.props) {
        const k = CONDITION_KEYS.get(key.toLowerCase());
        if (!k || (k.kind === 'account' && k.role === 'principal' && !judgePrincipalAccounts)) continue;
        for (const { value, node } of knownStrings(entry.value)) {
          const id = k.read(value);
          if (!id) continue;
          const untrusted = k.kind === 'account' ? untrustedAccount(p, id) : untrustedOrganization(p, id);
          if (untrusted) out.push({ kind: k.kind, id, role: k.role, via: key, value, node });
        }
      }
    }
  }
  return out;
}
