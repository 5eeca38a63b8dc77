// Rewrites test/cli/golden/examples.json from the CLI's current findings on examples/.
// Review the diff before committing: the golden file is the expected behaviour.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let out;
try {
  out = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'examples', '--format', 'json'], { cwd: root, encoding: 'utf8' });
} catch (e) {
  out = e.stdout;
}
const rows = JSON.parse(out).map((f) => ({ file: relative(root, f.file), line: f.range.start.line + 1, rule: f.rule, severity: f.severity }));
writeFileSync(join(root, 'test/cli/golden/examples.json'), JSON.stringify(rows, null, 2) + '\n');
console.log(`${rows.length} findings written`);
