// Projection of our syntax tree to the JSON that @cdktf/hcl2json produces for the same file,
// so the two parsers can be compared value for value. The reference keeps literals as JSON
// values and renders every other expression as "${<source text>}", with a few quirks that
// are reproduced here on purpose (they are noted where they occur).
import type { Block, Body, Expression, File, TemplatePart } from './ast';
import { isJsonSyntaxPath, jsonSourceText } from './json-syntax';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObj = { [key: string]: Json };

export class ProjectionError extends Error {}

/** Project a parsed file. Throws ProjectionError where the reference would fail too. */
export function toHcl2Json(file: File, source: string): unknown {
  return new Projector(source, isJsonSyntaxPath(file.uri)).body(file.body);
}

class Projector {
  constructor(
    private readonly src: string,
    private readonly json = false,
  ) {}

  body(body: Body): JsonObj {
    const out: JsonObj = {};
    // Blocks first, then attributes (which win on a name clash), as the reference does.
    for (const item of body.items) if (item.type === 'Block') this.block(item, out);
    for (const item of body.items) {
      if (item.type === 'Attribute') {
        if (item.value === undefined) throw new ProjectionError(`attribute ${item.name.name} has no value`);
        out[item.name.name] = this.expr(item.value);
      }
    }
    return out;
  }

  private block(block: Block, out: JsonObj): void {
    let key = block.blockType.name;
    for (const label of block.labels) {
      const inner = out[key];
      if (inner === undefined) {
        const obj: JsonObj = {};
        out[key] = obj;
        out = obj;
      } else if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
        out = inner;
      } else {
        throw new ProjectionError(`cannot nest block ${block.blockType.name} under ${key}`);
      }
      key = label.value;
    }
    const value = this.body(block.body);
    const current = out[key];
    if (current === undefined) out[key] = [value];
    else if (Array.isArray(current)) current.push(value);
    else throw new ProjectionError(`block ${key} clashes with an object`);
  }

  private source(e: Expression): string {
    const { start, end } = e.range;
    return this.json ? jsonSourceText(this.src, start.offset, end.offset) : this.src.slice(start.offset, end.offset);
  }

  private wrap(e: Expression): string {
    return '${' + this.source(e) + '}';
  }

  expr(e: Expression): Json {
    switch (e.type) {
      case 'Literal':
        return e.value;
      case 'UnaryOp':
        // A sign or negation applied directly to a literal is folded into its value.
        if (e.operand.type === 'Literal') {
          const v = e.operand.value;
          if (e.operator === '-') {
            if (typeof v !== 'number') throw new ProjectionError('negating a non-number');
            return -v;
          }
          if (typeof v !== 'boolean') throw new ProjectionError('logical not of a non-bool');
          return !v;
        }
        return this.wrap(e);
      case 'Template':
      case 'Heredoc': {
        const parts = e.parts;
        if (parts.length === 1 && parts[0].type === 'TemplateInterpolation') return this.expr(parts[0].expr);
        return this.template(parts);
      }
      case 'Tuple':
        return e.items.map((i) => this.expr(i));
      case 'Object': {
        const m: JsonObj = {};
        for (const item of e.items) m[this.key(item.key)] = this.expr(item.value);
        return m;
      }
      default:
        return this.wrap(e);
    }
  }

  /** Literal text keeps `${` and `%{` escaped, as the reference prints it. */
  private literal(s: string): string {
    if (s.indexOf('{') < 0) return s;
    return s.split('${').join('$${').split('%{').join('%%{');
  }

  private template(parts: TemplatePart[]): string {
    let out = '';
    for (const p of parts) out += this.part(p);
    return out;
  }

  private part(p: TemplatePart): string {
    switch (p.type) {
      case 'TemplateLiteral':
        return this.literal(p.value);
      case 'TemplateInterpolation':
        return this.interpolated(p.expr);
      case 'TemplateIf': {
        let s = '%{if ' + this.source(p.condition) + '}' + this.template(p.then);
        const els = p.else === undefined ? '' : this.template(p.else);
        if (els.length > 0) s += '%{else}' + els;
        return s + '%{endif}';
      }
      case 'TemplateFor':
        return (
          '%{for ' +
          (p.keyVar !== undefined ? p.keyVar + ', ' : '') +
          p.valueVar +
          ' in ' +
          this.source(p.collection) +
          '}' +
          this.template(p.body) +
          '%{endfor}'
        );
    }
  }

  /** An expression inside `${ }` of a template with other parts. */
  private interpolated(e: Expression): string {
    switch (e.type) {
      case 'Literal':
        if (e.value === null) throw new ProjectionError('null interpolated into a string');
        return typeof e.value === 'number' ? numberToString(e.value) : String(e.value);
      case 'Template':
      case 'Heredoc': {
        const parts = e.parts;
        if (parts.length === 1 && parts[0].type === 'TemplateInterpolation') return this.interpolated(parts[0].expr);
        return this.template(parts);
      }
      case 'Conditional': {
        // The reference renders an interpolated conditional as an if directive.
        let s = '%{if ' + this.source(e.condition) + '}' + this.interpolated(e.trueExpr);
        const els = this.interpolated(e.falseExpr);
        if (els.length > 0) s += '%{else}' + els;
        return s + '%{endif}';
      }
      default:
        return this.wrap(e);
    }
  }

  private key(k: Expression): string {
    if (isTraversal(k)) return this.source(k);
    if (k.type === 'Literal') return k.value === null ? 'null' : typeof k.value === 'number' ? numberToString(k.value) : String(k.value);
    return this.interpolated(k);
  }
}

/** A variable followed only by attribute names, literal indexes and legacy indexes. */
function isTraversal(e: Expression): boolean {
  for (;;) {
    switch (e.type) {
      case 'Variable':
        return true;
      case 'GetAttr':
      case 'LegacyIndex':
        e = e.object;
        continue;
      case 'Index':
        if (e.key.type !== 'Literal') return false;
        e = e.object;
        continue;
      default:
        return false;
    }
  }
}

function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}
