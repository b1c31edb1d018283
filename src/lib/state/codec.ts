/**
 * The URL-state codec shared by every island. An island declares a schema; its state
 * lives in the query string under its namespace (`?adam.lr=0.01&adam.b1=0.9`). Decoding is
 * strict: a value that is malformed, out of range, not in the enum, duplicated or unknown
 * is dropped (the default — or the first of duplicates — is kept) and reported as a code
 * with its numbers, so the island can say why in the reader's language. Values are only
 * ever parsed as numbers, booleans or enum members — never executed or rendered as HTML.
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
  /** Every entry must be an integer (counts). */
  integer?: boolean;
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

/** Named starting states of an island ("Adam diverges at lr = 1"): each a partial state. */
export type Presets<S extends Schema> = Readonly<Record<string, Partial<StateOf<S>>>>;

/** Why a value was refused; the numbers let a strings module say it precisely. */
export type FieldProblem =
  | { code: 'too-long'; maxLength: number }
  | { code: 'not-integer' }
  | { code: 'not-number' }
  | { code: 'not-finite' }
  | { code: 'out-of-range'; min: number; max: number }
  | { code: 'not-in-enum'; values: readonly string[] }
  | { code: 'not-boolean' }
  | { code: 'wrong-count'; minLength: number; maxLength: number };

/** Why a URL parameter was refused. */
export type ParamProblem =
  | FieldProblem
  | { code: 'unknown-field' }
  /** A repeated key: the first value was used, this one was not. */
  | { code: 'duplicate' }
  | { code: 'unknown-preset'; presets: readonly string[] };

export type Rejection = ParamProblem & {
  /** The full query key, e.g. `metrics.tp`. */
  key: string;
  /** The raw value, truncated for display. */
  raw: string;
};

export interface Decoded<S extends Schema> {
  state: StateOf<S>;
  rejected: Rejection[];
}

export type Parsed = { ok: true; value: unknown } | ({ ok: false } & FieldProblem);

/** Query keys that belong to no island: the workshop switches (see src/lib/state/workshop.ts). */
export const RESERVED_KEYS = ['present', 'hide', 'preset'] as const;

/** Longest raw value we even look at; anything longer is rejected outright. */
export const MAX_RAW_LENGTH = 512;
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_PATTERN = /^[+-]?\d+$/;

export function defaultsOf<S extends Schema>(schema: S): StateOf<S> {
  const state: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    state[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return state as StateOf<S>;
}

function parseNumber(raw: string, min: number, max: number, integer: boolean): Parsed {
  if (!(integer ? INT_PATTERN : NUMBER_PATTERN).test(raw)) return { ok: false, code: integer ? 'not-integer' : 'not-number' };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, code: 'not-finite' };
  if (value < min || value > max) return { ok: false, code: 'out-of-range', min, max };
  return { ok: true, value };
}

/** Parses one raw value (from the URL or an input field) against its field's spec. */
export function parseField(spec: FieldSpec, raw: string): Parsed {
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, code: 'too-long', maxLength: MAX_RAW_LENGTH };
  switch (spec.kind) {
    case 'int':
      return parseNumber(raw, spec.min, spec.max, true);
    case 'number':
      return parseNumber(raw, spec.min, spec.max, false);
    case 'enum':
      return spec.values.includes(raw) ? { ok: true, value: raw } : { ok: false, code: 'not-in-enum', values: spec.values };
    case 'bool':
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, code: 'not-boolean' };
    case 'numbers': {
      const parts = raw === '' ? [] : raw.split(',');
      if (parts.length < spec.minLength || parts.length > spec.maxLength) {
        return { ok: false, code: 'wrong-count', minLength: spec.minLength, maxLength: spec.maxLength };
      }
      const values: number[] = [];
      for (const part of parts) {
        const parsed = parseNumber(part.trim(), spec.min, spec.max, spec.integer ?? false);
        if (!parsed.ok) return parsed;
        values.push(parsed.value as number);
      }
      return { ok: true, value: values };
    }
  }
}

/** The raw value as a notice shows it: short, and without characters that reorder text. */
export function displayRaw(raw: string): string {
  const clean = raw.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function problemOnly(parsed: Parsed & { ok: false }): FieldProblem {
  const { ok: _ok, ...problem } = parsed;
  return problem as FieldProblem;
}

/**
 * Reads the island's namespace out of the query string, starting from `start` (the
 * defaults, or a preset applied to them).
 */
export function decodeState<S extends Schema>(
  schema: S,
  namespace: string,
  params: URLSearchParams,
  start: StateOf<S> = defaultsOf(schema),
): Decoded<S> {
  const state = { ...start } as Record<string, unknown>;
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const prefix = `${namespace}.`;
  for (const [key, raw] of params) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    const shown = { key: displayRaw(key), raw: displayRaw(raw) };
    if (!spec) {
      rejected.push({ ...shown, code: 'unknown-field' });
      continue;
    }
    if (seen.has(name)) {
      rejected.push({ ...shown, code: 'duplicate' });
      continue;
    }
    seen.add(name);
    const parsed = parseField(spec, raw);
    if (parsed.ok) state[name] = parsed.value;
    else rejected.push({ ...shown, ...problemOnly(parsed) });
  }
  return { state: state as StateOf<S>, rejected };
}

export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => formatValue(v)).join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  return String(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
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

/**
 * Problems of a preset against its schema (a value the URL codec itself would refuse),
 * as `field: problem` lines; empty when the preset is sound.
 */
export function presetProblems<S extends Schema>(schema: S, preset: Partial<StateOf<S>>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(preset)) {
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (!spec) {
      problems.push(`${name}: not in the schema`);
      continue;
    }
    const parsed = parseField(spec, formatValue(value));
    if (!parsed.ok) problems.push(`${name}: ${parsed.code}`);
    else if (!sameValue(parsed.value, value)) problems.push(`${name}: does not survive the URL round trip`);
  }
  return problems;
}
