// Semantic tokens (full, delta after an edit, range): the colour of Terraform files from our
// own syntax tree (highlight.ts). The tree is the one the analysis parses anyway, so a request
// after a keystroke costs one walk of the file; the last answer per document is kept to send
// only what changed.

import type {
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensDeltaParams,
  SemanticTokensLegend,
  SemanticTokensOptions,
  SemanticTokensParams,
  SemanticTokensRangeParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parse, positionToOffset, type File } from '../hcl';
import { parseJsonConfig } from '../hcl/json-syntax';
import { isJsonConfigFile } from '../model/paths';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { isTerraformFile } from '../lsp/walk';
import { encodeTokens, highlight, TOKEN_MODIFIERS, TOKEN_TYPES, type HighlightOptions } from './highlight';

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export const SEMANTIC_TOKENS_OPTIONS: SemanticTokensOptions = { legend: LEGEND, full: { delta: true }, range: true };

/**
 * Whether the server offers semantic tokens: unless the client says `semanticTokens: false`
 * in its initialization options. Our VS Code client says so when the user turned highlighting
 * off, or left it on `auto` with another Terraform extension installed that colours the files.
 */
export function offersSemanticTokens(initializationOptions: unknown): boolean {
  const o = initializationOptions as { semanticTokens?: unknown } | undefined | null;
  return o?.semanticTokens !== false;
}

interface Kept {
  resultId: string;
  data: number[];
}

export function registerSemanticTokens(session: Session): void {
  const { connection, documents } = session;
  const kept = new Map<string, Kept>();
  let next = 0;
  const keep = (uri: string, data: number[]): Kept => {
    const k = { resultId: String(++next), data };
    kept.set(uri, k);
    return k;
  };
  documents.onDidClose((e) => kept.delete(e.document.uri));

  connection.languages.semanticTokens.on(
    safe(connection, 'semanticTokens/full', { data: [] }, (params: SemanticTokensParams): SemanticTokens => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { data: [] };
      return keep(doc.uri, tokensOf(session, doc));
    }),
  );

  connection.languages.semanticTokens.onDelta(
    safe(
      connection,
      'semanticTokens/full/delta',
      { data: [] },
      (params: SemanticTokensDeltaParams): SemanticTokens | SemanticTokensDelta => {
        const doc = documents.get(params.textDocument.uri);
        if (!doc) return { data: [] };
        const before = kept.get(doc.uri);
        const now = keep(doc.uri, tokensOf(session, doc));
        if (!before || before.resultId !== params.previousResultId) return now;
        return { resultId: now.resultId, edits: diff(before.data, now.data) };
      },
    ),
  );

  connection.languages.semanticTokens.onRange(
    safe(connection, 'semanticTokens/range', { data: [] }, (params: SemanticTokensRangeParams): SemanticTokens => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { data: [] };
      return { data: tokensOf(session, doc, params.range) };
    }),
  );
}

/** The encoded tokens of an open document (of the lines of `range` when given). */
export function tokensOf(session: Session, doc: TextDocument, range?: SemanticTokensRangeParams['range']): number[] {
  const p = session.pathOf(doc.uri);
  if (!p || !isTerraformFile(p) || session.isRefused(p)) return [];
  const text = doc.getText();
  const json = isJsonConfigFile(p);
  // The analysis's tree when it is of this text (it is, once the change has been taken in).
  const sf = session.file(p);
  const ast: File = sf && !sf.readError && sf.text === text ? sf.ast : json ? parseJsonConfig(text, p) : parse(text, p);
  const options: HighlightOptions = { json, vars: p.endsWith('.tfvars') };
  if (range) {
    options.from = positionToOffset(ast.lineStarts, range.start.line, 0, text);
    options.to = positionToOffset(ast.lineStarts, range.end.line + 1, 0, text);
  }
  const tokens = highlight(ast, text, options);
  return encodeTokens(tokens, ast.lineStarts, text);
}

/** One edit from the common start and end of two token arrays to the new middle. */
export function diff(before: readonly number[], after: number[]): { start: number; deleteCount: number; data?: number[] }[] {
  let s = 0;
  const n = Math.min(before.length, after.length);
  while (s < n && before[s] === after[s]) s++;
  if (s === before.length && s === after.length) return [];
  let eb = before.length;
  let ea = after.length;
  while (eb > s && ea > s && before[eb - 1] === after[ea - 1]) {
    eb--;
    ea--;
  }
  return [{ start: s, deleteCount: eb - s, data: after.slice(s, ea) }];
}
