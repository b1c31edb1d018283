import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldSpec, Schema } from '../../src/lib/state/codec';
import type { LiveIsland } from './live-island';

/**
 * Form controls bound to an island's schema. Each one is tagged with the field it edits
 * (`data-field`, which `hide=` and present mode use), parses what the reader types through
 * the URL codec, keeps a refused value as typed with one short reason under it, and sets
 * `aria-invalid` / `aria-describedby`. Labels are real `<label>`s.
 */
type Host<S extends Schema> = LiveIsland<S>;
type FieldName<S extends Schema> = keyof S & string;

interface Common {
  label: string | TemplateResult;
  disabled?: boolean;
  /** A short hint under the control. */
  hint?: string;
}

function errorLine(id: string, text: string | null): TemplateResult | typeof nothing {
  return text ? html`<span class="ml-field-error" id=${`${id}-error`}>${text}</span>` : nothing;
}

function shownValue<S extends Schema>(host: Host<S>, name: FieldName<S>): string {
  const error = host.fieldErrors.get(name);
  return error ? error.raw : String((host.state as Record<string, unknown>)[name]);
}

export interface NumberOptions extends Common {
  step?: number | 'any';
  inputMode?: 'numeric' | 'decimal';
}

/** A number field for an `int` or `number` field of the schema. */
export function numberField<S extends Schema>(host: Host<S>, name: FieldName<S>, options: NumberOptions): TemplateResult {
  const spec: FieldSpec | undefined = host.schema[name];
  const id = host.idFor(name);
  const error = host.fieldErrorText(name);
  const bounds = spec?.kind === 'int' || spec?.kind === 'number' ? spec : null;
  return html`<div class="ml-control" data-field=${name}>
    <label for=${id}>${options.label}</label>
    <input
      id=${id}
      type="number"
      inputmode=${options.inputMode ?? (bounds?.kind === 'int' ? 'numeric' : 'decimal')}
      min=${bounds?.min ?? nothing}
      max=${bounds?.max ?? nothing}
      step=${options.step ?? (bounds?.kind === 'int' ? 1 : 'any')}
      .value=${live(shownValue(host, name))}
      ?disabled=${options.disabled}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : nothing}
      @input=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLInputElement).value)}
    />
    ${errorLine(id, error)} ${options.hint ? html`<span class="ml-control__hint">${options.hint}</span>` : nothing}
  </div>`;
}

/** A text field for a `numbers` field of the schema: values separated by commas, as in the URL. */
export function listField<S extends Schema>(host: Host<S>, name: FieldName<S>, options: Common & { placeholder?: string }): TemplateResult {
  const id = host.idFor(name);
  const error = host.fieldErrorText(name);
  return html`<div class="ml-control" data-field=${name}>
    <label for=${id}>${options.label}</label>
    <input
      id=${id}
      type="text"
      inputmode="decimal"
      autocomplete="off"
      spellcheck="false"
      placeholder=${options.placeholder ?? nothing}
      .value=${live(shownValue(host, name))}
      ?disabled=${options.disabled}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : nothing}
      @input=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLInputElement).value.trim().replace(/\s*[,，]\s*|\s+/g, ','))}
    />
    ${errorLine(id, error)} ${options.hint ? html`<span class="ml-control__hint">${options.hint}</span>` : nothing}
  </div>`;
}

export interface SliderOptions extends Common {
  step: number;
  /** How the value is read aloud and shown beside the slider. */
  format?: (value: number) => string;
  /** Slider bounds when they are narrower than the schema's (the number field keeps the schema's). */
  min?: number;
  max?: number;
}

/** A range slider paired with a number field, both editing one numeric field. */
export function sliderField<S extends Schema>(host: Host<S>, name: FieldName<S>, options: SliderOptions): TemplateResult {
  const spec: FieldSpec | undefined = host.schema[name];
  if (!spec || (spec.kind !== 'int' && spec.kind !== 'number')) throw new Error(`${name} is not numeric`);
  const id = host.idFor(name);
  const value = (host.state as Record<string, unknown>)[name] as number;
  const error = host.fieldErrorText(name);
  const text = options.format ? options.format(value) : String(value);
  const min = options.min ?? spec.min;
  const max = options.max ?? spec.max;
  return html`<div class="ml-control ml-control--slider" data-field=${name}>
    <label for=${`${id}-number`}>${options.label}</label>
    <div class="ml-control__pair">
      <input
        type="range"
        min=${min}
        max=${max}
        step=${options.step}
        .value=${live(String(Math.min(max, Math.max(min, value))))}
        ?disabled=${options.disabled}
        aria-label=${typeof options.label === 'string' ? options.label : nothing}
        aria-valuetext=${text}
        @input=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLInputElement).value)}
      />
      <input
        id=${`${id}-number`}
        type="number"
        min=${spec.min}
        max=${spec.max}
        step="any"
        .value=${live(shownValue(host, name))}
        ?disabled=${options.disabled}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-number-error` : nothing}
        @input=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLInputElement).value)}
      />
    </div>
    ${errorLine(`${id}-number`, error)} ${options.hint ? html`<span class="ml-control__hint">${options.hint}</span>` : nothing}
  </div>`;
}

export interface ChoiceOptions<V extends string> extends Common {
  /** A label per value, in the order to show them. */
  options: Record<V, string>;
}

/** A select for an `enum` field. */
export function selectField<S extends Schema, V extends string>(
  host: Host<S>,
  name: FieldName<S>,
  options: ChoiceOptions<V>,
): TemplateResult {
  const id = host.idFor(name);
  const value = (host.state as Record<string, unknown>)[name];
  return html`<div class="ml-control" data-field=${name}>
    <label for=${id}>${options.label}</label>
    <select id=${id} ?disabled=${options.disabled} @change=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLSelectElement).value)}>
      ${(Object.entries(options.options) as [V, string][]).map(
        ([option, label]) => html`<option value=${option} ?selected=${value === option}>${label}</option>`,
      )}
    </select>
    ${options.hint ? html`<span class="ml-control__hint">${options.hint}</span>` : nothing}
  </div>`;
}

/** Buttons with aria-pressed for an `enum` field with a few values (a mode switch). */
export function toggleGroup<S extends Schema, V extends string>(
  host: Host<S>,
  name: FieldName<S>,
  options: ChoiceOptions<V>,
): TemplateResult {
  const value = (host.state as Record<string, unknown>)[name];
  return html`<div class="ml-toggle-group" role="group" aria-label=${typeof options.label === 'string' ? options.label : nothing} data-field=${name}>
    ${(Object.entries(options.options) as [V, string][]).map(
      ([option, label]) =>
        html`<button type="button" class="ml-button" aria-pressed=${value === option} ?disabled=${options.disabled} @click=${() => host.setFieldRaw(name, option)}>
          ${label}
        </button>`,
    )}
  </div>`;
}

/** A checkbox for a `bool` field. */
export function checkboxField<S extends Schema>(host: Host<S>, name: FieldName<S>, options: Common): TemplateResult {
  const id = host.idFor(name);
  const value = Boolean((host.state as Record<string, unknown>)[name]);
  return html`<div class="ml-control ml-control--check" data-field=${name}>
    <input id=${id} type="checkbox" .checked=${live(value)} ?disabled=${options.disabled}
      @change=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLInputElement).checked ? '1' : '0')} />
    <label for=${id}>${options.label}</label>
  </div>`;
}
