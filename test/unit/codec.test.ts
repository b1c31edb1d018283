import { describe, expect, it } from 'vitest';
import { decodeState, defaultsOf, encodeState, type Schema } from '../../src/lib/state/codec';

const schema = {
  lr: { kind: 'number', min: 0, max: 1, default: 0.001 },
  steps: { kind: 'int', min: 1, max: 500, default: 100 },
  mode: { kind: 'enum', values: ['counts', 'threshold'], default: 'counts' },
  show: { kind: 'bool', default: false },
  start: { kind: 'numbers', min: -10, max: 10, minLength: 2, maxLength: 2, default: [1, 2] },
} as const satisfies Schema;

const parse = (query: string) => decodeState(schema, 'adam', new URLSearchParams(query));

describe('URL state codec', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual({ state: defaultsOf(schema), rejected: [] });
  });

  it('reads valid values of every kind', () => {
    const { state, rejected } = parse('adam.lr=0.05&adam.steps=42&adam.mode=threshold&adam.show=1&adam.start=-3,4.5');
    expect(rejected).toEqual([]);
    expect(state).toEqual({ lr: 0.05, steps: 42, mode: 'threshold', show: true, start: [-3, 4.5] });
  });

  it('ignores other namespaces', () => {
    expect(parse('sgd.lr=0.9&metrics.tp=3').rejected).toEqual([]);
  });

  it.each([
    ['adam.lr=abc', 'not-number'],
    ['adam.lr=2', 'out-of-range'],
    ['adam.lr=Infinity', 'not-number'],
    ['adam.lr=1e400', 'not-finite'],
    ['adam.steps=3.5', 'not-integer'],
    ['adam.steps=0x10', 'not-integer'],
    ['adam.mode=%3Cscript%3E', 'not-in-enum'],
    ['adam.show=yes', 'not-boolean'],
    ['adam.start=1', 'wrong-count'],
    ['adam.start=1,NaN', 'not-number'],
    ['adam.__proto__=1', 'unknown-field'],
    ['adam.constructor=1', 'unknown-field'],
  ])('drops %s with the code %s', (query, code) => {
    const { state, rejected } = parse(query);
    expect(state).toEqual(defaultsOf(schema));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.code).toBe(code);
  });

  it('gives the numbers a message needs', () => {
    expect(parse('adam.lr=2').rejected[0]).toMatchObject({ code: 'out-of-range', min: 0, max: 1 });
    expect(parse('adam.mode=x').rejected[0]).toMatchObject({ code: 'not-in-enum', values: ['counts', 'threshold'] });
  });

  it('keeps bidirectional-control characters out of what a notice shows', () => {
    const { rejected } = parse('adam.lr=\u202Eevil');
    expect(rejected[0]?.raw).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('starts from a given state (a preset) and lets the URL override it', () => {
    const start = { ...defaultsOf(schema), lr: 0.5, steps: 7 };
    expect(decodeState(schema, 'adam', new URLSearchParams('adam.steps=9'), start).state).toMatchObject({ lr: 0.5, steps: 9 });
  });

  it('reads integer lists strictly', () => {
    const ints = { cm: { kind: 'numbers', min: 0, max: 9, minLength: 2, maxLength: 2, integer: true, default: [1, 2] } } as const satisfies Schema;
    expect(decodeState(ints, 'm', new URLSearchParams('m.cm=1,2.5')).rejected[0]?.code).toBe('not-integer');
    expect(decodeState(ints, 'm', new URLSearchParams('m.cm=3,4')).state.cm).toEqual([3, 4]);
  });

  it('keeps valid keys when others are rejected, and reports duplicates', () => {
    const { state, rejected } = parse('adam.lr=0.2&adam.lr=0.3&adam.steps=-1');
    expect(state.lr).toBe(0.2);
    expect(state.steps).toBe(100);
    expect(rejected.map((r) => [r.key, r.code])).toEqual([
      ['adam.lr', 'duplicate'],
      ['adam.steps', 'out-of-range'],
    ]);
  });

  it('truncates a huge forged value for display and rejects it', () => {
    const { rejected } = parse(`adam.mode=${'x'.repeat(10_000)}`);
    expect(rejected[0]?.raw.length).toBeLessThanOrEqual(41);
  });

  it('round-trips any state, writing only non-defaults and keeping other keys', () => {
    const state = { lr: 0.01, steps: 100, mode: 'threshold' as const, show: true, start: [0.5, -2] };
    const params = encodeState(schema, 'adam', state, new URLSearchParams('other.x=1&adam.stale=9'));
    expect(params.get('other.x')).toBe('1');
    expect(params.has('adam.stale')).toBe(false);
    expect(params.has('adam.steps')).toBe(false);
    expect(parse(params.toString())).toEqual({ state, rejected: [] });
  });

  it('does not let a decoded state alias the schema default arrays', () => {
    const a = defaultsOf(schema);
    (a.start as number[])[0] = 99;
    expect(schema.start.default[0]).toBe(1);
  });
});
