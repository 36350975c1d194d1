/** Paging as every list query of the read models takes it and answers it. */

export interface Paging {
  limit: number;
  offset: number;
}

/** One page of a list and the total it is a page of. */
export interface ListPage<T> {
  items: T[];
  total: number;
}
