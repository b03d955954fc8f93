// Pieces every API contract shares: paging of list queries and list responses, record identifiers.
import { z } from './zod.js';

/** `?page=&pageSize=` of a count-plus-offset list (src/server/db/paginate.ts): pages of at most `maxSize` rows. */
export const pageFields = (maxSize = 200, defaultSize = 20) => ({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize),
});
export const paging = pageFields();
export const pageQuery = z.strictObject(paging);
/** One page of a list: the number of matching records and this page's items. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });

export const idParams = z.strictObject({ id: z.string().min(1).max(100) });
export const okSchema = z.object({ ok: z.literal(true) });
/** A calendar date as typed (the format only; catalogs also refuses dates that do not exist). */
export const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** A village-level (12-digit) region code. */
export const regionCode12 = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
