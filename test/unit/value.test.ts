import * as assert from 'node:assert/strict';
import { bool, isWhollyKnown, toJson, UNKNOWN, type Value } from '../../server/src/model/value';

describe('values', () => {
  it('converts known values to JSON and refuses unknown ones', () => {
    const v: Value = { kind: 'map', entries: new Map<string, Value>([['a', { kind: 'list', items: [{ kind: 'number', value: 1 }] }]]) };
    assert.deepEqual(toJson(v), { a: [1] });
    const u: Value = { kind: 'list', items: [UNKNOWN] };
    assert.equal(toJson(u), undefined);
    assert.equal(isWhollyKnown(u), false);
  });
  it('reads "true" strings as booleans like Terraform does', () => {
    assert.equal(bool({ kind: 'string', value: 'true' }), true);
    assert.equal(bool({ kind: 'string', value: 'yes' }), undefined);
  });
});
