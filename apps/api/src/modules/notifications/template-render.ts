/**
 * `{{path.to.value}}` templates: every value is HTML-escaped in the HTML part
 * (and left as text in the text part); the only raw HTML is what the product
 * itself builds (the lines table), never anything a user typed.
 */
const TOKEN = /\{\{\s*([a-zA-Z][a-zA-Z0-9_.]*)\s*\}\}/g;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Variables a template may use; `html` values are trusted markup built by the product. */
export type TemplateValues = Record<string, string | { html: string; text: string }>;

export function variablesIn(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((m) => m[1]!);
}

/** The names in `template` that are not known variables. */
export function unknownVariables(template: string, known: Iterable<string>): string[] {
  const set = new Set(known);
  return [...new Set(variablesIn(template).filter((v) => !set.has(v)))];
}

export function render(template: string, values: TemplateValues, mode: 'html' | 'text'): string {
  return template.replace(TOKEN, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) return '';
    if (typeof value === 'string') return mode === 'html' ? escapeHtml(value) : value;
    return mode === 'html' ? value.html : value.text;
  });
}
