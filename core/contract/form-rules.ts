import type { FormField, PracticeCard } from './steps';

/**
 * The rules of a practice e-service form, shared by the player (which explains them as the
 * learner types) and core (which judges the submitted form): one implementation, no drift.
 */
export const FIELD_RULE_ERRORS = ['required', 'too_short', 'too_long', 'pattern', 'not_a_number', 'not_a_date', 'not_an_option', 'not_from_card'] as const;
export type FieldRuleError = (typeof FIELD_RULE_ERRORS)[number];

export type FieldValue = string | boolean | undefined;

export function checkField(field: FormField, value: FieldValue, card?: PracticeCard): FieldRuleError | null {
  if (field.type === 'checkbox') return field.required && value !== true ? 'required' : null;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return field.required ? 'required' : null;
  if (field.minLength !== undefined && [...text].length < field.minLength) return 'too_short';
  if (field.maxLength !== undefined && [...text].length > field.maxLength) return 'too_long';
  switch (field.type) {
    case 'number':
      if (!/^-?\d+([.,]\d+)?$/.test(text)) return 'not_a_number';
      break;
    case 'date':
      if (!isDate(text)) return 'not_a_date';
      break;
    case 'select':
      if (!field.options?.some((o) => o.id === text)) return 'not_an_option';
      break;
    case 'text':
      break;
  }
  if (field.pattern !== undefined && !safeRegExp(field.pattern)?.test(text)) return 'pattern';
  const expected = field.copyFrom === undefined ? undefined : card?.rows.find((row) => row.id === field.copyFrom)?.value;
  if (expected !== undefined && foldTyped(text) !== foldTyped(expected)) return 'not_from_card';
  return null;
}

/** Copying from the card forgives spacing and letter case, not other letters or digits. */
function foldTyped(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** Every field that breaks a rule, by field id; empty when the form may be sent. */
export function checkFields(fields: readonly FormField[], values: Record<string, FieldValue>, card?: PracticeCard): Record<string, FieldRuleError> {
  const errors: Record<string, FieldRuleError> = {};
  for (const field of fields) {
    const error = checkField(field, values[field.id], card);
    if (error) errors[field.id] = error;
  }
  return errors;
}

/** `YYYY-MM-DD` (what a date input gives) that is a real calendar day. */
function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}
