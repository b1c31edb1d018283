import { html, nothing, type TemplateResult } from 'lit';
import { numberField, selectField } from '../../ui/controls';
import type { LiveIsland } from '../../ui/live-island';
import type { mnistSchema } from './schema';
import type { MnistStrings } from './strings';

/** The training settings: each control bound to its URL field; all locked while a run is on. */
export function settingsForm(host: LiveIsland<typeof mnistSchema>, s: MnistStrings, busy: boolean): TemplateResult {
  return html`<fieldset class="ml-mnist__settings" ?disabled=${busy}>
    <legend>${s.settings.legend}</legend>
    ${selectField(host, 'backend', { label: s.settings.backend, options: s.settings.backends, disabled: busy })}
    ${selectField(host, 'slice', { label: s.settings.slice, options: s.settings.slices, disabled: busy })}
    ${numberField(host, 'epochs', { label: s.settings.epochs, disabled: busy })}
    ${numberField(host, 'batch', { label: s.settings.batch, disabled: busy })}
    ${numberField(host, 'lr', { label: s.settings.lr, step: 0.0001, disabled: busy })}
    ${busy ? html`<p class="ml-control__hint ml-mnist__locked">${s.settings.lockedWhileTraining}</p>` : nothing}
  </fieldset>`;
}
