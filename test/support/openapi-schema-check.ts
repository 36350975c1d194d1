/**
 * Checks a JSON value against the subset of OpenAPI 3.0 schemas our documents use (type, nullable,
 * enum, properties, required, items, additionalProperties; formats are not checked), with every object
 * closed unless its schema says `additionalProperties: true`: a field the answer has and the
 * schema does not is reported, as is one the schema requires and the answer lacks.
 */
export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
}

/** Finds `#/components/schemas/X` in the document the schemas come from. */
export type SchemaResolver = (ref: string) => Schema;

export function schemaProblems(given: Schema, value: unknown, at = '$', resolve?: SchemaResolver): string[] {
  const schema = given.$ref !== undefined && resolve ? resolve(given.$ref) : given;
  if (value === null) return schema.nullable ? [] : [`${at}: null, not ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at}: ${typeof value}, not ${schema.type}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: ${typeof value}, not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: ${JSON.stringify(value)}, not an integer`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => schemaProblems(schema.items ?? {}, item, `${at}[${i}]`, resolve)) : [`${at}: not an array`];
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      const problems = (schema.required ?? []).filter((field) => !(field in record)).map((field) => `${at}.${field}: missing`);
      for (const [field, fieldValue] of Object.entries(record)) {
        if (properties[field]) problems.push(...schemaProblems(properties[field], fieldValue, `${at}.${field}`, resolve));
        else if (schema.additionalProperties !== true) problems.push(`${at}.${field}: not in the schema`);
      }
      return problems;
    }
    case undefined:
      // A reference nobody resolves is a mistake of the test; a schema without a type admits any value.
      return schema.$ref !== undefined ? [`${at}: ${schema.$ref} not resolved`] : [];
    default:
      return [`${at}: the checker does not know type ${schema.type}`];
  }
}
