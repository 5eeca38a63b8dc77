// The syntax tree of HCL native syntax (hashicorp/hcl hclsyntax/spec.md).
// Every node carries its range; positions are zero-based, `character` counts UTF-16 code
// units (as LSP does) and `offset` is the index into the JavaScript string of the source.

export interface Position {
  line: number;
  character: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Comment {
  kind: 'line' | 'block';
  /** The whole comment text, including `#`, `//` or `/* *\/`. */
  text: string;
  range: Range;
}

export interface SyntaxDiagnostic {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface File {
  type: 'File';
  /** File path or URI as given to the parser. */
  uri: string;
  body: Body;
  comments: Comment[];
  diagnostics: SyntaxDiagnostic[];
  /** Start offset of every line, for offset <-> position conversion. */
  lineStarts: number[];
  range: Range;
}

export interface Body {
  type: 'Body';
  items: (Attribute | Block)[];
  range: Range;
}

export interface Identifier {
  type: 'Identifier';
  name: string;
  range: Range;
}

export interface Attribute {
  type: 'Attribute';
  name: Identifier;
  /** Undefined when the attribute is half-typed (`name =` followed by nothing parseable). */
  value: Expression | undefined;
  /** Range of the `=` sign. */
  equals: Range;
  range: Range;
}

export interface BlockLabel {
  type: 'BlockLabel';
  /** Label value (quotes removed, escapes decoded). */
  value: string;
  quoted: boolean;
  range: Range;
}

export interface Block {
  type: 'Block';
  blockType: Identifier;
  labels: BlockLabel[];
  body: Body;
  openBrace: Range | undefined;
  /** Undefined when the block was never closed. */
  closeBrace: Range | undefined;
  range: Range;
}

export type Expression =
  | LiteralValue
  | TemplateExpr
  | HeredocExpr
  | TupleExpr
  | ObjectExpr
  | FunctionCall
  | VariableExpr
  | GetAttr
  | Index
  | LegacyIndex
  | Splat
  | ForExpr
  | Conditional
  | BinaryOp
  | UnaryOp
  | Parens
  | SplatItem
  | ErrorExpr;

export interface LiteralValue {
  type: 'Literal';
  value: number | boolean | null;
  /** Source text of a number, kept for exact comparisons. */
  raw: string;
  range: Range;
}

/** A literal part of a template, with escapes decoded. */
export interface TemplateLiteral {
  type: 'TemplateLiteral';
  value: string;
  range: Range;
}

/** `${ expr }` inside a template. Strip markers (`~`) are recorded. */
export interface TemplateInterpolation {
  type: 'TemplateInterpolation';
  expr: Expression;
  stripLeft: boolean;
  stripRight: boolean;
  range: Range;
}

/** `%{ if cond }...%{ else }...%{ endif }` */
export interface TemplateIf {
  type: 'TemplateIf';
  condition: Expression;
  then: TemplatePart[];
  else: TemplatePart[] | undefined;
  range: Range;
}

/** `%{ for k, v in coll }...%{ endfor }` */
export interface TemplateFor {
  type: 'TemplateFor';
  keyVar: string | undefined;
  valueVar: string;
  collection: Expression;
  body: TemplatePart[];
  range: Range;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

/** A quoted string `"..."`. A string with no interpolation has one TemplateLiteral part. */
export interface TemplateExpr {
  type: 'Template';
  parts: TemplatePart[];
  range: Range;
}

export interface HeredocExpr {
  type: 'Heredoc';
  marker: string;
  /** `<<-` form: leading whitespace common to all lines is removed. */
  indented: boolean;
  parts: TemplatePart[];
  /** Range of the heredoc's content lines (between the opening line and the marker). */
  contentRange: Range;
  range: Range;
}

export interface TupleExpr {
  type: 'Tuple';
  items: Expression[];
  range: Range;
}

export interface ObjectItem {
  type: 'ObjectItem';
  /** A bare identifier key is a VariableExpr with one name; `(expr)` keys are Parens. */
  key: Expression;
  value: Expression;
  /** `=` or `:` */
  separator: '=' | ':';
  range: Range;
}

export interface ObjectExpr {
  type: 'Object';
  items: ObjectItem[];
  range: Range;
}

export interface FunctionCall {
  type: 'FunctionCall';
  name: Identifier;
  args: Expression[];
  /** The last argument is followed by `...` */
  expandFinal: boolean;
  range: Range;
}

/** A root variable name: `var`, `aws_vpc`, `each`, `count`, `local`, ... */
export interface VariableExpr {
  type: 'Variable';
  name: string;
  range: Range;
}

/** `expr.name` */
export interface GetAttr {
  type: 'GetAttr';
  object: Expression;
  name: Identifier;
  range: Range;
}

/** `expr[key]` */
export interface Index {
  type: 'Index';
  object: Expression;
  key: Expression;
  range: Range;
}

/** `expr.0` (legacy index syntax) */
export interface LegacyIndex {
  type: 'LegacyIndex';
  object: Expression;
  index: number;
  range: Range;
}

/**
 * `expr[*].a.b` (full splat) or `expr.*.a.b` (attribute-only splat). `each` is the
 * traversal applied to every element, expressed over a SplatItem placeholder.
 */
export interface Splat {
  type: 'Splat';
  full: boolean;
  object: Expression;
  each: Expression;
  range: Range;
}

/** The element inside a Splat's `each` traversal. */
export interface SplatItem {
  type: 'SplatItem';
  range: Range;
}

export interface ForExpr {
  type: 'For';
  /** `[for ...]` is 'tuple', `{for ...}` is 'object'. */
  kind: 'tuple' | 'object';
  keyVar: string | undefined;
  valueVar: string;
  collection: Expression;
  /** For object `for`: the key expression before `=>`. */
  keyExpr: Expression | undefined;
  valueExpr: Expression;
  /** `...` after the value (object grouping mode). */
  group: boolean;
  condition: Expression | undefined;
  range: Range;
}

export interface Conditional {
  type: 'Conditional';
  condition: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
  range: Range;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryOp {
  type: 'BinaryOp';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  range: Range;
}

export interface UnaryOp {
  type: 'UnaryOp';
  operator: '!' | '-';
  operand: Expression;
  range: Range;
}

export interface Parens {
  type: 'Parens';
  expr: Expression;
  range: Range;
}

/** Stands where an expression could not be parsed; a diagnostic covers it. */
export interface ErrorExpr {
  type: 'Error';
  range: Range;
}

export type Node = File | Body | Attribute | Block | BlockLabel | Identifier | Expression | TemplatePart | ObjectItem;
