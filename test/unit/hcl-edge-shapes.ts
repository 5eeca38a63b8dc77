// Small HCL inputs at the edge of the grammar, most of them invalid: where HashiCorp's parser
// rejects a text, ours must report a syntax error too (a file we call clean is one a fix may
// edit). Used by the differential test and as fuzz seeds.

/** An endpoint, its security group and a policy: the blocks the rules and their fixes touch. */
export const EDGE_BASE = `resource "aws_vpc_endpoint" "api" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.execute-api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.vpce.id]

  dns_options {
    dns_record_ip_type = "ipv4"
  }

  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}
EOT

  tags = {
    Name = "api-\${var.env}"
  }
}

resource "aws_security_group" "vpce" {
  name   = "vpce"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

/** Hand-written shapes: each is a whole file. */
export const EDGE_SHAPES: readonly string[] = [
  // An argument and the closing brace on one line.
  'resource "aws_vpc_endpoint" "x" {\n  vpc_endpoint_type = "Interface" }\n',
  'resource "aws_vpc_endpoint" "x" {\n  vpc_id = aws_vpc.main.id\n  private_dns_enabled = true }\n',
  'resource "aws_security_group" "x" {\n  ingress {\n    from_port = 443 }\n}\n',
  'resource "x" "y" {\n  a = {\n    b = 1 } }\n',
  'resource "x" "y" {\n  a = [\n    1] }\n',
  'resource "x" "y" {\n  a = 1 /* c */ }\n',
  'resource "x" "y" {\n  a = 1 /* c\n */ }\n',
  'resource "x" "y" { a = 1 /* c\n */ }\n',
  'a = 1 }\n',
  // A nested block and the closing brace on one line.
  'resource "x" "y" {\n  timeouts { create = "10m" } }\n',
  'resource "x" "y" {\n  timeouts {\n  } }\n',
  'resource "x" "y" {\n  timeouts {} }\n',
  // Two arguments on one line.
  'resource "x" "y" {\n  a = 1 b = 2\n}\n',
  'resource "x" "y" {\n  a = 1, b = 2\n}\n',
  'resource "x" "y" {\n  a = 1,\n  b = 2\n}\n',
  'a = 1 b = 2\n',
  'a = 1; b = 2\n',
  'a = 1 = 2\n',
  // The open brace on the next line; labels split over lines.
  'resource "x" "y"\n{\n  a = 1\n}\n',
  'resource "x"\n"y" {\n  a = 1\n}\n',
  'resource "x" "y" {\n  ingress\n  {\n  }\n}\n',
  // Text after a block's closing brace.
  'resource "x" "y" {\n  a = 1\n} x = 1\n',
  'resource "x" "y" {\n  a = 1\n}}\n',
  'resource "x" "y" {\n  a = 1\n} resource "x" "z" {}\n',
  'resource "x" "y" { a = 1 } b = 2\n',
  'resource "x" "y" { a = 1 }}\n',
  'resource "x" "y" {} # fine\n',
  'resource "x" "y" {} x\n',
  // Single-line blocks.
  'resource "x" "y" { a = 1 }\n',
  'resource "x" "y" {a=1}\n',
  'resource "x" "y" { a = 1 }',
  'resource "x" "y" { }\n',
  'resource "x" "y" {}\n',
  'resource "x" "y" { /* c */ a = 1 }\n',
  'resource "x" "y" { a = 1 /* c */ }\n',
  'resource "x" "y" { a = { b = 1 } }\n',
  'resource "x" "y" { a = {\n  b = 1\n} }\n',
  'resource "x" "y" { a = [\n  1,\n] }\n',
  'resource "x" "y" { a = 1, b = 2 }\n',
  'resource "x" "y" { a = 1 b = 2 }\n',
  'resource "x" "y" { a = 1, }\n',
  'resource "x" "y" { a = 1\n}\n',
  'resource "x" "y" { a = 1\n  b = 2\n}\n',
  'resource "x" "y" { a = 1 # c\n}\n',
  'resource "x" "y" { a = 1 # }\n',
  'resource "x" "y" { a = }\n',
  'resource "x" "y" { a }\n',
  'resource "x" "y" { "a" = 1 }\n',
  'resource "x" "y" { timeouts {} }\n',
  'resource "x" "y" { timeouts { create = "1m" } }\n',
  'resource "x" "y" { , }\n',
  'resource "x" "y" {\n  timeouts { create = "1m", delete = "1m" }\n}\n',
  'resource "x" "y" {\n  timeouts { create = "1m" }\n}\n',
  'resource "x" "y" { # c\n  a = 1\n}\n',
  'resource "x" "y" { // c\n  a = 1\n}\n',
  'resource "x" "y" { /* c */\n  a = 1\n}\n',
  // Unterminated strings, heredocs, templates, comments, brackets.
  'resource "x" "y" {\n  a = "abc\n}\n',
  'resource "x" "y" {\n  a = "abc }\n',
  'resource "x" "y" { a = "abc }\n',
  'resource "x" "y" {\n  a = "${var.x"\n}\n',
  'resource "x" "y" {\n  a = "${var.x}\n}\n',
  'resource "x" "y" {\n  a = "%{ if var.x }a"\n}\n',
  'resource "x" "y" {\n  a = "%{ endif }"\n}\n',
  'resource "x" "y" {\n  a = <<EOT\nabc\n}\n',
  'resource "x" "y" {\n  a = <<EOT\nabc\nEOT }\n',
  'resource "x" "y" {\n  a = <<EOT\nabc\n  EOT\n}\n',
  'resource "x" "y" {\n  a = <<-EOT\n    abc\n    EOT\n}\n',
  'resource "x" "y" {\n  a = <<EOT abc\nEOT\n}\n',
  'resource "x" "y" {\n  a = <<EOT\nabc\nEOTX\nEOT\n}\n',
  'resource "x" "y" {\n  a = 1 /* never closed\n}\n',
  'resource "x" "y" {\n  a = [1, 2\n}\n',
  'resource "x" "y" {\n  a = f(1, 2\n}\n',
  'resource "x" "y" {\n  a = { b = 1\n}\n',
  'resource "x" "y" {\n  a = 1\n',
  'resource "x" "y" {\n  a = [for v in var.x : v\n}\n',
  'resource "x" "y" {\n  a = {for k, v in var.x : k => v\n}\n',
  // Collections and expressions.
  'a = { b = 1 c = 2 }\n',
  'a = { b = 1, c = 2 }\n',
  'a = {\n  b = 1\n  c = 2\n}\n',
  'a = { b = 1\n  c = 2 }\n',
  'a = [1 2]\n',
  'a = [1,, 2]\n',
  'a = [\n  1\n  2\n]\n',
  'a = f(1 2)\n',
  'a = x ? 1\n',
  'a = 1 +\n',
  'a = 1 +\n  2\n',
  'a = (1 +\n  2)\n',
  'a = [for v in x : v if]\n',
  'a = x.\n',
  'a = x[\n',
  'a = x[*].y\n',
  'a = x.*.y\n',
  'a = !\n',
  // Names and labels.
  '"a" = 1\n',
  'resource x y {\n}\n',
  'resource "x" y {\n}\n',
  'resource "x${y}" "z" {\n}\n',
  'resource "x" "y" "z" "w" {\n}\n',
  '1a = 1\n',
  'a-b = 1\n',
  'a.b = 1\n',
  '= 1\n',
  'a =\n',
  'a\n',
  'resource "x" "y"\n',
  // Line endings and stray characters.
  'resource "x" "y" {\r\n  a = 1\r\n}\r\n',
  'resource "x" "y" {\r\n  a = 1 }\r\n',
  'resource "x" "y" {\r  a = 1\r}\r',
  'a = 1\rb = 2\n',
  'a = 1 @\n',
  'a = `x`\n',
  "a = 'x'\n",
  '\ufeffa = 1\n',
  'a = 1\n\ufeffb = 2\n',
  'a = 1\u00a0\n',
  'a = "\\q"\n',
  'a = "\\u12"\n',
  '',
  '\n\n',
  '}\n',
  '{\n',
  // Attributes and blocks in the wrong place.
  'resource "x" "y" {\n  a = 1\n  a = 2\n}\n',
  'resource "x" "y" {\n  dynamic "ingress" {\n    for_each = var.x\n    content { a = 1 }\n  }\n}\n',
  'resource "x" "y" {\n  dynamic "ingress" {\n    for_each = var.x content {}\n  }\n}\n',
  'locals {\n  a = 1\n}\nlocals {\n  b = 2 }\n',
  // Arguments set twice; the same name in different bodies.
  'a = 1\nb {\n  a = 1\n  a = 2\n}\n',
  'a = 1\nb {\n  a = 1\n}\na = 3\n',
  'b {\n  a = 1\n}\nb {\n  a = 1\n}\n',
  'a = { b = 1, b = 2 }\n',
  'a = 1\na {}\n',
  // Heredoc closing markers: white space around them, at the end of the file, carriage returns.
  'a = <<EOT\nx\nEOT',
  'a = <<EOT\nx\nEOT  ',
  'a = <<EOT\nx\nEOT\t\n',
  'a = <<EOT\nx\n EOT \n',
  'a = <<EOT\nx\n\u00a0EOT\u00a0\n',
  'a = <<EOT\nx\n\u3000EOT\n',
  'a = <<EOT\nx\nEOT\r\r\n',
  'a = <<EOT\nx\ry\nEOT\n',
  'a = <<EOT\nx\n${y}EOT\nEOT\n',
  'a = <<EOT\nx\nEOT${y}\nEOT\n',
  'a = "x\ry"\n',
  '# c\rd\na = 1\n',
  '/* c\rd */\na = 1\n',
  'a = 1\r\r\n',
  // Expressions: `for` right after a bracket, legacy index steps, templates, operators, calls.
  'a = "${}"\n',
  'a = "%{ if }x%{ endif }"\n',
  'a = "${a}${"\n',
  'a = "a\\\n',
  'a = 1.\n',
  'a = 1e\n',
  'a = 1.e5\n',
  'a = 0x10\n',
  'a = .5\n',
  'a = 1..2\n',
  'a = 1 ++ 2\n',
  'a = x ? : 1\n',
  'a = [for]\n',
  'a = {for k,v in x: k => v...}\n',
  'a = x...\n',
  'a = f(x...)\n',
  'a = f(x..., y)\n',
  'a = f(,)\n',
  'a = f(1,)\n',
  'a = [1,]\n',
  'a = {a = 1,}\n',
  'a = {a: 1}\n',
  'a = {"a" = 1}\n',
  'a = {(x) = 1}\n',
  'a = {x.y = 1}\n',
  'a = x.0\n',
  'a = x[0].y\n',
  'a = x.*.y[0]\n',
  'a = -x\n',
  'a = !!x\n',
  'a = x == y == z\n',
  'a = (x)\n',
  'a = ()\n',
  'a = null.x\n',
  'a = true[0]\n',
  'a = x["a"]\n',
  'a = x[*][0]\n',
  'a = "\\u00e9"\n',
  'a = "\\U0001F600"\n',
  'a = "\\x"\n',
  'a = <<EOT\n${a}\nEOT\n',
  'a = <<EOT\n%{if a}x%{endif}\nEOT\n',
  'a = "%{ else }"\n',
  'a = "${~ a ~}"\n',
  'a = x[\n',
  'a = x.y.\n',
  'a = f(\n',
  'a = [1, 2\n',
  'a = {a = 1\n',
  'a = {a = 1 b = 2}\n',
  'a = {a = 1\n b = 2}\n',
  'a = {\n a = 1,\n b = 2\n}\n',
  'a = [\n 1\n ,2]\n',
  'a = a ? b : c ? d : e\n',
  'a = a ?\n b : c\n',
  'a = (a\n + b)\n',
  'a = a\n+ b\n',
  'a = [for x in y: x]\n',
  'a = [for x in y: x if x]\n',
  'a = {for x in y: x => x if x}\n',
  'a = [for x, y in z: y]\n',
  'a = [for x in y : x, ]\n',
  'a = f(a)(b)\n',
  'a = a.b()\n',
  'a = a["b"]["c"]\n',
  'a = "\\$"\n',
  'a = "$${a}"\n',
  'a = "%%{a}"\n',
  'a = "$"\n',
  'a = "%"\n',
  'a = "\\\\"\n',
  'a = x.1e3\n',
  'a = 1.5.x\n',
  'a = a::b\n',
  'a = provider::a::b(1)\n',
  'a = a::b::c(1)\n',
  'a = #\n',
  'a = // c\n',
  'a = /* c\n',
  'a = 1 # c\n',
  'a = [\n # c\n 1\n]\n',
  'a = {\n # c\n a = 1\n}\n',
  'a = f(\n 1,\n 2\n)\n',
  'a = f(\n 1\n ,2)\n',
  'a = x ==\n y\n',
  'a = !\nx\n',
  'a = -\n1\n',
  'a = x.\ny\n',
  'a = x\n.y\n',
  'a = x[\n0\n]\n',
  'a = "a" "b"\n',
  'a = 1 2\n',
  'a = a b\n',
  'a = ""\n',
  'a = "\\n"\n',
  'a = "\\r"\n',
  'a = "\\t"\n',
  'a = "\\""\n',
  'a = true\n',
  'a = True\n',
  'a = null\n',
  'a = x.null\n',
  'a = x.true\n',
  'a = x.1.5\n',
  'a = [for, 1]\n',
  'a = {for = 1}\n',
  'a = {\n  for = 1\n}\n',
  'a = [for x]\n',
  'a = {for}\n',
  'a = [for + 1]\n',
  'a = x.0.1\n',
  'a = x.1E+3\n',
  'a = x.1e\n',
  'a = [\nfor\n]\n',
  'a = {"for" = 1}\n',
  'a = [(for)]\n',
  'a = [x, for]\n',
  'a = x.*.0.1\n',
  'a = x[*].0\n',
  'a = 1.e\n',
  'a = 1.e+\n',
  'a = 1.2.3\n',
  'a = 1e5e5\n',
  'a = 1.5e3\n',
  'a = 1.E+5\n',
  'a = 1.e5\n',
  'a = 1e+\n',
  'a = 1..e5\n',
  'a = 1.e5.x\n',
  'a = 1.5.x\n',
  'a = 1ee5\n',
  'a = x.1.e5\n',
  'a = 1.e-5\n',
  'a = 2.x.y\n',
  'a = 1e5.3\n',
  'a = {a = 1\n, b = 2}\n',
  'a = {a = 1,, b = 2}\n',
  'a = {a = 1,\n b = 2}\n',
  'a = {a = 1,\n\n b = 2,\n}\n',
  'a = {a = 1\n,}\n',
  'a = {,}\n',
  'a = {\n}\n',
  'a = {a = 1,}\n',
  'a = [1\n, 2]\n',
  'a = [1,, 2]\n',
  'a = f(1,, 2)\n',
  'a = 7e+99999999999999999999999999999999\n',
  'a = 1e999\n',
  'a = 0e3000000000\n',
  'a = 1e2147483647\n',
  // Byte order marks after the start.
  'a = 1\n\ufeff\n',
  '\ufeff\ufeffa = 1\n',
  'a = "x\ufeffy"\n',
  '# \ufeff\n',
];

/**
 * Shapes made from EDGE_BASE by one edit per line: each line break joined with the next line,
 * `}` or ` x = 1` appended to each line, and the line dropped. Covers every argument, block
 * opener and closer of the base with the missing-newline and stray-text errors.
 */
export function edgeVariants(base: string = EDGE_BASE): string[] {
  const lines = base.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    const before = lines.slice(0, i);
    const after = lines.slice(i + 2);
    out.push([...before, lines[i] + ' ' + lines[i + 1].trimStart(), ...after].join('\n'));
    out.push([...before, lines[i] + ' }', ...lines.slice(i + 1)].join('\n'));
    out.push([...before, lines[i] + ' x = 1', ...lines.slice(i + 1)].join('\n'));
    out.push([...before, ...lines.slice(i + 1)].join('\n'));
  }
  return out;
}

/**
 * EDGE_BASE broken the ways a hand edit breaks a module, inside the blocks fixes edit: the
 * endpoint's closing brace after its last argument, a single-line nested block with two
 * arguments, an argument on the line of the endpoint's `{`, and a nested block's brace joined
 * with its argument.
 */
export function edgeBrokenBases(): string[] {
  const replace = (from: string, to: string): string => {
    if (!EDGE_BASE.includes(from)) throw new Error(`EDGE_BASE has no ${JSON.stringify(from)}`);
    return EDGE_BASE.replace(from, to);
  };
  return [
    replace('    Name = "api-${var.env}"\n  }\n}\n', '    Name = "api-${var.env}"\n  } }\n'),
    replace(
      '  dns_options {\n    dns_record_ip_type = "ipv4"\n  }\n',
      '  dns_options { dns_record_ip_type = "ipv4", private_dns_only_for_inbound_resolver_endpoint = false }\n',
    ),
    replace('resource "aws_vpc_endpoint" "api" {\n  vpc_id ', 'resource "aws_vpc_endpoint" "api" { vpc_id '),
    replace('    cidr_blocks = [aws_vpc.main.cidr_block]\n  }\n', '    cidr_blocks = [aws_vpc.main.cidr_block] }\n'),
  ];
}
