import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISLANDS } from '../../components/islands/registry';
import { islandLoaders } from '../../components/islands/loaders';
import { islandProblems } from '../../components/islands/types';
import { RESERVED_KEYS, decodeState, defaultsOf, encodeState, presetProblems } from '../../src/lib/state/codec';
import { readWorkshopRequest, startingState } from '../../src/lib/state/workshop';

const unique = (values: string[]) => new Set(values).size === values.length;

describe('island registry', () => {
  it('has unique tags, namespaces and anchors', () => {
    expect(unique(ISLANDS.map((i) => i.tag))).toBe(true);
    expect(unique(ISLANDS.map((i) => i.namespace))).toBe(true);
    expect(unique(ISLANDS.map((i) => i.anchor))).toBe(true);
  });

  it('keeps namespaces dot-free, not reserved, and not a prefix of another one', () => {
    for (const { namespace } of ISLANDS) {
      expect(namespace).toMatch(/^[a-z][a-z0-9]*$/);
      expect(RESERVED_KEYS as readonly string[]).not.toContain(namespace);
    }
    // "metrics" and "metrics2" are fine (prefixes end at the dot); a second instance adds a digit.
    const names = ISLANDS.map((i) => i.namespace);
    for (const a of names) for (const b of names) if (a !== b) expect(b.startsWith(`${a}.`)).toBe(false);
  });

  it('gives every island a loader, and every loader an island', () => {
    expect(Object.keys(islandLoaders).sort()).toEqual(ISLANDS.map((i) => i.tag).sort());
  });

  it.each(ISLANDS.map((i) => [i.tag, i] as const))('%s: presets are valid states, named in every locale', (_, island) => {
    expect(islandProblems(island)).toEqual([]);
    for (const preset of Object.values(island.presets)) expect(presetProblems(island.schema, preset)).toEqual([]);
  });

  it.each(ISLANDS.map((i) => [i.tag, i] as const))('%s: a preset survives the URL round trip', (_, island) => {
    for (const name of Object.keys(island.presets)) {
      const state = startingState(island.schema, island.presets, name);
      const params = encodeState(island.schema, island.namespace, state, new URLSearchParams());
      expect(decodeState(island.schema, island.namespace, params)).toEqual({ state, rejected: [] });
    }
  });

  it.each(ISLANDS.map((i) => [i.tag, i] as const))('%s: is placed on its page', (_, island) => {
    const page = readFileSync(`content/docs/${island.page.replace(/\/$/, '')}.mdx`, 'utf8');
    expect(page).toMatch(new RegExp(`<${island.component}[\\s/>]`));
  });
});

describe('workshop switches', () => {
  const island = ISLANDS[0]!;
  const field = Object.keys(island.schema)[0]!;
  const preset = Object.keys(island.presets)[0]!;
  const read = (query: string, targeted = true) => readWorkshopRequest(new URLSearchParams(query), island.schema, island.presets, targeted);

  it('apply only to the island the link targets', () => {
    expect(read(`preset=${preset}&present=1&hide=${field}`, false)).toEqual({ preset: null, present: false, hide: [], rejected: [] });
    expect(read(`preset=${preset}&present=1&hide=${field}`)).toEqual({ preset, present: true, hide: [field], rejected: [] });
  });

  it('refuse unknown presets and fields with a code', () => {
    const request = read('preset=nope&present=maybe&hide=nope,' + field);
    expect(request.rejected.map((r) => r.code)).toEqual(['unknown-preset', 'not-boolean', 'unknown-field']);
    expect(request.hide).toEqual([field]);
  });

  it('start from the preset, and the island parameters override it', () => {
    const start = startingState(island.schema, island.presets, preset);
    expect(start).toMatchObject(island.presets[preset]!);
    expect(startingState(island.schema, island.presets, null)).toEqual(defaultsOf(island.schema));
  });
});
