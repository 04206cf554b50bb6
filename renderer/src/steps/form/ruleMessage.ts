import type { TFunction } from 'i18next';
import type { FieldRuleError, FormField } from '../../../../core/contract';

/** The app's own words for each rule of core/contract/form-rules.ts, in the learner's language. */
export function ruleMessage(t: TFunction, field: FormField, rule: FieldRuleError | string): string {
  switch (rule) {
    case 'required':
      return field.type === 'checkbox' ? t('player.form.errors.mustTick') : field.type === 'select' ? t('player.form.errors.mustChoose') : t('player.form.errors.required');
    case 'too_short':
      return t('player.form.errors.tooShort', { count: field.minLength ?? 0 });
    case 'too_long':
      return t('player.form.errors.tooLong', { count: field.maxLength ?? 0 });
    case 'pattern':
      return t('player.form.errors.pattern');
    case 'not_a_number':
      return t('player.form.errors.notANumber');
    case 'not_a_date':
      return t('player.form.errors.notADate');
    case 'not_an_option':
      return t('player.form.errors.mustChoose');
    case 'not_from_card':
      return t('player.form.errors.notFromCard');
    default:
      return t('player.form.errors.pattern');
  }
}
