import { displayRaw, type Presets, type Rejection, type Schema, type StateOf, defaultsOf } from './codec';

/**
 * The workshop switches of a live-section link, e.g.
 * `?preset=diverge&present=1&hide=lr,b1#live-adam`: start from a named preset, open the
 * island alone for a projector, hide some controls. They apply to the island the link's
 * anchor targets; every other island on the page ignores them.
 */
export interface WorkshopRequest {
  preset: string | null;
  present: boolean;
  /** Field names whose controls are hidden. */
  hide: string[];
  rejected: Rejection[];
}

export function readWorkshopRequest<S extends Schema>(
  params: URLSearchParams,
  schema: S,
  presets: Presets<S>,
  targeted: boolean,
): WorkshopRequest {
  const request: WorkshopRequest = { preset: null, present: false, hide: [], rejected: [] };
  if (!targeted) return request;
  const first = (key: string) => params.getAll(key).at(0);
  const preset = first('preset');
  if (preset !== undefined) {
    if (Object.hasOwn(presets, preset)) request.preset = preset;
    else request.rejected.push({ key: 'preset', raw: displayRaw(preset), code: 'unknown-preset', presets: Object.keys(presets) });
  }
  const present = first('present');
  if (present !== undefined) {
    if (present === '1' || present === 'true') request.present = true;
    else if (present !== '0' && present !== 'false') request.rejected.push({ key: 'present', raw: displayRaw(present), code: 'not-boolean' });
  }
  for (const name of (first('hide') ?? '').split(',').filter(Boolean)) {
    if (Object.hasOwn(schema, name)) request.hide.push(name);
    else request.rejected.push({ key: 'hide', raw: displayRaw(name), code: 'unknown-field' });
  }
  return request;
}

/** The defaults with a preset applied: where decoding the island's own parameters starts. */
export function startingState<S extends Schema>(schema: S, presets: Presets<S>, preset: string | null): StateOf<S> {
  const defaults = defaultsOf(schema);
  return preset ? { ...defaults, ...presets[preset] } : defaults;
}
