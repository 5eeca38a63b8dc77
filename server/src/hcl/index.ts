// The HCL parser's public surface.
export * from './ast';
export { parse, MAX_DEPTH } from './parser';
export { computeLineStarts, lineOfOffset, offsetToPosition, positionToOffset, LineIndex, rangeContains } from './positions';
export { toHcl2Json, ProjectionError } from './to-json';
export { forEachChild, walk } from './walk';
