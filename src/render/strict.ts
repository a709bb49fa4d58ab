/**
 * A strict, read-only face on the view for templates: reading a field that
 * does not exist throws (with the fields that do), where Handlebars would
 * otherwise pass `undefined` to a helper or an {{#if}} and print nothing.
 */
import { closest } from '../shared/diagnostics.js';

export class UnknownField extends Error {
  constructor(
    readonly field: string,
    readonly available: string[],
  ) {
    super(`unknown field ${JSON.stringify(field)}`);
  }
  get hint(): string {
    const guess = closest(this.field, this.available);
    return guess ? `did you mean ${JSON.stringify(guess)}?` : `fields here: ${this.available.join(', ')}`;
  }
}

/** Keys that JavaScript and Handlebars machinery probe for on any object; reading them is not a template mistake. */
const PROBES = new Set([
  'then',
  'toJSON',
  'toHTML',
  'toString',
  'valueOf',
  'constructor',
  'inspect',
  'length',
  'nodeType',
]);

/**
 * `onRead`, when given, hears every field a template (or a helper it calls)
 * reads, with the view's own object it was read from: how the renderer
 * learns which facts a document printed (view/coverage.ts).
 */
export function strictView<T extends object>(value: T, onRead?: (object: object, key: string) => void): T {
  const cache = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    let proxy = cache.get(v);
    if (proxy) return proxy;
    const isArray = Array.isArray(v);
    const target: Record<string | symbol, unknown> = isArray ? ([...(v as unknown[])] as never) : { ...(v as object) };
    proxy = new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === 'symbol' || isArray || Object.hasOwn(t, key)) {
          if (onRead && !isArray && typeof key === 'string') onRead(v, key);
          return wrap(Reflect.get(t, key, receiver));
        }
        // Machinery probes (then, toJSON...) get what a plain object has; a template can never reach them (fields.ts checks names first).
        if (PROBES.has(key) || key.startsWith('__')) {
          return wrap(Reflect.get(t, key, receiver));
        }
        throw new UnknownField(key, Object.keys(t));
      },
      has(t, key) {
        // Handlebars' strict mode asks `name in context`: answer a missing name with the fields that exist.
        if (typeof key === 'symbol' || isArray || Object.hasOwn(t, key)) return key in t;
        if (PROBES.has(key) || key.startsWith('__')) return false;
        throw new UnknownField(key, Object.keys(t));
      },
      set() {
        throw new TypeError('the view is read-only');
      },
      defineProperty() {
        throw new TypeError('the view is read-only');
      },
      deleteProperty() {
        throw new TypeError('the view is read-only');
      },
    });
    cache.set(v, proxy);
    return proxy;
  };
  return wrap(value) as T;
}
