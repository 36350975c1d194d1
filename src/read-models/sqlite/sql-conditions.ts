/**
 * A WHERE clause put together from the conditions a query's filters ask for, with its parameters
 * bound in order. Column names are the read model's declared fields, quoted; values are always
 * bound, never written into the SQL.
 */
import { quoted } from './document-table';

export class SqlConditions {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** `column op ?` */
  compare(column: string, operator: '=' | '<' | '<=' | '>' | '>=', value: unknown): this {
    this.clauses.push(`${quoted(column)} ${operator} ?`);
    this.params.push(value);
    return this;
  }

  /** `column IN (…)`, or `NOT IN`; an empty list matches nothing (IN) or everything (NOT IN). */
  among(column: string, values: readonly unknown[], negate = false): this {
    if (values.length === 0) {
      if (!negate) this.clauses.push('0');
      return this;
    }
    this.clauses.push(`${quoted(column)} ${negate ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(', ')})`);
    this.params.push(...values);
    return this;
  }

  /** A document with `value` among the values of a field across an array (its side table). */
  has(table: string, sideTable: string, value: unknown): this {
    this.clauses.push(`EXISTS (SELECT 1 FROM ${quoted(sideTable)} AS side WHERE side."value" = ? AND side."_id" = ${quoted(table)}."_id")`);
    this.params.push(value);
    return this;
  }

  get sql(): string {
    return this.clauses.length === 0 ? '' : ` WHERE ${this.clauses.join(' AND ')}`;
  }
}
