// The server is started without NODE_EXTRA_CA_CERTS: Node reads that file before any code
// runs (a missing one gives a warning at start), and the server never opens a connection.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { serverEnv } from '../../client/src/server-env';

describe('the environment the server starts with', () => {
  it("is the editor's without NODE_EXTRA_CA_CERTS, and Node then reads no certificates at start", () => {
    const editor = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/extra-ca.pem', PRIVATELINK_PROBE: 'kept' };
    const env = serverEnv(editor);
    assert.equal(env.NODE_EXTRA_CA_CERTS, undefined);
    assert.equal(env.PRIVATELINK_PROBE, 'kept');
    assert.equal(editor.NODE_EXTRA_CA_CERTS, '/nonexistent/extra-ca.pem', "the editor's own environment is left alone");
    const start = (e: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['-e', '0'], { env: e, encoding: 'utf8' }).stderr;
    assert.match(start(editor), /extra certs/i, 'Node reads the variable at start');
    assert.doesNotMatch(start(env), /extra certs/i);
  });
});
