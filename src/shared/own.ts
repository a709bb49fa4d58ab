/**
 * Lookups by a key that came from a user (a dataset id, a template argument):
 * only an object's own properties count, so that "constructor", "toString" or
 * "__proto__" can never reach Object.prototype.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function hasOwn(table: object, key: PropertyKey): boolean {
  return Object.hasOwn(table, key);
}
