/**
 * Records keyed by text from a file (an organisation's name in a spreadsheet) where the text may
 * be "__proto__", "constructor" or "toString": read and written as own properties only, so such
 * a value is ordinary text, never the object's prototype or an inherited function.
 */

/** The key's own value, never an inherited one. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets the key as an own property, whatever it is called ("__proto__" included). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy without a prototype: every key, "__proto__" included, is an own property. */
export function ownCopy<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}
