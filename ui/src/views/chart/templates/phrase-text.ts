// The text side of smart phrases, free of the DOM: finding the `.abbrev` just typed before the
// caret, and the `***` blanks an expansion leaves to fill in.

/** The `***` a template or phrase marks a blank with. */
export const PLACEHOLDER = '***';

/** The `.abbrev` that ends at `caret`, started at the text's start or after white space. */
export function tokenBefore(value: string, caret: number): { start: number; token: string } | null {
  const before = value.slice(0, caret);
  const m = /(^|\s)(\.[A-Za-z0-9]*)$/.exec(before);
  if (!m) return null;
  const token = m[2];
  return { start: caret - token.length, token };
}

/** The next `***` at or after `from`, wrapping to the start; -1 if there is none. */
export function nextPlaceholder(value: string, from: number): number {
  const at = value.indexOf(PLACEHOLDER, from);
  return at >= 0 ? at : value.indexOf(PLACEHOLDER);
}
