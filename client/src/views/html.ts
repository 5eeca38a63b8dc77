// The topology page's HTML. Holds no data from the files: the graph arrives by postMessage and
// the script builds the DOM with text nodes. No vscode import, so the browser test renders the
// very same page.

export interface PageOptions {
  /** The webview's `cspSource` (where local resources are served from). */
  cspSource: string;
  /** A fresh random nonce per page. */
  nonce: string;
  /** The bundled script (dist/webview.js) as a webview URI. */
  scriptUri: string;
}

export function contentSecurityPolicy(o: Pick<PageOptions, 'cspSource' | 'nonce'>): string {
  return `default-src 'none'; script-src 'nonce-${o.nonce}'; style-src ${o.cspSource} 'nonce-${o.nonce}'; img-src ${o.cspSource} data:;`;
}

/** A nonce from a strong random source: 32 base64url characters. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  return Buffer.from(random(24)).toString('base64url');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0; font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 13px; color: var(--vscode-foreground, #1d2433); background: var(--vscode-editor-background, #ffffff); }
header { position: sticky; top: 0; z-index: 2; display: flex; gap: 8px; align-items: center; padding: 8px 12px; background: var(--vscode-editor-background, #ffffff); border-bottom: 1px solid var(--vscode-panel-border, #d6dbe4); }
header h1 { font-size: 13px; font-weight: 600; margin: 0 12px 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40vw; }
header .spacer { flex: 1; }
button { font: inherit; padding: 3px 10px; border-radius: 3px; border: 1px solid var(--vscode-button-border, transparent); cursor: pointer; color: var(--vscode-button-secondaryForeground, #1d2433); background: var(--vscode-button-secondaryBackground, #e6e9ef); }
button.primary { color: var(--vscode-button-foreground, #ffffff); background: var(--vscode-button-background, #2f6fde); }
button[aria-pressed="true"] { outline: 1px solid var(--vscode-focusBorder, #2f6fde); }
.legend { display: flex; gap: 10px; align-items: center; font-size: 11px; opacity: 0.85; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; vertical-align: -1px; }
#status { padding: 6px 12px; font-size: 12px; opacity: 0.8; }
#canvas { padding: 8px 12px 24px; overflow: auto; }
#canvas svg { display: block; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
#canvas g.node:hover > rect:first-of-type { filter: brightness(0.97); }
#canvas g.node:focus { outline: none; }
#canvas g.node:focus > rect:first-of-type { stroke-width: 3; }
#unplaced { margin: 0 12px 16px; padding: 0; list-style: none; }
#unplaced li { padding: 3px 0; cursor: pointer; }
#unplaced li:hover { text-decoration: underline; }
.sev { display: inline-block; min-width: 46px; padding: 0 6px; margin-right: 6px; border-radius: 9px; color: #fff; font-size: 11px; font-weight: 600; text-align: center; }
.empty { padding: 24px 12px; opacity: 0.8; }
`;

export function topologyHtml(o: PageOptions): string {
  const nonce = attr(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>PrivateLink topology</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <h1 id="title">PrivateLink topology</h1>
  <button id="scope-module" type="button" aria-pressed="true">Module</button>
  <button id="scope-workspace" type="button" aria-pressed="false">Workspace</button>
  <button id="refresh" type="button">Refresh</button>
  <span class="spacer"></span>
  <span class="legend" id="legend"></span>
  <button id="export-svg" type="button" class="primary">Export SVG</button>
  <button id="export-mermaid" type="button">Copy Mermaid</button>
</header>
<div id="status">Loading…</div>
<div id="canvas"></div>
<ul id="unplaced"></ul>
<script nonce="${nonce}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
