import type { ErrorCode } from '../../shared/errors.js';

/** The one table from error code to HTTP status. */
export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  import_failed: 400,
  unauthenticated: 401,
  password_change_required: 403,
  mfa_enrolment_required: 403,
  mfa_required: 401,
  captcha_required: 401,
  two_person_required: 409,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  integrity_failed: 500,
  service_unavailable: 503,
  internal: 500,
};

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  validation_failed: '提交的数据不符合要求',
  import_failed: '导入失败，文件中有错误的行，未写入任何数据',
  unauthenticated: '请先登录',
  password_change_required: '首次登录须修改密码',
  mfa_enrolment_required: '请先绑定动态口令（TOTP）',
  mfa_required: '请输入动态口令',
  captcha_required: '请输入图形验证码',
  two_person_required: '此操作涉及管理员账户，须由另一名管理员复核后生效',
  csrf_failed: '请求校验失败，请刷新页面后重试',
  forbidden: '您没有执行此操作的权限',
  not_found: '未找到该记录，或您无权查看',
  conflict: '数据已被他人修改或与现有记录冲突，请刷新后重试',
  payload_too_large: '提交的内容过大',
  unsupported_media_type: '不支持的内容类型',
  account_locked: '账户已锁定',
  rate_limited: '请求过于频繁，请稍后再试',
  integrity_failed: '数据完整性校验失败，已记录安全事件',
  service_unavailable: '服务正在停止或暂不可用，请稍后重试',
  internal: '系统内部错误，请稍后重试',
};

/** Domain error: code + Chinese message + optional details (e.g. row errors). Never an HTTP class. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = '记录'): never => {
  throw new AppError('not_found', `未找到该${what}，或您无权查看`);
};
export const forbidden = (message?: string): never => {
  throw new AppError('forbidden', message);
};
export function ensure(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new AppError('forbidden', message);
}

/**
 * Runs a versioned write; a conflict it throws carries the record as it is now (`details.current`), so
 * the UI can show what changed since it was loaded (issue 14). `current` reads with the same actor.
 */
export async function withCurrent<T>(write: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict' && e.details === undefined)
      throw new AppError('conflict', e.message, { current: await current().catch(() => null) });
    throw e;
  }
}
