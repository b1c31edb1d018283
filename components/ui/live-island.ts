import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { OverflowFocus } from './overflow-focus';
import { flushUrlUpdates, scheduleUrlUpdate } from './url-sync';
import { enterPresentMode } from './present-mode';
import { format, problemText, shellStringsOf, type ShellStrings } from './shell-strings';
import {
  decodeState,
  defaultsOf,
  encodeState,
  parseField,
  type FieldProblem,
  type Presets,
  type Rejection,
  type Schema,
  type StateOf,
} from '../../src/lib/state/codec';
import { readWorkshopRequest, startingState } from '../../src/lib/state/workshop';
import type { IslandMeta } from '../islands/types';

/** A value the reader typed that the codec refused: kept as typed, with the reason. */
export interface FieldError {
  raw: string;
  problem: FieldProblem;
}

/** How many refused URL parameters the notice lists before it only counts the rest. */
const NOTICE_LIST_LIMIT = 8;

/**
 * Base class of every island's custom element. It renders into light DOM (so Starlight's
 * theme and KaTeX's CSS apply) and gives each island the same chrome: state decoded from
 * its URL namespace (after a workshop preset, if the link names one) and mirrored back into
 * the URL, a dismissable notice for refused URL values, presets, "copy link to this state",
 * reset, present mode with hidden controls, typed-value errors for the schema-bound
 * controls (controls.ts), and an error area — a body that throws shows a message instead
 * of breaking the page.
 *
 * Subclasses set `schema`, `presets` and `meta`, implement `renderBody()`, and change state
 * only through `patch()` (or the controls, which call `setFieldRaw`).
 */
export abstract class LiveIsland<S extends Schema> extends LitElement {
  static override properties = {
    state: { state: true },
    rejected: { state: true },
    announcement: { state: true },
    fieldErrors: { state: true },
  };

  declare state: StateOf<S>;
  declare rejected: Rejection[];
  /** Short message for the polite live region (copy confirmation, etc.). */
  declare announcement: string;
  declare fieldErrors: ReadonlyMap<string, FieldError>;

  abstract readonly schema: S;
  abstract readonly presets: Presets<S>;
  abstract readonly meta: IslandMeta;
  protected abstract renderBody(): TemplateResult;

  /** The shell's strings (Starlight i18n), read once the element is in its shell. */
  protected ui!: ShellStrings;
  /** Whether the page was opened on this island with `present=1`. */
  protected presenting = false;
  private hiddenFields = new Set<string>();
  private copiedLink = '';
  private overflowFocus: OverflowFocus | null = null;

  get namespace(): string {
    return this.dataset['namespace'] ?? this.localName.replace(/^ml-/, '');
  }

  /** The shell's anchor: unique per instance, so also the prefix of every id inside. */
  get anchor(): string {
    return this.closest<HTMLElement>('[data-island-shell]')?.id ?? this.localName;
  }

  idFor(name: string): string {
    return `${this.anchor}-${name}`;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.state !== undefined) return;
    this.ui = shellStringsOf(this);
    this.overflowFocus = new OverflowFocus('.katex-display, [data-scroll-x]', this.ui['island.scrollBox']);
    const params = new URLSearchParams(location.search);
    const targeted = location.hash === `#${this.anchor}`;
    const workshop = readWorkshopRequest(params, this.schema, this.presets, targeted);
    const decoded = decodeState(this.schema, this.namespace, params, startingState(this.schema, this.presets, workshop.preset));
    this.state = decoded.state;
    this.rejected = [...workshop.rejected, ...decoded.rejected];
    this.fieldErrors = new Map();
    this.announcement = '';
    this.hiddenFields = new Set(workshop.hide);
    if (workshop.present) {
      this.presenting = true;
      enterPresentMode(this, () => {
        this.presenting = false;
        this.hiddenFields = new Set();
        this.requestUpdate();
      });
    }
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    this.closest('[data-island-shell]')?.setAttribute('data-live', '');
    this.dataset['ready'] = '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.overflowFocus?.scan(this);
    for (const control of this.querySelectorAll<HTMLElement>('[data-field]')) {
      control.hidden = this.hiddenFields.has(control.dataset['field'] ?? '');
    }
    this.dataset['state'] = encodeState(this.schema, this.namespace, this.state, new URLSearchParams()).toString();
  }

  /** Updates part of the state and mirrors it into the address bar. */
  protected patch(changes: Partial<StateOf<S>>): void {
    this.state = { ...this.state, ...changes };
    // The reader has moved on from the link they opened: its notice no longer applies.
    if (this.rejected.length) this.rejected = [];
    this.syncUrl();
  }

  /** A control's raw input: parsed by the codec, applied if valid, else kept with its reason. */
  setFieldRaw(name: keyof S & string, raw: string): void {
    const spec = this.schema[name];
    if (!spec) return;
    const parsed = parseField(spec, raw.trim());
    const errors = new Map(this.fieldErrors);
    if (parsed.ok) {
      errors.delete(name);
      this.fieldErrors = errors;
      this.patch({ [name]: parsed.value } as Partial<StateOf<S>>);
    } else {
      const { ok: _ok, ...problem } = parsed;
      errors.set(name, { raw, problem: problem as FieldProblem });
      this.fieldErrors = errors;
    }
  }

  fieldErrorText(name: string): string | null {
    const error = this.fieldErrors.get(name);
    return error ? problemText(this.ui, error.problem) : null;
  }

  private syncUrl(): void {
    const targeted = location.hash === `#${this.anchor}`;
    scheduleUrlUpdate(this.namespace, (params) => {
      const next = encodeState(this.schema, this.namespace, this.state, params);
      // Once edited, the state is fully in the island's own parameters.
      if (targeted) next.delete('preset');
      return next;
    });
  }

  protected stateLink(): string {
    flushUrlUpdates();
    const params = encodeState(this.schema, this.namespace, this.state, new URLSearchParams());
    const query = params.toString();
    return `${location.origin}${location.pathname}${query ? `?${query}` : ''}#${this.anchor}`;
  }

  private async copyLink(): Promise<void> {
    const link = this.stateLink();
    try {
      await navigator.clipboard.writeText(link);
      this.copiedLink = '';
      this.announcement = this.ui['island.copied'];
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): show the link instead.
      this.copiedLink = link;
      this.announcement = this.ui['island.copyFailed'];
    }
  }

  protected reset(): void {
    this.state = defaultsOf(this.schema);
    this.rejected = [];
    this.fieldErrors = new Map();
    this.copiedLink = '';
    this.announcement = this.ui['island.resetDone'];
    this.syncUrl();
  }

  protected applyPreset(name: string): void {
    if (!Object.hasOwn(this.presets, name)) return;
    this.state = startingState(this.schema, this.presets, name);
    this.rejected = [];
    this.fieldErrors = new Map();
    this.announcement = format(this.ui['island.presetChosen'], { preset: this.meta.presets[name] ?? name });
    this.syncUrl();
  }

  /** The preset the current state equals, if any. */
  private currentPreset(): string {
    const state = this.state as Record<string, unknown>;
    return (
      Object.keys(this.presets).find((name) => {
        const target = startingState(this.schema, this.presets, name) as Record<string, unknown>;
        return Object.keys(this.schema).every((field) => JSON.stringify(target[field]) === JSON.stringify(state[field]));
      }) ?? ''
    );
  }

  private renderPresets(): TemplateResult | typeof nothing {
    const names = Object.keys(this.presets);
    if (names.length === 0) return nothing;
    const id = this.idFor('preset');
    const current = this.currentPreset();
    return html`<label class="ml-toolbar__presets" for=${id}
      >${this.ui['island.presets']}
      <select id=${id} @change=${(e: Event) => this.applyPreset((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${current === ''} disabled>${this.ui['island.presetNone']}</option>
        ${names.map((name) => html`<option value=${name} ?selected=${current === name}>${this.meta.presets[name] ?? name}</option>`)}
      </select></label
    >`;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    if (!this.rejected.length) return nothing;
    const shown = this.rejected.slice(0, NOTICE_LIST_LIMIT);
    const more = this.rejected.length - shown.length;
    return html`<div class="ml-notice" role="note" data-url-notice>
      <p><strong>${format(this.ui['island.noticeTitle'], { count: this.rejected.length })}</strong></p>
      <ul>
        ${shown.map((r) => html`<li><code dir="ltr"><bdi>${r.key}=${r.raw}</bdi></code>：${problemText(this.ui, r)}</li>`)}
      </ul>
      ${more > 0 ? html`<p>${format(this.ui['island.noticeMore'], { count: more })}</p>` : nothing}
      <button type="button" class="ml-button" data-action="dismiss-notice" @click=${() => (this.rejected = [])}>
        ${this.ui['island.noticeDismiss']}
      </button>
    </div>`;
  }

  protected override render(): TemplateResult {
    let body: TemplateResult;
    try {
      body = this.renderBody();
    } catch (error) {
      body = html`<p class="ml-error" role="alert">
        ${format(this.ui['island.renderError'], { error: error instanceof Error ? error.message : String(error) })}
      </p>`;
    }
    return html`
      <div class="ml-toolbar">
        ${this.renderPresets()}
        <button type="button" class="ml-button" data-action="copy-link" @click=${() => void this.copyLink()}>
          ${this.ui['island.copyLink']}
        </button>
        <button type="button" class="ml-button" data-action="reset" ?disabled=${!this.canReset()} @click=${() => this.reset()}>
          ${this.ui['island.reset']}
        </button>
        <span class="ml-toolbar__status" role="status" aria-live="polite">${this.announcement}</span>
      </div>
      ${this.copiedLink
        ? html`<label class="ml-copied"
            >${this.ui['island.linkLabel']}
            <input type="text" readonly .value=${this.copiedLink} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
          /></label>`
        : nothing}
      ${this.renderNotice()}
      <div class="ml-body">${body}</div>
    `;
  }

  /** Islands whose state must not change now (a training run) say so here. */
  protected canReset(): boolean {
    return true;
  }
}
