// Rewrites the golden findings (test/cli/golden/*.json) from the CLI's current output.
// Review the diff before committing: the golden files are the expected behaviour.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLDEN = { examples: 'examples', 'shared-services': 'test/fixtures/cli/shared-services' };

for (const [name, folder] of Object.entries(GOLDEN)) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'dist/cli.js'), folder, '--format', 'json'], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    out = e.stdout;
  }
  const rows = JSON.parse(out).map((f) => ({
    file: relative(root, f.file),
    line: f.range.start.line + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  }));
  writeFileSync(join(root, `test/cli/golden/${name}.json`), JSON.stringify(rows, null, 2) + '\n');
  console.log(`${name}: ${rows.length} findings written`);
}
