import { randomUUID } from 'node:crypto';

/** The subset of JSON Schema that zod's OpenAPI output uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** Samples for string patterns seen in the API (phone, ID number, codes). */
const patternSamples = [
  '13800138000',
  '110105200301011234',
  '123456',
  '2026',
  'abc',
  'ABC_DEF',
  '#3366cc',
  'a1b2c3d4',
];

/** A minimal valid value for `schema` (required properties only). */
export function generateBody(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) {
    const nonNull = alt.find((s) => s.type !== 'null') ?? alt[0]!;
    return generateBody(nonNull);
  }
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((s) => generateBody(s) as object));
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find((x) => x !== 'null')
    : (schema.type ?? (schema.properties ? 'object' : undefined));
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        out[key] = generateBody(schema.properties?.[key] ?? {});
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => generateBody(schema.items ?? {}));
    case 'integer':
    case 'number': {
      const min =
        typeof schema.exclusiveMinimum === 'number'
          ? schema.exclusiveMinimum + 1
          : (schema.minimum ?? 1);
      const value = Math.max(min, Math.min(1, schema.maximum ?? 1));
      return type === 'integer' ? Math.ceil(value) : value;
    }
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema);
    default:
      return null;
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return 'someone@example.com';
    case 'date-time':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'date':
      return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    case 'uri':
    case 'url':
      return 'https://example.com/';
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? Math.max(min, 8);
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    const hit = patternSamples.find((s) => re.test(s) && s.length >= min && s.length <= max);
    if (hit) return hit;
  }
  return '测试内容'.repeat(Math.ceil(min / 4)).slice(0, Math.max(min, Math.min(4, max)));
}
