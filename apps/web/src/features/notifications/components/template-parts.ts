import type { TemplateVariable } from '@gestco/contract';

export const TEMPLATE_PARTS = ['subject', 'html', 'text'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type TemplateParts = Record<TemplatePart, string>;

/** The API's own token syntax: `{{ name }}`, spaces allowed inside the braces. */
const TOKEN = /\{\{\s*([a-zA-Z][a-zA-Z0-9_.]*)\s*\}\}/g;

/** The variables a part uses that the product does not know, each once, as written. */
export function unknownVariablesIn(text: string, variables: readonly TemplateVariable[]): string[] {
  const known = new Set(variables.map((variable) => variable.name));
  const names = [...text.matchAll(TOKEN)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => !known.has(name)))];
}

/** `value` with `token` in place of the selection [start, end), and where the caret goes next. */
export function insertAt(
  value: string,
  token: string,
  start: number,
  end: number,
): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}
