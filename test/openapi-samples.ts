import crypto from 'node:crypto';

/**
 * Minimal, realistic request inputs built from the app's own OpenAPI description, so that tests which
 * walk the route inventory (the route × role × region matrix) cover a new route without being told
 * about it. Only required fields are filled; a value that still fails validation just gives a 400.
 */
type Schema = Record<string, any>;

export interface SampleHints {
  /** The 12-digit region code to use for code-like fields (the actor's own node, or the relation's). */
  regionCode: string;
  /** A suffix that keeps generated names unique across calls. */
  unique: string;
}

export interface SampleRequest {
  url: string;
  body: unknown;
}

/** `/api/regions/:code` → `/api/regions/{code}` (how OpenAPI names the same path). */
export const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function resolve(doc: Schema, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 10; i++) {
    const path = String(s.$ref).replace(/^#\//, '').split('/');
    s = path.reduce<any>((o, k) => o?.[k], doc);
  }
  return s;
}

function stringCandidates(key: string, hints: SampleHints): string[] {
  const codes = [hints.regionCode, hints.regionCode.slice(0, 6)];
  const ids = [crypto.randomUUID()];
  const names = [
    `测试${hints.unique}`,
    `matrix-${hints.unique}`,
    'Matrix#2026-pass',
    '2026-01-01',
    'a@example.cn',
    'x',
  ];
  if (/(code|region)$/i.test(key)) return [...codes, ...names, ...ids];
  if (/id$/i.test(key)) return [...ids, ...names, ...codes];
  if (/password/i.test(key)) return ['Matrix#2026-pass', ...names];
  if (/(user)?name$/i.test(key) && /user/i.test(key)) return [`matrix-${hints.unique}`, ...names];
  return [...names, ...codes, ...ids];
}

function sampleString(s: Schema, key: string, hints: SampleHints): string {
  if (s.format === 'uuid') return crypto.randomUUID();
  if (s.format === 'date') return '2026-01-01';
  if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
  if (s.format === 'email') return 'matrix@example.cn';
  const pattern = s.pattern ? new RegExp(s.pattern, 'u') : null;
  const ok = (v: string) =>
    (!pattern || pattern.test(v)) && [...v].length >= (s.minLength ?? 0) && [...v].length <= (s.maxLength ?? Infinity);
  return stringCandidates(key, hints).find(ok) ?? 'x'.repeat(Math.max(1, s.minLength ?? 1));
}

/** A value for `schema`, filling required properties only. */
export function sampleValue(doc: Schema, schema: Schema | undefined, key: string, hints: SampleHints): unknown {
  const s = resolve(doc, schema);
  if (!s) return undefined;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum.find((v: unknown) => v !== null) ?? s.enum[0];
  for (const k of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k])) {
      const branch = s[k]
        .map((b: Schema) => resolve(doc, b))
        .find((b: Schema | undefined) => b && !(b.nullable && b.enum?.[0] === null) && b.type !== 'null');
      return sampleValue(doc, branch ?? s[k][0], key, hints);
    }
  }
  if (Array.isArray(s.allOf))
    return sampleValue(doc, Object.assign({}, ...s.allOf.map((b: Schema) => resolve(doc, b))), key, hints);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(s, key, hints);
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : 1);
      return Math.min(min, s.maximum ?? Infinity);
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleValue(doc, s.items, key, hints));
    case 'object':
    default: {
      if (!s.properties && type !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      for (const name of (s.required ?? []) as string[])
        out[name] = sampleValue(doc, s.properties?.[name], name, hints);
      return out;
    }
  }
}

/**
 * The URL and JSON body for one route of the inventory: path parameters from `params` (or a region
 * code / random uuid by name), required query parameters, and the required body fields.
 */
export function sampleRequest(
  doc: Schema,
  method: string,
  url: string,
  params: Record<string, string>,
  hints: SampleHints,
): SampleRequest {
  const op = doc.paths?.[openapiPath(url)]?.[method.toLowerCase()] as Schema | undefined;
  const path = url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? (/(code|region)$/i.test(name) ? hints.regionCode : crypto.randomUUID())),
  );
  const query = new URLSearchParams();
  for (const p of (op?.parameters ?? []) as Schema[]) {
    const param = resolve(doc, p)!;
    if (param.in !== 'query' || !param.required) continue;
    query.set(param.name, String(sampleValue(doc, param.schema, param.name, hints)));
  }
  const json = op?.requestBody ? resolve(doc, op.requestBody)?.content?.['application/json']?.schema : undefined;
  const body = json ? sampleValue(doc, json, 'body', hints) : undefined;
  return { url: query.size ? `${path}?${query}` : path, body };
}
