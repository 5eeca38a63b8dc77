// The environment the language server starts with (no editor API here: the tests use it too).

/**
 * The editor's environment without NODE_EXTRA_CA_CERTS. Node reads that certificate bundle
 * before it runs any code, which can add a tenth of a second to every start, and the server
 * never opens a connection.
 */
export function serverEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.NODE_EXTRA_CA_CERTS;
  return out;
}
