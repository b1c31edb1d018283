import { RESERVED_KEYS, presetProblems, type Presets, type Schema } from '../../src/lib/state/codec';

/** Locales the site publishes; each island's strings module has an entry per locale. */
export type Locale = 'zh-CN';

/** What the index, the table of contents and the shell say about an island. */
export interface IslandMeta {
  title: string;
  /** One sentence: what the reader can do here. */
  lede: string;
  /** A label per preset name. */
  presets: Record<string, string>;
}

/**
 * One live section: everything the shells, the workshop index, the table of contents, the
 * offline precache and the tests need to know about it. The element's code is not here
 * (components/islands/loaders.ts maps tags to lazy imports), so reading the registry never
 * pulls an island's code into a page.
 */
export interface IslandDefinition<S extends Schema = Schema> {
  /** Custom element name. */
  tag: `ml-${string}`;
  /** Query-string namespace: unique, dot-free, not one of the reserved workshop keys. */
  namespace: string;
  /** Stable id of the section in its page; workshop links target it. */
  anchor: `live-${string}`;
  chapter: number;
  /** Path of the page it lives on, without base: `chapters/03-algorithms/`. */
  page: string;
  /** The Astro component a chapter places (`<MetricsIsland />`). */
  component: string;
  schema: S;
  presets: Presets<S>;
  strings: Record<Locale, IslandMeta>;
  /** Whether it runs TensorFlow.js (and so shares the TF worker and backend choice). */
  tensorflow?: boolean;
}

/** Types an island definition, checking the rules a registry entry must keep. */
export function defineIsland<S extends Schema>(definition: IslandDefinition<S>): IslandDefinition<S> {
  const problems = islandProblems(definition);
  if (problems.length) throw new Error(`island ${definition.tag}: ${problems.join('; ')}`);
  return definition;
}

export function islandProblems<S extends Schema>(definition: IslandDefinition<S>): string[] {
  const problems: string[] = [];
  const { namespace, schema, presets, strings } = definition;
  if (!/^[a-z][a-z0-9]*$/.test(namespace)) problems.push(`namespace "${namespace}" must be lowercase letters and digits (no dots)`);
  if ((RESERVED_KEYS as readonly string[]).includes(namespace)) problems.push(`namespace "${namespace}" is reserved`);
  for (const field of Object.keys(schema)) {
    if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(field)) problems.push(`field "${field}" must be letters and digits`);
  }
  for (const [name, preset] of Object.entries(presets)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) problems.push(`preset name "${name}" must be lowercase, digits and dashes`);
    for (const problem of presetProblems(schema, preset)) problems.push(`preset ${name}: ${problem}`);
    for (const [locale, meta] of Object.entries(strings)) {
      if (!meta.presets[name]) problems.push(`preset ${name} has no ${locale} label`);
    }
  }
  return problems;
}
