// A deep copy of parsed JSON (plain objects, dense arrays, primitives) equal to what structuredClone makes of it,
// ~8× faster: structuredClone serialises and deserialises through V8's value serializer (~2 µs for a card), which
// the coalescer paid once per joiner. Anything else (a Date, a Map, a class instance, an array with holes or extra
// properties) is handed to structuredClone itself. Parsed JSON is a tree, so shared references and cycles (which
// structuredClone keeps) do not occur in what the coalescer copies: UQPAY's answer as JSON.parse made it.
const OBJECT_PROTOTYPE = Object.prototype;

export function plainClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const n = value.length;
    if (Object.keys(value).length !== n) return structuredClone(value);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (!(i in value)) return structuredClone(value);
      out[i] = plainClone(value[i] as unknown);
    }
    return out as T;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== OBJECT_PROTOTYPE && proto !== null) return structuredClone(value);
  // structuredClone copies own enumerable string-keyed properties, in order, onto an ordinary object.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = plainClone((value as Record<string, unknown>)[key]);
    // JSON.parse makes "__proto__" an own property; an assignment would set the prototype instead.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out as T;
}
