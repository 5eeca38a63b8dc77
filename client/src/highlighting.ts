// Whether the server colours Terraform files (semantic tokens), from the setting
// `privatelink.highlighting` and the extensions installed. Apart from the VS Code API so
// that the tests can read it.

/** Extensions that colour Terraform and OpenTofu files themselves (grammar and semantic tokens). */
export const OTHER_HIGHLIGHTERS = ['hashicorp.terraform', 'opentofu.vscode-opentofu'];

/**
 * `on` and `off` as said; `auto` (and anything unknown): only when no other extension colours
 * the files, so that two sets of colours never fight.
 */
export function serverHighlights(setting: unknown, installed: (id: string) => boolean): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return !OTHER_HIGHLIGHTERS.some(installed);
}
