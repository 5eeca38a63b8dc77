/** Deeper nesting than this is reported instead of risking the call stack (a `for` or template
 * level takes several frames; real configurations nest a few dozen levels at most). */
export const MAX_DEPTH = 500;
