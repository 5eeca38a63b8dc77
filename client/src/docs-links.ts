// The rules' documentation links, made to open the page shipped with the extension. The server
// sends the published web address (other editors, the CLI and SARIF need one that works
// anywhere); in VS Code the same page is bundled, so links to it open inside the editor,
// offline, instead of asking to leave for a website. Plain string work, apart from the VS Code
// API so that the unit tests can read it.

import { DOCS_BASE, SHOW_DOCS_COMMAND } from '../../server/src/protocol';

const RULE_ID = /^PL\d{3}$/;

/** The rule a documentation link is for, when it is the published page of a rule; else undefined. */
export function ruleOfDocsUrl(url: string): string | undefined {
  if (!url.startsWith(DOCS_BASE)) return undefined;
  const m = /^(PL\d{3})\.md$/.exec(url.slice(DOCS_BASE.length));
  return m ? m[1] : undefined;
}

/** A `command:` link that shows a rule's bundled page through the documentation command. */
export function docsCommandLink(ruleId: string): string {
  return `command:${SHOW_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

/**
 * Markdown with every link to a rule's published page turned into a link that runs the
 * documentation command; `changed` says whether there was one (only then does the hover need
 * to trust that command).
 */
export function localDocsMarkdown(markdown: string): { text: string; changed: boolean } {
  let changed = false;
  const text = markdown.replace(/\]\((https:\/\/[^\s)]+)\)/g, (whole, url: string) => {
    const id = ruleOfDocsUrl(url);
    if (!id) return whole;
    changed = true;
    return `](${docsCommandLink(id)})`;
  });
  return { text, changed };
}

/** The path of the extension's own URI that shows a rule's page: `/docs/PL101`. */
export function docsUriPath(ruleId: string): string {
  return `/docs/${ruleId}`;
}

/** The rule of a path made by `docsUriPath`, or undefined for anything else. */
export function ruleOfDocsUriPath(p: string): string | undefined {
  const m = /^\/docs\/([^/]+)$/.exec(p);
  return m && RULE_ID.test(m[1]) ? m[1] : undefined;
}
