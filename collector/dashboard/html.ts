/**
 * HTML built by a tagged template that escapes every value it is given, unless the value is
 * itself `Html` made by this template. Site names, regions and course ids come from kiosks and
 * are treated as hostile: there is no other way to put text into a page than through here.
 */

const RAW = Symbol('html');

export interface Html {
  readonly [RAW]: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && RAW in value) return value[RAW];
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return { [RAW]: out };
}

export function toHtmlString(value: Html): string {
  return value[RAW];
}
