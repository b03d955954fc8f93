/**
 * Regions (区划): the zod schemas of the region API, shared by server and web. The levels are in
 * src/shared/roles.ts (REGION_LEVELS), their labels in REGION_LEVEL_LABELS.
 */
import { z } from './zod.js';
import { REGION_LEVELS } from './roles.js';

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  /** The NBS urban-rural kind as stored (街道, 镇, 乡, 村委会, 居委会 …): data, not a label. */
  kind: z.string().nullable(),
  parentCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  countyCode: z.string().nullable(),
  townshipCode: z.string().nullable(),
  villageCode: z.string().nullable(),
});
export type RegionDto = z.infer<typeof regionSchema>;
export const regionNodeSchema = regionSchema.extend({ childCount: z.number().int() });
export type RegionNodeDto = z.infer<typeof regionNodeSchema>;
export const regionListSchema = z.object({ items: z.array(regionSchema) });
export const regionNodeListSchema = z.object({ items: z.array(regionNodeSchema) });

export const codeParams = z.strictObject({ code: z.string().regex(/^\d{2,12}$/, '区划代码应为数字') });
export const searchQuery = z.strictObject({
  q: z.string().max(50).default(''),
  level: z.enum(REGION_LEVELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const importBody = z.strictObject({ code: z.string().regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字') });
export const importResultSchema = z.object({ total: z.number(), inserted: z.number(), renamed: z.number() });
