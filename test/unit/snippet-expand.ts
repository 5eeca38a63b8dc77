// Expands a VS Code snippet body the way the editor does when the user accepts every default:
// placeholders take their default text, choices their first option, mirrors the value of the
// tab stop they mirror, variables a fixed context. Tests use it to check what a snippet really
// inserts (that it parses, that it triggers no finding), so it follows the editor's grammar:
// https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: Node[]; transform?: Transform };

interface Transform {
  regex: RegExp;
  format: string;
}

/** Values the editor would give the snippet variables; the test's file is `main.tf`. */
const VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'main.tf',
  TM_FILENAME_BASE: 'main',
  TM_DIRECTORY: '/workspace/module',
  TM_FILEPATH: '/workspace/module/main.tf',
  RELATIVE_FILEPATH: 'module/main.tf',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'workspace',
  WORKSPACE_FOLDER: '/workspace',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2024',
  CURRENT_YEAR_SHORT: '24',
  CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January',
  CURRENT_MONTH_NAME_SHORT: 'Jan',
  CURRENT_DATE: '01',
  CURRENT_DAY_NAME: 'Monday',
  CURRENT_DAY_NAME_SHORT: 'Mon',
  CURRENT_HOUR: '00',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1704067200',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  UUID: '00000000-0000-4000-8000-000000000000',
  BLOCK_COMMENT_START: '/*',
  BLOCK_COMMENT_END: '*/',
  LINE_COMMENT: '#',
};

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseAll(): Node[] {
    const nodes = this.parseUntil(null);
    if (this.pos < this.src.length) throw this.error('unexpected "}"');
    return nodes;
  }

  /** Parses nodes until `stop` (an unescaped `}` inside a placeholder) or the end. */
  private parseUntil(stop: '}' | null): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        // Only `$`, `}` and `\` are escapable; any other backslash is literal text.
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (ch === '}' && stop === '}') break;
      if (ch === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** At a `$`: returns the construct it starts, or undefined when the `$` is plain text. */
  private parseDollar(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    const simpleInt = /^\d+/.exec(rest);
    if (simpleInt) {
      this.pos += 1 + simpleInt[0].length;
      return { kind: 'tabstop', index: Number(simpleInt[0]) };
    }
    const simpleVar = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest);
    if (simpleVar) {
      this.pos += 1 + simpleVar[0].length;
      return { kind: 'variable', name: simpleVar[0] };
    }
    if (rest[0] !== '{') return undefined;
    const head = /^\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(rest);
    if (!head) return undefined;
    const start = this.pos;
    this.pos += 1 + head[0].length;
    const index = head[1] !== undefined ? Number(head[1]) : undefined;
    const name = head[2];
    const after = this.src[this.pos];
    if (after === '}') {
      this.pos += 1;
      return index !== undefined ? { kind: 'tabstop', index } : { kind: 'variable', name };
    }
    if (after === ':') {
      this.pos += 1;
      const children = this.parseUntil('}');
      this.expect('}', start);
      return index !== undefined ? { kind: 'tabstop', index, children } : { kind: 'variable', name, children };
    }
    if (after === '|' && index !== undefined) {
      this.pos += 1;
      const choices = this.parseChoices(start);
      return { kind: 'tabstop', index, choices };
    }
    if (after === '/') {
      this.pos += 1;
      const transform = this.parseTransform(start);
      return index !== undefined ? { kind: 'tabstop', index, transform } : { kind: 'variable', name, transform };
    }
    throw this.error(`unexpected "${after ?? 'end of body'}"`, start);
  }

  private parseChoices(start: number): string[] {
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && /[$}\\,|]/.test(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === ',') {
        choices.push(current);
        current = '';
        this.pos += 1;
        continue;
      }
      if (ch === '|' && this.src[this.pos + 1] === '}') {
        choices.push(current);
        this.pos += 2;
        return choices;
      }
      current += ch;
      this.pos += 1;
    }
    throw this.error('unterminated choice', start);
  }

  /** `/regex/format/options}`; the format keeps its own syntax and is applied later. */
  private parseTransform(start: number): Transform {
    const regex = this.readUntilSlash(start);
    const format = this.readUntilSlash(start, true);
    const close = this.src.indexOf('}', this.pos);
    if (close < 0) throw this.error('unterminated transform', start);
    const options = this.src.slice(this.pos, close);
    this.pos = close + 1;
    return { regex: new RegExp(regex, options), format };
  }

  /** In a format, `${1:/upcase}` holds a slash that does not end it. */
  private readUntilSlash(start: number, format = false): string {
    let out = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (format && ch === '$' && this.src[this.pos + 1] === '{') {
        const close = this.src.indexOf('}', this.pos);
        if (close < 0) throw this.error('unterminated format', start);
        out += this.src.slice(this.pos, close + 1);
        this.pos = close + 1;
        continue;
      }
      if (ch === '\\' && this.src[this.pos + 1] === '/') {
        out += '/';
        this.pos += 2;
        continue;
      }
      if (ch === '\\') {
        out += ch + (this.src[this.pos + 1] ?? '');
        this.pos += 2;
        continue;
      }
      if (ch === '/') {
        this.pos += 1;
        return out;
      }
      out += ch;
      this.pos += 1;
    }
    throw this.error('unterminated transform', start);
  }

  private expect(ch: string, start: number): void {
    if (this.src[this.pos] !== ch) throw this.error(`missing "${ch}"`, start);
    this.pos += 1;
  }

  private error(message: string, at = this.pos): Error {
    return new Error(`snippet syntax: ${message} at offset ${at}`);
  }
}

/** Applies a transform's format string (`$1`, `${1}`, `${1:/upcase}`, `${1:+yes}`, `${1:?a:b}`, `${1:-no}`). */
function applyFormat(format: string, match: ArrayLike<string | undefined>): string {
  return format.replace(
    /\$(\d+)|\$\{(\d+)(?::(\/upcase|\/downcase|\/capitalize|\/camelcase|\/pascalcase|\+[^}]*|\?[^:}]*:[^}]*|-?[^}]*))?\}|\\(.)/g,
    (_all, simple: string | undefined, group: string | undefined, mod: string | undefined, esc: string | undefined) => {
      if (esc !== undefined) return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc;
      const value = match[Number(simple ?? group)] ?? '';
      if (simple !== undefined || mod === undefined) return value;
      switch (mod) {
        case '/upcase':
          return value.toUpperCase();
        case '/downcase':
          return value.toLowerCase();
        case '/capitalize':
          return value.charAt(0).toUpperCase() + value.slice(1);
        case '/camelcase':
        case '/pascalcase': {
          const words = value.split(/[-_\s]+/).filter(Boolean);
          const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
          return mod === '/camelcase' ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined;
        }
      }
      if (mod.startsWith('+')) return value ? mod.slice(1) : '';
      if (mod.startsWith('?')) {
        const [ifText, elseText] = mod.slice(1).split(':');
        return value ? ifText : elseText;
      }
      const fallback = mod.startsWith('-') ? mod.slice(1) : mod;
      return value || fallback;
    },
  );
}

function transform(value: string, t: Transform | undefined): string {
  if (!t) return value;
  if (t.regex.global) {
    return value.replace(t.regex, (...args: unknown[]) => {
      // replace() passes the match and its groups, then the offset (the first number).
      const offsetAt = args.findIndex((a, i) => i > 0 && typeof a === 'number');
      return applyFormat(t.format, args.slice(0, offsetAt) as (string | undefined)[]);
    });
  }
  const m = t.regex.exec(value);
  if (!m) return value;
  return value.slice(0, m.index) + applyFormat(t.format, m) + value.slice(m.index + m[0].length);
}

/**
 * The text the editor inserts for `body` when every tab stop keeps its default. Throws on a
 * body the editor could not parse the way its author meant (an unclosed `${`).
 */
export function expandSnippet(body: string): string {
  const nodes = new Parser(body).parseAll();

  // The first occurrence of a tab stop that carries a default or choices defines the value of
  // every occurrence with that index (the others are mirrors).
  const definitions = new Map<number, Extract<Node, { kind: 'tabstop' }>>();
  const collect = (list: Node[]): void => {
    for (const n of list) {
      if (n.kind === 'text') continue;
      if (n.kind === 'tabstop' && (n.children || n.choices) && !definitions.has(n.index)) {
        definitions.set(n.index, n);
      }
      if (n.children) collect(n.children);
    }
  };
  collect(nodes);

  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const def = definitions.get(index);
    if (!def || resolving.has(index)) return '';
    resolving.add(index);
    try {
      if (def.choices) return def.choices[0] ?? '';
      return render(def.children ?? []);
    } finally {
      resolving.delete(index);
    }
  };

  const render = (list: Node[]): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'tabstop':
            return transform(valueOf(n.index), n.transform);
          case 'variable': {
            const known = Object.prototype.hasOwnProperty.call(VARIABLES, n.name);
            const value = known ? VARIABLES[n.name] : undefined;
            if (value) return transform(value, n.transform);
            if (n.children) return render(n.children);
            // The editor turns an unknown variable into a placeholder named after it.
            return known ? '' : n.name;
          }
        }
      })
      .join('');

  return render(nodes);
}
