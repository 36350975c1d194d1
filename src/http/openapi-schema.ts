/**
 * Small builders for the OpenAPI schemas of our answers (the read routes' `@ApiOkResponse`), so
 * that each schema file reads like the document type it mirrors. Every listed property is
 * required: the read models store `null` rather than leave a field out.
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export type { SchemaObject };

export const text: SchemaObject = { type: 'string' };
export const instant: SchemaObject = { type: 'string', format: 'date-time' };
export const day: SchemaObject = { type: 'string', format: 'date' };
export const whole: SchemaObject = { type: 'integer' };
export const figure: SchemaObject = { type: 'number' };
export const yesNo: SchemaObject = { type: 'boolean' };

/** A schema that also admits null: an enum lists null among its values (OpenAPI 3.0.3), and a typeless schema cannot be made nullable. */
export function nullable(schema: SchemaObject): SchemaObject {
  if (schema.type === undefined) throw new Error('nullable() needs a schema with a type');
  return { ...schema, nullable: true, ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
}
export const enumOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...values] });
export const listOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

/** An object whose listed properties are all present (null where the domain has nothing). */
export function record(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return { type: 'object', ...(description ? { description } : {}), properties, required: Object.keys(properties) };
}

/** A page of a list: `{ items, total, … }` with the page's own fields. */
export function page(items: SchemaObject, fields: Record<string, SchemaObject> = {}): SchemaObject {
  return record({ items: listOf(items), total: whole, ...fields });
}

/** Who acted: the principal and the unit it acted for. */
export const actor = record({ id: text, unitId: nullable(text) });
