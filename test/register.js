// Lets mocha load TypeScript tests directly: each .ts file is transpiled by esbuild on require.
const fs = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function (module, filename) {
  const src = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(src, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
