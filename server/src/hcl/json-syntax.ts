// Terraform's JSON configuration syntax (`.tf.json`, `.tofu.json`), read into the same syntax
// tree as the native syntax (hashicorp/hcl json/spec.md; Terraform's "JSON Configuration
// Syntax"), so that everything above the parser works on both. Never throws: JSON errors and
// misplaced values become diagnostics, and the tree keeps what could be read.
//
// - The root object's properties are block types. A block type's labels are levels of nested
//   objects (`"resource": {"aws_vpc": {"main": {…}}}`); a level may also be an array of such
//   objects, and a body may be an array of objects, one block each.
// - JSON cannot tell an argument from a nested block, HCL decides by the block type's schema.
//   Here the schema is small and written down below: the meta blocks Terraform defines
//   (`lifecycle`, `dynamic`, `provisioner`, `connection`, `precondition`, …), and for the AWS
//   resource, data source and provider types the analysis reads, their nested block types
//   (`dns_options` of aws_vpc_endpoint, `ingress`/`egress` of aws_security_group, `statement` of
//   aws_iam_policy_document, `filter` of every aws_* data source, `timeouts`, …). Every other
//   property is an argument. Blocks the provider also takes as an argument (`ingress`/`egress`
//   of security groups, `route` of route tables) are an argument when the value is not an
//   object or an array of objects; any other block given such a value is an error, as in HCL.
// - Strings are templates: `"${expr}"` alone is the expression itself (as HCL's template
//   wrapping), `"a-${x}"` a template, parsed by the native parser with every position mapped
//   back into the JSON text. Where Terraform reads a string as written (a variable's
//   `default` and `description`, a module's `source`, the `terraform` block, …) it stays a
//   literal; where it reads an expression (`type`, `depends_on`, a resource's `provider`,
//   `ignore_changes`, a dynamic block's `iterator`, a module's `providers`) it is parsed as one.
// - A property named `//` is a comment in a block body (and at the root), as HCL has it.
//
// Ranges: an argument runs from its quoted name to the end of its value; a block from the
// property that opens its body (its last label, or its type when it has none) to the body's
// closing brace, or over its array element. The block's type identifier has that property's
// range too, so a finding about the block points at its own property rather than at the
// `"resource"` key that many blocks share.

import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type {
  Attribute,
  Block,
  BlockLabel,
  Body,
  Expression,
  File,
  ObjectItem,
  Position,
  Range,
  SyntaxDiagnostic,
  TemplateExpr,
  TemplatePart,
} from './ast';
import { MAX_DEPTH } from './limits';
import { parse } from './parser';
import { LineIndex, computeLineStarts } from './positions';
import { forEachChild } from './walk';

/** How a JSON string is read: a template (the default), as written, or as an expression. */
export type JsonMode = 'template' | 'literal' | 'expression';

/** What a body holds: its nested block types, and the arguments not read as templates. */
export interface BodySchema {
  readonly blocks?: Readonly<Record<string, NestedSchema>>;
  /** `dynamic` blocks are allowed, generating blocks of this body's types. */
  readonly dynamic?: boolean;
  /** The mode of arguments not named in `attrs`. */
  readonly mode?: JsonMode;
  readonly attrs?: Readonly<Record<string, JsonMode>>;
}

export interface NestedSchema {
  /** The names of its labels (for messages); their number is what matters. */
  readonly labels: readonly string[];
  readonly body: BodySchema | ((labels: readonly string[]) => BodySchema);
  /**
   * The provider takes an expression here too ("attributes as blocks", as `ingress` of
   * aws_security_group): a value that is not an object or an array of objects is an argument.
   */
  readonly orArgument?: boolean;
}

/** A configuration file in JSON syntax, by its name. */
export function isJsonSyntaxPath(path: string): boolean {
  return path.endsWith('.tf.json') || path.endsWith('.tofu.json');
}

/** A configuration file in either syntax, by its name. */
export function parseConfigFile(text: string, uri: string): File {
  return isJsonSyntaxPath(uri) ? parseJsonConfig(text, uri) : parse(text, uri);
}

/**
 * The text of a range of a configuration file, as the native syntax writes it: in a file in
 * JSON syntax, an expression inside a string has the string's escapes decoded (see
 * jsonSourceText). Fixes that copy an expression as written go through this.
 */
export function sourceTextOf(path: string, text: string, start: number, end: number): string {
  return isJsonSyntaxPath(path) ? jsonSourceText(text, start, end) : text.slice(start, end);
}

/**
 * The source text of a range of a file in JSON syntax, as the native parser read it: inside a
 * JSON string (an expression of a template), the string's escapes decoded (`\\"` is `"`).
 */
export function jsonSourceText(src: string, start: number, end: number): string {
  const raw = src.slice(start, end);
  if (raw.indexOf('\\') < 0) return raw;
  // Is `start` inside a string? Strings do not span lines: scan its line up to it.
  let i = Math.max(src.lastIndexOf('\n', start - 1), src.lastIndexOf('\r', start - 1)) + 1;
  let inside = false;
  for (; i < start; i++) {
    const c = src.charCodeAt(i);
    if (c === 34) inside = !inside;
    else if (c === 92 && inside) i++;
  }
  if (!inside) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
    e.length === 5
      ? String.fromCharCode(parseInt(e.slice(1), 16))
      : e === 'n'
        ? '\n'
        : e === 't'
          ? '\t'
          : e === 'r'
            ? '\r'
            : e === 'b'
              ? '\b'
              : e === 'f'
                ? '\f'
                : e,
  );
}

// ---- the schema ---------------------------------------------------------------------------

const EMPTY: BodySchema = {};
const LITERAL: BodySchema = { mode: 'literal' };

function nested(body: BodySchema, ...labels: string[]): NestedSchema {
  return { labels, body };
}

/** Bodies with only arguments (in template mode) under the given names. */
function plain(...names: string[]): Record<string, NestedSchema> {
  const out: Record<string, NestedSchema> = {};
  for (const n of names) out[n] = nested(EMPTY);
  return out;
}

const CONDITIONS = plain('precondition', 'postcondition');

// The connection's `type` is read as written, as the docs say.
const CONNECTION = nested({ attrs: { type: 'literal' } });

const PROVISIONER = nested({ attrs: { when: 'expression', on_failure: 'expression' }, blocks: { connection: CONNECTION } }, 'type');

const RESOURCE_LIFECYCLE = nested({
  attrs: {
    ignore_changes: 'expression',
    replace_triggered_by: 'expression',
    create_before_destroy: 'literal',
    prevent_destroy: 'literal',
  },
  blocks: CONDITIONS,
});

const LB_ACTION: BodySchema = {
  dynamic: true,
  blocks: {
    forward: nested({ dynamic: true, blocks: plain('target_group', 'stickiness') }),
    ...plain('redirect', 'fixed_response', 'authenticate_cognito', 'authenticate_oidc'),
  },
};

const LB: Record<string, NestedSchema> = plain('subnet_mapping', 'access_logs', 'connection_logs', 'minimum_load_balancer_capacity');
const LB_LISTENER: Record<string, NestedSchema> = { default_action: nested(LB_ACTION), ...plain('mutual_authentication') };
const LB_TARGET_GROUP = plain('health_check', 'stickiness', 'target_failover', 'target_health_state');
/** Blocks that the provider also takes as an argument holding a list of objects. */
function orArgument(...names: string[]): Record<string, NestedSchema> {
  const out: Record<string, NestedSchema> = {};
  for (const n of names) out[n] = { labels: [], body: EMPTY, orArgument: true };
  return out;
}

const SG = orArgument('ingress', 'egress');

/** Nested block types of AWS resources the analysis reads (besides `timeouts`, which all may have). */
const RESOURCE_BLOCKS: Readonly<Record<string, Record<string, NestedSchema>>> = {
  aws_vpc_endpoint: plain('dns_options', 'subnet_configuration'),
  aws_security_group: SG,
  aws_default_security_group: SG,
  aws_network_acl: SG,
  aws_default_network_acl: SG,
  aws_route_table: orArgument('route'),
  aws_default_route_table: orArgument('route'),
  aws_route53_record: {
    ...plain(
      'alias',
      'weighted_routing_policy',
      'latency_routing_policy',
      'failover_routing_policy',
      'geolocation_routing_policy',
      'cidr_routing_policy',
    ),
    geoproximity_routing_policy: nested({ blocks: plain('coordinates') }),
  },
  aws_route53_zone: plain('vpc'),
  aws_route53_resolver_endpoint: plain('ip_address'),
  aws_route53_resolver_rule: plain('target_ip'),
  aws_lb: LB,
  aws_alb: LB,
  aws_lb_listener: LB_LISTENER,
  aws_alb_listener: LB_LISTENER,
  aws_lb_listener_rule: {
    action: nested(LB_ACTION),
    condition: nested({
      blocks: plain('host_header', 'http_header', 'http_request_method', 'path_pattern', 'query_string', 'source_ip'),
    }),
  },
  aws_lb_target_group: LB_TARGET_GROUP,
  aws_alb_target_group: LB_TARGET_GROUP,
  aws_vpc_peering_connection: plain('accepter', 'requester'),
  aws_iam_role: plain('inline_policy'),
};

const POLICY_STATEMENT: BodySchema = { dynamic: true, blocks: plain('principals', 'not_principals', 'condition') };

/** Nested block types of AWS data sources (besides `filter` and `timeouts`, which every aws_* one may have). */
const DATA_BLOCKS: Readonly<Record<string, Record<string, NestedSchema>>> = {
  aws_iam_policy_document: { statement: nested(POLICY_STATEMENT) },
};

const PROVIDER_BLOCKS: Readonly<Record<string, Record<string, NestedSchema>>> = {
  aws: plain('default_tags', 'assume_role', 'assume_role_with_web_identity', 'ignore_tags', 'endpoints'),
};

function resourceBody(type: string): BodySchema {
  const own = RESOURCE_BLOCKS[type];
  return {
    dynamic: true,
    attrs: { provider: 'expression', depends_on: 'expression' },
    blocks: {
      lifecycle: RESOURCE_LIFECYCLE,
      provisioner: PROVISIONER,
      connection: CONNECTION,
      ...(type.startsWith('aws_') ? plain('timeouts') : undefined),
      ...own,
    },
  };
}

function dataBody(type: string): BodySchema {
  const own = DATA_BLOCKS[type];
  return {
    dynamic: true,
    attrs: { provider: 'expression', depends_on: 'expression' },
    blocks: {
      lifecycle: nested({ blocks: CONDITIONS }),
      ...(type.startsWith('aws_') ? plain('filter', 'timeouts') : undefined),
      ...own,
    },
  };
}

const DATA: NestedSchema = { labels: ['type', 'name'], body: (labels) => dataBody(labels[0] ?? '') };

/** The root of a configuration file: Terraform's top-level block types. */
export const ROOT_SCHEMA: BodySchema = {
  blocks: {
    resource: { labels: ['type', 'name'], body: (labels) => resourceBody(labels[0] ?? '') },
    data: DATA,
    ephemeral: { labels: ['type', 'name'], body: (labels) => dataBody(labels[0] ?? '') },
    module: nested({ attrs: { source: 'literal', version: 'literal', depends_on: 'expression', providers: 'expression' } }, 'name'),
    provider: {
      labels: ['name'],
      body: (labels) => ({ dynamic: true, attrs: { alias: 'literal', version: 'literal' }, blocks: PROVIDER_BLOCKS[labels[0] ?? ''] }),
    },
    variable: nested(
      {
        attrs: {
          type: 'expression',
          default: 'literal',
          description: 'literal',
          sensitive: 'literal',
          nullable: 'literal',
          ephemeral: 'literal',
        },
        blocks: plain('validation'),
      },
      'name',
    ),
    output: nested(
      {
        attrs: { description: 'literal', sensitive: 'literal', ephemeral: 'literal', depends_on: 'expression' },
        blocks: plain('precondition'),
      },
      'name',
    ),
    locals: nested(EMPTY),
    terraform: nested({
      mode: 'literal',
      attrs: { experiments: 'expression' },
      blocks: {
        required_providers: nested(LITERAL),
        backend: nested(LITERAL, 'type'),
        cloud: nested({ mode: 'literal', blocks: { workspaces: nested(LITERAL) } }),
        provider_meta: nested(LITERAL, 'provider'),
      },
    }),
    moved: nested({ attrs: { from: 'expression', to: 'expression' } }),
    import: nested({ attrs: { to: 'expression', provider: 'expression' } }),
    removed: nested({
      attrs: { from: 'expression' },
      blocks: { lifecycle: nested({ attrs: { destroy: 'literal' } }), provisioner: PROVISIONER, connection: CONNECTION },
    }),
    check: nested({ blocks: { data: DATA, assert: nested(EMPTY) } }, 'name'),
  },
};

/** The schema of a nested block type of a body (with `dynamic` and its `content`); undefined for an argument. */
export function nestedSchema(schema: BodySchema, name: string): NestedSchema | undefined {
  const own = schema.blocks?.[name];
  if (own) return own;
  if (name === 'dynamic' && schema.dynamic) {
    return {
      labels: ['type'],
      body: (labels) => {
        const of = schema.blocks?.[labels[0] ?? ''];
        const content = of ? bodyOf(of, []) : EMPTY;
        return { attrs: { iterator: 'expression' }, blocks: { content: nested(content) } };
      },
    };
  }
  return undefined;
}

function bodyOf(s: NestedSchema, labels: readonly string[]): BodySchema {
  return typeof s.body === 'function' ? s.body(labels) : s.body;
}

/** How an argument of a body is read. */
export function modeIn(schema: BodySchema, name: string): JsonMode {
  return schema.attrs?.[name] ?? schema.mode ?? 'template';
}

// Each block read from JSON keeps its body's schema, for the edit builders (fixes/json-edits.ts).
const schemas = new WeakMap<Block, BodySchema>();
const modes = new WeakMap<Attribute, JsonMode>();

/** The schema of a block read from JSON; undefined for a block of the native syntax. */
export function jsonBodySchema(block: Block): BodySchema | undefined {
  return schemas.get(block);
}

/** How an argument read from JSON was read: a template unless noted. */
export function jsonModeOf(attr: Attribute): JsonMode {
  return modes.get(attr) ?? 'template';
}

/** The schema of a top-level block given its type and labels (for rendering new blocks). */
export function blockBodySchema(path: readonly string[]): BodySchema {
  let schema: BodySchema = ROOT_SCHEMA;
  let i = 0;
  while (i < path.length) {
    const n = nestedSchema(schema, path[i]);
    if (!n) return EMPTY;
    const labels = path.slice(i + 1, i + 1 + n.labels.length);
    schema = bodyOf(n, labels);
    i += 1 + n.labels.length;
  }
  return schema;
}

// ---- the parser ---------------------------------------------------------------------------

/** Parse a configuration file in Terraform's JSON syntax. */
export function parseJsonConfig(text: string, uri: string): File {
  return new JsonReader(text, uri).file();
}

const JSON_ERRORS: Record<number, string> = {
  1: 'Invalid JSON: unexpected character',
  2: 'Invalid JSON: invalid number',
  3: 'Invalid JSON: expected a property name in double quotes',
  4: 'Invalid JSON: expected a value',
  5: 'Invalid JSON: expected ":" after the property name',
  6: 'Invalid JSON: expected "," between items',
  7: 'Invalid JSON: expected "}" to close the object',
  8: 'Invalid JSON: expected "]" to close the array',
  9: 'Invalid JSON: unexpected text after the root object',
  10: 'Comments are not allowed in JSON: a property named "//" holds a comment',
  11: 'Unterminated comment',
  12: 'Unterminated string: expected a closing quote',
  13: 'Invalid JSON: incomplete number',
  14: 'Invalid JSON: invalid unicode escape',
  15: 'Invalid JSON: invalid escape in a string',
  16: 'Invalid JSON: control characters in a string must be escaped',
};

/** Where the decoded characters of a JSON string token come from in the file. */
class StringMap {
  /** Decoded text. */
  readonly value: string;
  /** File offset of each decoded UTF-16 unit, and of the end; undefined when there are no escapes. */
  private readonly at: number[] | undefined;
  /** Offset of the first character after the opening quote. */
  private readonly start: number;

  constructor(src: string, tokenStart: number, tokenEnd: number) {
    this.start = tokenStart + 1;
    let end = tokenEnd;
    if (end > this.start && src.charCodeAt(end - 1) === 34 && !escapedQuote(src, this.start, end - 1)) end--;
    const raw = src.slice(this.start, end);
    if (raw.indexOf('\\') < 0) {
      this.value = raw;
      this.at = undefined;
      return;
    }
    const at: number[] = [];
    let out = '';
    for (let i = 0; i < raw.length;) {
      at.push(this.start + i);
      const c = raw[i];
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = raw[i + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : (e ?? '');
      i += 2;
    }
    at.push(this.start + raw.length);
    this.value = out;
    this.at = at;
  }

  /** File offset of the decoded index `i` (clamped to the string). */
  offset(i: number): number {
    const n = this.value.length;
    const k = i < 0 ? 0 : i > n ? n : i;
    return this.at ? this.at[k] : this.start + k;
  }
}

/** The quote at `q` is escaped (an odd run of backslashes before it). */
function escapedQuote(src: string, from: number, q: number): boolean {
  let n = 0;
  for (let i = q - 1; i >= from && src.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

/** Deepest nesting of objects and arrays, outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

class JsonReader {
  private readonly lines: LineIndex;
  private readonly lineStarts: number[];
  private readonly diagnostics: SyntaxDiagnostic[] = [];

  constructor(
    private readonly src: string,
    private readonly uri: string,
  ) {
    this.lineStarts = computeLineStarts(src);
    this.lines = new LineIndex(this.lineStarts);
  }

  private range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  private error(message: string, start: number, end: number): void {
    this.diagnostics.push({ message, range: this.range(start, Math.max(start, end)), severity: 'error' });
  }

  file(): File {
    const src = this.src;
    const items: (Attribute | Block)[] = [];
    let root: JsonNode | undefined;
    if (nestingDepth(src) > MAX_DEPTH) {
      this.error('Objects and arrays are nested too deeply', 0, Math.min(1, src.length));
    } else {
      const errors: ParseError[] = [];
      try {
        // A byte order mark is read as a space, keeping every offset.
        root = parseTree(src.charCodeAt(0) === 0xfeff ? ' ' + src.slice(1) : src, errors, {
          disallowComments: true,
          allowTrailingComma: false,
          allowEmptyContent: false,
        });
      } catch {
        root = undefined;
        this.error('The JSON could not be read', 0, Math.min(1, src.length));
      }
      for (const e of errors) this.error(JSON_ERRORS[e.error] ?? 'Invalid JSON', e.offset, e.offset + e.length);
    }
    if (root) {
      if (root.type === 'object') this.bodyItems(root, ROOT_SCHEMA, items);
      else
        this.error(
          'The root of a JSON configuration file must be an object, whose properties are block types',
          root.offset,
          root.offset + 1,
        );
    }
    const d = this.diagnostics;
    if (d.length > 1) d.sort((a, b) => a.range.start.offset - b.range.start.offset);
    const range = this.range(0, src.length);
    return {
      type: 'File',
      uri: this.uri,
      body: { type: 'Body', items, range },
      comments: [],
      diagnostics: d,
      lineStarts: this.lineStarts,
      range,
    };
  }

  // ---- bodies and blocks

  private body(obj: JsonNode, schema: BodySchema): Body {
    const items: (Attribute | Block)[] = [];
    this.bodyItems(obj, schema, items);
    return { type: 'Body', items, range: this.range(obj.offset, obj.offset + obj.length) };
  }

  private bodyItems(obj: JsonNode, schema: BodySchema, items: (Attribute | Block)[]): void {
    let seen: Map<string, Attribute> | undefined;
    for (const p of obj.children ?? []) {
      const key = p.children?.[0];
      if (!key || key.type !== 'string') continue;
      const name = String(key.value);
      // A comment.
      if (name === '//') continue;
      const value = p.children?.[1];
      const ns = nestedSchema(schema, name);
      if (ns && value && (!ns.orArgument || isBlockValue(value, ns))) {
        this.unpack(name, ns, key, value, [], items);
        continue;
      }
      const attr = this.attribute(p, key, value, modeIn(schema, name));
      const was = (seen ??= new Map<string, Attribute>()).get(name);
      if (was) {
        this.error(
          `Argument "${name}" is already set on line ${was.name.range.start.line + 1}: an argument may be set only once`,
          key.offset,
          key.offset + key.length,
        );
      } else seen.set(name, attr);
      items.push(attr);
    }
  }

  private attribute(p: JsonNode, key: JsonNode, value: JsonNode | undefined, mode: JsonMode): Attribute {
    const keyEnd = key.offset + key.length;
    const name = { type: 'Identifier' as const, name: String(key.value), range: this.range(key.offset, keyEnd) };
    const colon = p.colonOffset ?? keyEnd;
    const equals = this.range(colon, p.colonOffset === undefined ? colon : colon + 1);
    const expr = value ? this.expression(value, mode, 0) : undefined;
    const end = value ? value.offset + value.length : colon + (p.colonOffset === undefined ? 0 : 1);
    const attr: Attribute = { type: 'Attribute', name, value: expr, equals, range: this.range(key.offset, end) };
    if (mode !== 'template') modes.set(attr, mode);
    return attr;
  }

  /**
   * Blocks of type `type` from a property's value, peeling one level of labels per nested
   * object (HCL's unpackBlock): `key` is the property whose value `v` is.
   */
  private unpack(type: string, ns: NestedSchema, key: JsonNode, v: JsonNode, labels: BlockLabel[], out: (Attribute | Block)[]): void {
    if (labels.length < ns.labels.length) {
      const labelName = ns.labels[labels.length];
      const members = this.members(v, `to give the ${type} block's ${labelName}`);
      if (members === undefined) return;
      if (members.length === 0 && v.type !== 'null') {
        this.error(
          `Missing block label: at least one property is required, whose name is the ${type} block's ${labelName}`,
          v.offset,
          v.offset + 1,
        );
        return;
      }
      for (const p of members) {
        const k = p.children?.[0];
        const pv = p.children?.[1];
        if (!k || k.type !== 'string' || !pv) continue;
        const label: BlockLabel = {
          type: 'BlockLabel',
          value: String(k.value),
          quoted: true,
          range: this.range(k.offset, k.offset + k.length),
        };
        this.unpack(type, ns, k, pv, [...labels, label], out);
      }
      return;
    }
    if (v.type === 'null') return;
    if (v.type === 'object') {
      out.push(this.block(type, ns, key, labels, v, key.offset));
      return;
    }
    if (v.type === 'array') {
      for (const el of v.children ?? []) {
        if (el.type === 'object') out.push(this.block(type, ns, key, labels, el, el.offset));
        else if (el.type !== 'null')
          this.error(`A JSON object is required here: the contents of a "${type}" block`, el.offset, el.offset + el.length);
      }
      return;
    }
    this.error(
      `Either a JSON object or a JSON array is required here, representing the contents of one or more "${type}" blocks`,
      v.offset,
      v.offset + v.length,
    );
  }

  /** The properties of an object, or of every object of an array (HCL's collectDeepAttrs). */
  private members(v: JsonNode, what: string): JsonNode[] | undefined {
    if (v.type === 'null') return [];
    if (v.type === 'object') return v.children ?? [];
    if (v.type === 'array') {
      const out: JsonNode[] = [];
      for (const el of v.children ?? []) {
        if (el.type === 'object') out.push(...(el.children ?? []));
        else this.error(`A JSON object is required here, ${what}`, el.offset, el.offset + el.length);
      }
      return out;
    }
    this.error(`Either a JSON object or a JSON array of objects is required here, ${what}`, v.offset, v.offset + v.length);
    return undefined;
  }

  private block(type: string, ns: NestedSchema, key: JsonNode, labels: BlockLabel[], obj: JsonNode, start: number): Block {
    const schema = bodyOf(
      ns,
      labels.map((l) => l.value),
    );
    const end = obj.offset + obj.length;
    const closed = obj.length > 1 && this.src.charCodeAt(end - 1) === 125;
    const block: Block = {
      type: 'Block',
      blockType: { type: 'Identifier', name: type, range: this.range(key.offset, key.offset + key.length) },
      labels,
      body: this.body(obj, schema),
      openBrace: this.range(obj.offset, obj.offset + 1),
      closeBrace: closed ? this.range(end - 1, end) : undefined,
      range: this.range(start, end),
    };
    schemas.set(block, schema);
    return block;
  }

  // ---- expressions

  private expression(v: JsonNode, mode: JsonMode, depth: number): Expression {
    const s = v.offset;
    const e = v.offset + v.length;
    switch (v.type) {
      case 'string':
        return this.string(s, e, mode);
      case 'number': {
        const raw = this.src.slice(s, e);
        return { type: 'Literal', value: Number(raw), raw, range: this.range(s, e) };
      }
      case 'boolean':
        return { type: 'Literal', value: v.value === true, raw: v.value === true ? 'true' : 'false', range: this.range(s, e) };
      case 'null':
        return { type: 'Literal', value: null, raw: 'null', range: this.range(s, e) };
      case 'array':
        return { type: 'Tuple', items: (v.children ?? []).map((c) => this.expression(c, mode, depth + 1)), range: this.range(s, e) };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const p of v.children ?? []) {
          const k = p.children?.[0];
          const pv = p.children?.[1];
          if (!k || k.type !== 'string' || !pv) continue;
          const key = this.string(k.offset, k.offset + k.length, mode === 'template' ? 'template' : mode, true);
          const value = this.expression(pv, mode, depth + 1);
          items.push({ type: 'ObjectItem', key, value, separator: ':', range: { start: key.range.start, end: value.range.end } });
        }
        return { type: 'Object', items, range: this.range(s, e) };
      }
      default:
        return { type: 'Error', range: this.range(s, e) };
    }
  }

  /** A string token [s, e): a template, a literal or an expression. `isKey`: an object key (a template is kept whole). */
  private string(s: number, e: number, mode: JsonMode, isKey = false): Expression {
    const map = new StringMap(this.src, s, e);
    const value = map.value;
    if (mode === 'expression') return this.parsed(map, s, e, false);
    if (mode === 'literal' || (value.indexOf('${') < 0 && value.indexOf('%{') < 0)) return this.literal(map, s, e);
    const t = this.simpleTemplate(map, s, e) ?? (this.parsed(map, s, e, true) as TemplateExpr);
    if (!isKey && t.parts.length === 1 && t.parts[0].type === 'TemplateInterpolation') return t.parts[0].expr;
    return t;
  }

  /**
   * The common case read directly: text and `${a.b.c}` / `${a.b[0]}` references, no
   * directives, escapes or strip markers (what the native parser gives for them, without
   * starting it once per string: generated files hold thousands).
   */
  private simpleTemplate(map: StringMap, s: number, e: number): TemplateExpr | undefined {
    const v = map.value;
    if (v.indexOf('%{') >= 0 || v.indexOf('$${') >= 0) return undefined;
    const parts: TemplatePart[] = [];
    const pos = (i: number) => map.offset(i);
    const r = (a: number, b: number) => this.range(pos(a), pos(b));
    let i = 0;
    while (i < v.length) {
      const open = v.indexOf('${', i);
      const litEnd = open < 0 ? v.length : open;
      if (litEnd > i) parts.push({ type: 'TemplateLiteral', value: v.slice(i, litEnd), range: r(i, litEnd) });
      if (open < 0) break;
      const close = v.indexOf('}', open);
      if (close < 0) return undefined;
      const expr = this.traversal(v, open + 2, close, r);
      if (!expr) return undefined;
      parts.push({ type: 'TemplateInterpolation', expr, stripLeft: false, stripRight: false, range: r(open, close + 1) });
      i = close + 1;
    }
    return { type: 'Template', parts, range: this.range(s, e) };
  }

  /** `a.b.c` or `a.b[0]` in v[from, to), exactly; undefined for anything else. */
  private traversal(v: string, from: number, to: number, r: (a: number, b: number) => Range): Expression | undefined {
    const m = TRAVERSAL_ROOT.exec(v.slice(from, to));
    if (!m) return undefined;
    let i = from + m[0].length;
    let expr: Expression = { type: 'Variable', name: m[0], range: r(from, i) };
    while (i < to) {
      const c = v[i];
      if (c === '.') {
        const n = IDENT_AT.exec(v.slice(i + 1, to));
        if (!n) return undefined;
        const start = i + 1;
        i = start + n[0].length;
        expr = { type: 'GetAttr', object: expr, name: { type: 'Identifier', name: n[0], range: r(start, i) }, range: r(from, i) };
      } else if (c === '[') {
        const n = INDEX_AT.exec(v.slice(i + 1, to));
        if (!n) return undefined;
        const start = i + 1;
        const keyEnd = start + n[1].length;
        i = keyEnd + 1;
        const key: Expression = { type: 'Literal', value: Number(n[1]), raw: n[1], range: r(start, keyEnd) };
        expr = { type: 'Index', object: expr, key, range: r(from, i) };
      } else return undefined;
    }
    return expr;
  }

  private literal(map: StringMap, s: number, e: number): TemplateExpr {
    return {
      type: 'Template',
      parts: [{ type: 'TemplateLiteral', value: map.value, range: this.range(map.offset(0), map.offset(map.value.length)) }],
      range: this.range(s, e),
    };
  }

  /**
   * The string's text parsed by the native parser, as a template (the text of a heredoc) or
   * as an expression, with every position moved to the JSON text.
   */
  private parsed(map: StringMap, s: number, e: number, template: boolean): Expression {
    const text = map.value;
    let marker = 'JSON_TEMPLATE';
    for (let i = 0; text.includes(marker); i++) marker = `JSON_TEMPLATE_${i}`;
    const prefix = template ? `x = <<${marker}\n` : 'x = ';
    const synthetic = template ? `${prefix}${text}\n${marker}\n` : `${prefix}${text}\n`;
    const f = parse(synthetic, this.uri);
    const first = f.body.items[0];
    const at = (o: number) => map.offset(o - prefix.length);
    for (const d of f.diagnostics) this.error(d.message, at(d.range.start.offset), at(d.range.end.offset));
    let result: Expression;
    if (!first || first.type !== 'Attribute' || !first.value || f.body.items.length > 1) {
      if (f.diagnostics.length === 0) this.error(template ? 'Invalid template' : 'Expected an expression', s, e);
      result = template ? { type: 'Template', parts: [], range: this.range(s, e) } : { type: 'Error', range: this.range(s, e) };
      return result;
    }
    const v = first.value;
    this.move(v, at);
    if (!template) return v;
    const parts: TemplatePart[] = v.type === 'Heredoc' ? v.parts : [];
    // The heredoc's last line break is not the string's.
    const last = parts[parts.length - 1];
    if (
      last &&
      last.type === 'TemplateLiteral' &&
      last.value.endsWith('\n') &&
      last.range.end.offset === at(prefix.length + text.length + 1)
    ) {
      last.value = last.value.slice(0, -1);
      if (last.value === '' && parts.length > 1) parts.pop();
    }
    return { type: 'Template', parts, range: this.range(s, e) };
  }

  /** Moves every position of a subtree from the synthetic text to the JSON text (each position object once). */
  private move(root: Expression, at: (offset: number) => number): void {
    const seen = new Set<Position>();
    const fix = (p: Position) => {
      if (seen.has(p)) return;
      seen.add(p);
      const o = at(p.offset);
      const q = this.lines.pos(o);
      p.offset = o;
      p.line = q.line;
      p.character = q.character;
    };
    const stack: Parameters<typeof forEachChild>[0][] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      fix(n.range.start);
      fix(n.range.end);
      if (n.type === 'Heredoc') {
        fix(n.contentRange.start);
        fix(n.contentRange.end);
      }
      forEachChild(n, (c) => stack.push(c));
    }
  }
}

// Names as the native lexer reads them (ASCII only here: anything else goes to the parser),
// `true`, `false`, `null` and `for` excepted (they are not references).
const TRAVERSAL_ROOT = /^(?!(?:true|false|null|for|if)(?![\w-]))[A-Za-z_][\w-]*/;
const IDENT_AT = /^[A-Za-z_][\w-]*/;
const INDEX_AT = /^(0|[1-9][0-9]{0,8})\]/;

/** A value that holds blocks: an object, or an array of objects (or nothing: null, `[]`). */
function isBlockValue(v: JsonNode, ns: NestedSchema): boolean {
  if (v.type === 'object' || v.type === 'null') return true;
  if (v.type === 'array') return (v.children ?? []).every((c) => c.type === 'object' || (ns.labels.length === 0 && c.type === 'null'));
  return false;
}
