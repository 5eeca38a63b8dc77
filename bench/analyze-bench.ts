// The rules' share of a keystroke: CPU time of each rule, and of all rules together, over a
// 5,000-line single-file stack (what the language server re-analyses on each edit) and over a
// 50,000-line workspace. `node dist/analyze-bench.js [samples]`.
// Each sample gets a fresh workspace with every attribute already evaluated, so the figure is
// the rules' own work: caches keyed by module instance start empty, as after an edit.

import { runRules } from '../server/src/engine/run';
import { memoryHost } from '../server/src/model/testing';
import { createWorkspace } from '../server/src/model/workspace';
import type { WorkspaceModel } from '../server/src/model/types';
import { RULES } from '../server/src/rules/index';
import type { Rule } from '../server/src/rules/types';
import { bigFile, corpus, evaluateAll, moduleFiles } from './corpus';
import { moduleInstances, entryModules } from '../server/src/engine/run';

type Files = Record<string, string>;

/** Several networks in one file, every name made unique: a large stack as people write it. */
function stackFile(lines: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < lines; i++) {
    let text = moduleFiles(i, 'x')
      .filter((f) => !f.path.endsWith('variables.tf'))
      .map((f) => f.text)
      .join('\n');
    for (const [, kind, type, name] of [...text.matchAll(/^(resource|data) "([a-z0-9_]+)" "([a-z0-9_]+)"/gm)]) {
      const ref = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      text = text.replace(new RegExp(`^${kind} "${type}" "${name}"`, 'm'), `${kind} "${type}" "${name}_${i}"`);
      text = text.replace(new RegExp(`\\b${ref.replace(/\./g, '\\.')}\\b`, 'g'), `${ref}_${i}`);
    }
    parts.push(text.replace(/^output "([a-z0-9_]+)"/gm, `output "$1_${i}"`));
    n += text.split('\n').length - 1;
  }
  return moduleFiles(0, 'x').find((f) => f.path.endsWith('variables.tf'))!.text + '\n' + parts.join('\n');
}

function fresh(files: Files): WorkspaceModel {
  const ws = createWorkspace(memoryHost(files), { folders: ['/ws'] });
  for (const m of moduleInstances(entryModules(ws))) evaluateAll(m);
  return ws;
}

function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(files: Files, rules: readonly Rule[], samples: number): { ms: number; findings: number } {
  let findings = 0;
  const times: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const ws = fresh(files);
    const t = cpuMs(() => {
      findings = runRules(ws, rules).length;
    });
    if (i > 0) times.push(t); // the first is a warm-up
  }
  return { ms: median(times), findings };
}

function suite(label: string, files: Files, samples: number): void {
  const lines = Object.values(files).reduce((s, t) => s + t.split('\n').length - 1, 0);
  process.stdout.write(`== ${label}: ${Object.keys(files).length} files, ${lines} lines, median CPU of ${samples} runs\n`);
  const per = RULES.map((r) => ({ id: r.meta.id, ...measure(files, [r], samples) }));
  per.sort((a, b) => b.ms - a.ms);
  for (const p of per)
    process.stdout.write(`  ${p.id.padEnd(8)} ${p.ms.toFixed(2).padStart(10)} ms  ${String(p.findings).padStart(6)} findings\n`);
  const all = measure(files, RULES, samples);
  process.stdout.write(
    `  ${'all'.padEnd(8)} ${all.ms.toFixed(2).padStart(10)} ms  ${String(all.findings).padStart(6)} findings   goal < 20 ms on the 5,000-line file\n\n`,
  );
}

const samples = Number(process.argv[2] ?? 5);
suite('bigFile(5000)', { '/ws/main.tf': bigFile(5000) }, samples);
suite('stack file (5,000 lines)', { '/ws/main.tf': stackFile(5000) }, samples);
suite('corpus(50_000)', Object.fromEntries(corpus(50_000).map((f) => [`/ws/${f.path}`, f.text])), Math.max(1, Math.floor(samples / 2)));
