// Which documents the extension serves, apart from the VS Code API so that the tests can read
// it: both VS Code's and the language client's document selectors accept these plain filters.

import type * as vscode from 'vscode';

/**
 * Terraform's language ids, OpenTofu's (its extension opens `.tf` and `.tofu` files as
 * `opentofu` and `.tfvars` files as `opentofu-vars`), and configuration in JSON syntax
 * (`.tf.json`, `.tofu.json`), which the editor opens as `json`.
 */
export const SELECTOR = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'opentofu' },
  { scheme: 'file', language: 'opentofu-vars' },
  { scheme: 'file', language: 'json', pattern: '**/*.{tf,tofu}.json' },
] satisfies vscode.DocumentFilter[];

/** A file of a module or a variable file, by its name: what the topology view follows. */
export function isTerraformPath(p: string): boolean {
  return /\.(tf|tofu|tfvars|tf\.json|tofu\.json)$/.test(p);
}
