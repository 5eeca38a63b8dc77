import { appendToFile } from '../fixes/edits';
import { str } from '../query/values';
import { literalRegionRange, moduleRegionExpression } from '../query/region';
import { endpointTarget } from '../query/endpoint-type';
import { defineRule, type TextEdit } from './types';
import { fileOf } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL408',
    name: 'hardcoded-region',
    severity: 'information',
    description: 'The region in service_name is written literally while the module has a region source.',
    why:
      'A service name with a literal region keeps pointing at that region when the module is deployed ' +
      'elsewhere (another workspace, another provider region): the endpoint then fails to create, or ' +
      "reaches the service across Regions. Building the name from the module's region keeps them together.",
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep) {
    // An aliased provider, a resource region (provider v6) or a cross-region endpoint: the module's region is not the endpoint's.
    if (['provider', 'region', 'service_region'].some((a) => ep.attrNode(a) !== undefined)) return;
    const file = fileOf(ep, ep.module);
    const attr = ep.attrNode('service_name');
    const name = endpointTarget(ep).written;
    // An endpoint service id exists in one region only: its name is not portable, whatever the module's region.
    if (!file || name.kind !== 'aws' || name.region === null) return;
    const range = literalRegionRange(file, attr, name);
    if (!range) return;
    const src = moduleRegionExpression(ep.module);
    if (!src) return;
    const region = name.region;
    const edits: TextEdit[] = [{ uri: file.path, range, newText: `\${${src.expr}}` }];
    if (src.addBlock) edits.push(appendToFile(file, src.addBlock));
    // A variable whose value is another region would move the endpoint: offer, never apply unasked.
    const varValue = src.expr.startsWith('var.') ? str(ep.module.variable(src.expr.slice(4))) : undefined;
    const moves = varValue !== undefined && varValue !== region;
    return [
      {
        message:
          `${ep.address}: the region "${region}" is written into service_name while the module has ${src.from}; ` +
          `build the name with \${${src.expr}} so the endpoint follows the module's region.` +
          (moves ? ` Note: ${src.expr} is "${varValue}", not "${region}".` : ''),
        uri: ep.uri,
        range,
        fixes: [{ title: `Use \${${src.expr}} for the region`, edits, isPreferred: !moves }],
      },
    ];
  },
});
