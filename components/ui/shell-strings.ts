import type { ParamProblem, FieldProblem } from '../../src/lib/state/codec';

/**
 * The island shell's UI strings. They live with Starlight's in `content/i18n/<lang>.json`
 * (so a new locale is one JSON file); IslandShell.astro reads them with Starlight's `t()` and
 * hands them to the client element as JSON inside the shell. Values are filled into `{name}` slots.
 */
const PROBLEM_CODES = [
  'unknown-field',
  'duplicate',
  'unknown-preset',
  'too-long',
  'not-integer',
  'not-number',
  'not-finite',
  'out-of-range',
  'not-in-enum',
  'not-boolean',
  'wrong-count',
] as const satisfies readonly ParamProblem['code'][];

export const SHELL_STRING_KEYS = [
  'site.shortTitle',
  'island.kicker',
  'island.start',
  'island.startHint',
  'island.bootError',
  'island.renderError',
  'island.copyLink',
  'island.copied',
  'island.copyFailed',
  'island.linkLabel',
  'island.reset',
  'island.resetDone',
  'island.presets',
  'island.presetChosen',
  'island.presetNone',
  'island.present',
  'island.presentExit',
  'island.noticeTitle',
  'island.noticeMore',
  'island.noticeDismiss',
  'island.scrollFormula',
  'island.scrollBox',
  'island.tocPrefix',
  'workshop.chapter',
  'workshop.open',
  'workshop.present',
  'workshop.copy',
  'workshop.qr',
  'workshop.presets',
  'workshop.copied',
  'workshop.copyFailed',
  'offline.updateReady',
  'offline.reload',
  'offline.checking',
  'offline.download',
  'offline.size',
  'offline.cached',
  'offline.progress',
  'offline.done',
  'offline.failed',
  ...PROBLEM_CODES.map((code) => `island.problem.${code}` as const),
] as const;

export type ShellStringKey = (typeof SHELL_STRING_KEYS)[number];
export type ShellStrings = Record<ShellStringKey, string>;

/** Fills `{name}` slots. Unknown names stay as they are, so a missing value shows. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** A refused URL parameter or input value, in words. */
export function problemText(strings: ShellStrings, problem: ParamProblem | FieldProblem): string {
  const template = strings[`island.problem.${problem.code}`];
  switch (problem.code) {
    case 'out-of-range':
      return format(template, { min: problem.min, max: problem.max });
    case 'too-long':
      return format(template, { maxLength: problem.maxLength });
    case 'not-in-enum':
      return format(template, { values: problem.values.join(' / ') });
    case 'wrong-count':
      return format(template, { minLength: problem.minLength, maxLength: problem.maxLength });
    case 'unknown-preset':
      return format(template, { presets: problem.presets.join('、') });
    default:
      return template;
  }
}

/** Reads every shell string with a translation function (Starlight's `Astro.locals.t`). */
export function collectShellStrings(t: (key: ShellStringKey) => string): ShellStrings {
  return Object.fromEntries(SHELL_STRING_KEYS.map((key) => [key, t(key)])) as ShellStrings;
}

const cache = new WeakMap<Element, ShellStrings>();

/** On the client: the strings the shell around `element` carries. */
export function shellStringsOf(element: Element): ShellStrings {
  const shell = element.closest('[data-island-shell]');
  if (!shell) throw new Error('an island element must sit inside an IslandShell');
  let strings = cache.get(shell);
  if (!strings) {
    strings = JSON.parse(shell.querySelector('script[data-island-ui]')?.textContent ?? '{}') as ShellStrings;
    cache.set(shell, strings);
  }
  return strings;
}
