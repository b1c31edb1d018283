/**
 * The URL-state codec shared by every island. An island declares a schema; its state
 * lives in the query string under its namespace (`?adam.lr=0.01&adam.b1=0.9`). Decoding is
 * strict: a value that is malformed, out of range, not in the enum, duplicated or unknown
 * is dropped (the default is used) and reported, so the island can show a notice. Values
 * are only ever parsed as numbers, booleans or enum members — never executed or rendered
 * as HTML.
 */

export interface IntField {
  kind: 'int';
  min: number;
  max: number;
  default: number;
}
export interface NumberField {
  kind: 'number';
  min: number;
  max: number;
  default: number;
}
export interface EnumField<V extends string = string> {
  kind: 'enum';
  values: readonly V[];
  default: V;
}
export interface BoolField {
  kind: 'bool';
  default: boolean;
}
export interface NumberListField {
  kind: 'numbers';
  min: number;
  max: number;
  minLength: number;
  maxLength: number;
  default: readonly number[];
}

export type FieldSpec = IntField | NumberField | EnumField | BoolField | NumberListField;
export type Schema = Readonly<Record<string, FieldSpec>>;

type ValueOf<F> = F extends EnumField<infer V>
  ? V
  : F extends BoolField
    ? boolean
    : F extends NumberListField
      ? readonly number[]
      : number;

export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface Rejection {
  /** The full query key, e.g. `metrics.tp`. */
  key: string;
  /** The raw value, truncated for display. */
  raw: string;
  reason: string;
}

export interface Decoded<S extends Schema> {
  state: StateOf<S>;
  rejected: Rejection[];
}

/** Longest raw value we even look at; anything longer is rejected outright. */
const MAX_RAW_LENGTH = 512;
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_PATTERN = /^[+-]?\d+$/;

export function defaultsOf<S extends Schema>(schema: S): StateOf<S> {
  const state: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    state[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return state as StateOf<S>;
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseNumber(raw: string, min: number, max: number, integer: boolean): Parsed {
  if (!(integer ? INT_PATTERN : NUMBER_PATTERN).test(raw)) {
    return { ok: false, reason: integer ? '不是整数' : '不是数字' };
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, reason: '不是有限的数' };
  if (value < min || value > max) return { ok: false, reason: `超出范围 [${min}, ${max}]` };
  return { ok: true, value };
}

export function parseField(spec: FieldSpec, raw: string): Parsed {
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: '值过长' };
  switch (spec.kind) {
    case 'int':
      return parseNumber(raw, spec.min, spec.max, true);
    case 'number':
      return parseNumber(raw, spec.min, spec.max, false);
    case 'enum':
      return spec.values.includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: `只能取 ${spec.values.join(' / ')}` };
    case 'bool':
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: '只能取 0 或 1' };
    case 'numbers': {
      const parts = raw === '' ? [] : raw.split(',');
      if (parts.length < spec.minLength || parts.length > spec.maxLength) {
        return { ok: false, reason: `需要 ${spec.minLength}–${spec.maxLength} 个数` };
      }
      const values: number[] = [];
      for (const part of parts) {
        const parsed = parseNumber(part.trim(), spec.min, spec.max, false);
        if (!parsed.ok) return parsed;
        values.push(parsed.value as number);
      }
      return { ok: true, value: values };
    }
  }
}

function display(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** Reads the island's namespace out of the query string. */
export function decodeState<S extends Schema>(
  schema: S,
  namespace: string,
  params: URLSearchParams,
): Decoded<S> {
  const state = defaultsOf(schema) as Record<string, unknown>;
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const prefix = `${namespace}.`;
  for (const [key, raw] of params) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (!spec) {
      rejected.push({ key, raw: display(raw), reason: '未知参数' });
      continue;
    }
    if (seen.has(name)) {
      rejected.push({ key, raw: display(raw), reason: '参数重复，只采用第一个' });
      continue;
    }
    seen.add(name);
    const parsed = parseField(spec, raw);
    if (parsed.ok) state[name] = parsed.value;
    else rejected.push({ key, raw: display(raw), reason: parsed.reason });
  }
  return { state: state as StateOf<S>, rejected };
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => formatValue(v)).join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  return String(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}

/**
 * Writes the island's state into a copy of `params`: values equal to the default are
 * left out so links stay short; other islands' keys are kept untouched.
 */
export function encodeState<S extends Schema>(
  schema: S,
  namespace: string,
  state: StateOf<S>,
  params: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams();
  const prefix = `${namespace}.`;
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) next.append(key, value);
  }
  const values = state as Record<string, unknown>;
  for (const [name, spec] of Object.entries(schema)) {
    const value = values[name];
    if (!sameValue(value, spec.default)) next.set(`${prefix}${name}`, formatValue(value));
  }
  return next;
}
