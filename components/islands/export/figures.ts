import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../ui/shell-strings';
import type { ExportResult } from '../../../src/workers/features/compress-api';
import type { ExportStrings } from './strings';
import { groupDigits } from '../compress/figures';

/** The 9.3 island's views: the files (with download links once they exist) and the round-trip check. */

export interface FileRow {
  name: string;
  bytes: number | null;
  kind: 'json' | 'weights';
  /** A Blob URL to download it (live island only). */
  href?: string;
}

export function filesTable(rows: readonly FileRow[], s: ExportStrings): TemplateResult {
  const f = s.files;
  return html`<div data-scroll-x>
    <table class="ml-table ml-compress__table">
      <caption>${f.caption}</caption>
      <thead><tr><th scope="col">${f.file}</th><th scope="col">${f.bytes}</th><th scope="col">${f.content}</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-file=${r.kind} data-bytes=${r.bytes ?? ''}>
            <th scope="row">${r.href ? html`<a href=${r.href} download=${r.name} data-download=${r.kind}>${f.download} ${r.name}</a>` : r.name}</th>
            <td>${r.bytes === null ? '—' : groupDigits(r.bytes)}</td>
            <td>${r.kind === 'json' ? f.json : f.weights}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** A comparison with the current model: of an export read back, or of files the reader chose (no format, no weight check). */
export type RoundTrip = Pick<ExportResult, 'comparison' | 'accuracyBefore' | 'accuracyAfter'> & { weightMismatch?: number; format?: ExportResult['format'] };

export function roundTripCard(r: RoundTrip, s: ExportStrings, title?: string): TemplateResult {
  const c = r.comparison;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return html`<section class="ml-compress__check" data-check=${r.format ? 'export' : 'files'} data-changed=${c.changed} data-identical=${c.count - c.changed}
      data-max-delta=${c.maxAbsDelta} data-weight-mismatch=${r.weightMismatch ?? ''} data-format=${r.format ?? ''}>
    <h4>${title ?? format(s.check.title, { count: groupDigits(c.count) })}</h4>
    <ul>
      <li>${format(s.check.identical, { count: groupDigits(c.count - c.changed) })}</li>
      <li><strong>${format(s.check.changed, { count: groupDigits(c.changed) })}</strong></li>
      <li>${format(s.check.maxDelta, { delta: c.maxAbsDelta === 0 ? '0' : c.maxAbsDelta.toExponential(2) })}</li>
      <li>${format(s.check.accuracy, { before: pct(r.accuracyBefore), after: pct(r.accuracyAfter) })}</li>
    </ul>
    ${r.weightMismatch === undefined
      ? nothing
      : html`<p>${format(r.weightMismatch === 0 ? s.check.weights : s.check.weightsDiffer, { diff: r.weightMismatch === 0 ? '0' : r.weightMismatch.toExponential(2) })}</p>`}
    ${r.format === 'float16' || r.format === 'uint8' ? html`<p class="ml-compress__note">${s.perChannel}</p>` : nothing}
  </section>`;
}
