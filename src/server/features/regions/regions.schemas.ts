import { z } from '../../../shared/zod.js';
import { REGION_LEVELS } from '../../../shared/roles.js';

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.string().nullable(),
  parentCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  countyCode: z.string().nullable(),
  townshipCode: z.string().nullable(),
  villageCode: z.string().nullable(),
});
export const regionNodeSchema = regionSchema.extend({ childCount: z.number().int() });
export const codeParams = z.strictObject({ code: z.string().regex(/^\d{2,12}$/, '区划代码应为数字') });
export const searchQuery = z.strictObject({
  q: z.string().max(50).default(''),
  level: z.enum(REGION_LEVELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const importBody = z.strictObject({ code: z.string().regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字') });
export const importResultSchema = z.object({ total: z.number(), inserted: z.number(), renamed: z.number() });
