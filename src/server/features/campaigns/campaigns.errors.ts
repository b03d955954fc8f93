/** Keyed errors of the campaigns feature (texts in src/shared/locales/<locale>/campaigns.ts). */
import { AppError, msg } from '../../core/errors.js';
import { zh, type MessageKey, type MessageParams } from '../../../shared/i18n.js';

/** 404: the record is missing or not visible to the actor. */
export const missing = (key: MessageKey): never => {
  throw new AppError('not_found', msg(key));
};

/** 400 naming the field at fault (`details.issues`, as zod's refusals do). */
export const invalid = (key: MessageKey, field: string, fieldKey: MessageKey, params?: MessageParams) =>
  new AppError('validation_failed', msg(key, params), { issues: [{ field, message: zh(fieldKey) }] });

export const forbidden = (key: MessageKey) => new AppError('forbidden', msg(key));
export const conflict = (key?: MessageKey, params?: MessageParams) =>
  new AppError('conflict', key ? msg(key, params) : undefined);
