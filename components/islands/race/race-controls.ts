import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { LiveIsland } from '../../ui/live-island';
import type { Schema } from '../../../src/lib/state/codec';

/**
 * A slider on a log scale paired with a number field for the exact value: for quantities
 * that span decades (η from 10⁻⁴ to 10, κ from 1 to 1000, ε). The slider moves log₁₀ of
 * the value in steps of 0.01 and writes two or three significant digits; the field takes
 * any value the schema allows, through the codec like every control.
 */
export interface LogSliderOptions {
  label: string;
  min: number;
  max: number;
  hint?: string;
  /** Significant digits the slider writes. */
  digits?: number;
}

export function logSliderField<S extends Schema>(host: LiveIsland<S>, name: keyof S & string, options: LogSliderOptions): TemplateResult {
  const id = host.idFor(name);
  const value = (host.state as Record<string, unknown>)[name] as number;
  const error = host.fieldErrors.get(name);
  const errorText = host.fieldErrorText(name);
  const position = Math.log10(Math.min(options.max, Math.max(options.min, value)));
  const fromSlider = (raw: string) => String(Number((10 ** Number(raw)).toPrecision(options.digits ?? 2)));
  return html`<div class="ml-control ml-control--slider" data-field=${name}>
    <label for=${`${id}-number`}>${options.label}</label>
    <div class="ml-control__pair">
      <input type="range" min=${Math.log10(options.min)} max=${Math.log10(options.max)} step="0.01" .value=${live(String(position))}
        aria-label=${options.label} aria-valuetext=${String(value)}
        @input=${(e: Event) => host.setFieldRaw(name, fromSlider((e.target as HTMLInputElement).value))} />
      <input id=${`${id}-number`} type="number" step="any" min=${options.min} max=${options.max}
        .value=${live(error ? error.raw : String(value))}
        aria-invalid=${errorText ? 'true' : 'false'} aria-describedby=${errorText ? `${id}-number-error` : nothing}
        @input=${(e: Event) => host.setFieldRaw(name, (e.target as HTMLInputElement).value)} />
    </div>
    ${errorText ? html`<span class="ml-field-error" id=${`${id}-number-error`}>${errorText}</span>` : nothing}
    ${options.hint ? html`<span class="ml-control__hint">${options.hint}</span>` : nothing}
  </div>`;
}
