import type { Expression } from '../hcl/ast';
import { hclString, indentUnit, insertAttribute, replaceValue } from '../fixes/edits';
import type { ResourceInstance } from '../model/types';
import { calledAsChild } from '../query/endpoints';
import { defineRule, type Fix } from './types';
import { argument, awsService, fileOf, headerRange } from '../query/wiring';

/** Does the endpoint get default tags from its provider? undefined when that cannot be told. */
function defaultTags(ep: ResourceInstance): boolean | undefined {
  const provider = ep.module.providerOf(ep);
  if (!provider) {
    // A `provider = aws.x` that cannot be found might have default_tags; no configuration at all has none.
    return ep.attrNode('provider') ? undefined : false;
  }
  if (provider.blocks('default_tags').length) return true;
  const dynamic = provider.block.body.items.some(
    (i) => i.type === 'Block' && i.blockType.name === 'dynamic' && i.labels[0]?.value === 'default_tags',
  );
  return dynamic ? undefined : false;
}

function metaArg(ep: ResourceInstance, name: string): Expression | undefined {
  const a = ep.block.body.items.find((i) => i.type === 'Attribute' && i.name.name === name);
  return a && a.type === 'Attribute' ? a.value : undefined;
}

/** The Name tag's value as HCL: per instance for for_each and count blocks. */
function nameTag(ep: ResourceInstance): string {
  const svc = awsService(ep);
  const base = (svc ?? ep.name).replace(/[._]/g, '-');
  if (metaArg(ep, 'for_each')) return `"\${each.key}-endpoint"`;
  if (metaArg(ep, 'count')) return `"${base}-endpoint-\${count.index}"`;
  return hclString(`${base}-endpoint`);
}

export const rule = defineRule({
  meta: {
    id: 'PL701',
    name: 'endpoint-untagged',
    severity: 'hint',
    description: 'A VPC endpoint has no tags and its provider sets no default_tags.',
    why: 'Interface endpoints are billed per hour and per Availability Zone, and endpoints pile up across accounts. Without tags, neither the bill nor an inventory says who owns an endpoint or why it exists.',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'endpoint',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(ep) {
    // A folder that another root calls as a module gets its provider from the caller: judged there.
    // Null is no tags; from an input left to callers, not known.
    const tags = argument(ep, 'tags');
    const empty = tags !== undefined && tags.kind === 'map' && tags.entries.size === 0;
    if (tags !== undefined && !empty) return;
    if (defaultTags(ep) !== false) return;
    const file = fileOf(ep, ep.module);
    let fix: Fix | undefined;
    if (file) {
      const value = `{\n${indentUnit(file)}Name = ${nameTag(ep)}\n}`;
      const attr = ep.attrNode('tags');
      const literalEmpty =
        (attr?.value?.type === 'Object' && attr.value.items.length === 0) || (attr?.value?.type === 'Literal' && attr.value.value === null);
      // An expression that is empty here (a variable's default) may not be elsewhere: keep it and add to it.
      const edits = !attr
        ? insertAttribute(file, ep.block, 'tags', value)
        : literalEmpty || !attr.value
          ? [replaceValue(file, attr, value)]
          : [
              replaceValue(
                file,
                attr,
                `merge(${(fileOf(ep, ep.module, attr) ?? file).text.slice(attr.value.range.start.offset, attr.value.range.end.offset)}, { Name = ${nameTag(ep)} })`,
              ),
            ];
      fix = { title: 'Add a Name tag', edits, isPreferred: true };
    }
    return [
      {
        message: `${ep.address} has no tags and its provider sets no default_tags: nothing says who owns it or what its cost is for.`,
        uri: ep.uri,
        range: ep.attrNode('tags')?.range ?? headerRange(ep),
        fixes: fix ? [fix] : undefined,
      },
    ];
  },
});
