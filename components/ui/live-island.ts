import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { OverflowFocus } from './overflow-focus';
import { decodeState, defaultsOf, encodeState, type Rejection, type Schema, type StateOf } from '../../src/lib/state/codec';

/**
 * Base class of every island's custom element. It renders into light DOM (so Starlight's
 * theme and KaTeX's CSS apply) and gives each island the same chrome: state decoded from
 * its URL namespace and mirrored back into the URL, a notice for dropped URL values,
 * "copy link to this state", reset, and an error area — a body that throws shows a
 * message instead of breaking the page.
 *
 * Subclasses set `schema`, implement `renderBody()`, and change state only through
 * `patch()`.
 */
export abstract class LiveIsland<S extends Schema> extends LitElement {
  static override properties = {
    state: { state: true },
    rejected: { state: true },
    announcement: { state: true },
  };

  declare state: StateOf<S>;
  declare rejected: Rejection[];
  /** Short message for the polite live region (copy confirmation, etc.). */
  declare announcement: string;

  protected abstract readonly schema: S;
  protected abstract renderBody(): TemplateResult;

  private copiedLink = '';
  private readonly overflowFocus = new OverflowFocus('.katex-display, [data-scroll-x]', '可横向滚动的内容');

  protected get namespace(): string {
    return this.dataset['namespace'] ?? this.localName.replace(/^ml-/, '');
  }

  protected get anchor(): string {
    return this.closest<HTMLElement>('[data-island-shell]')?.id ?? '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.state === undefined) {
      const { state, rejected } = decodeState(this.schema, this.namespace, new URLSearchParams(location.search));
      this.state = state;
      this.rejected = rejected;
      this.announcement = '';
    }
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    this.closest('[data-island-shell]')?.setAttribute('data-live', '');
    this.dataset['ready'] = '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.overflowFocus.scan(this);
  }

  /** Updates part of the state and mirrors it into the address bar. */
  protected patch(changes: Partial<StateOf<S>>): void {
    this.state = { ...this.state, ...changes };
    this.syncUrl();
  }

  private syncUrl(): void {
    const params = encodeState(this.schema, this.namespace, this.state, new URLSearchParams(location.search));
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }

  protected stateLink(): string {
    const params = encodeState(this.schema, this.namespace, this.state, new URLSearchParams(location.search));
    const query = params.toString();
    return `${location.origin}${location.pathname}${query ? `?${query}` : ''}#${this.anchor}`;
  }

  private async copyLink(): Promise<void> {
    const link = this.stateLink();
    try {
      await navigator.clipboard.writeText(link);
      this.copiedLink = '';
      this.announcement = '已复制带当前状态的链接。';
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): show the link instead.
      this.copiedLink = link;
      this.announcement = '无法写入剪贴板，请手动复制下面的链接。';
    }
  }

  protected reset(): void {
    this.state = defaultsOf(this.schema);
    this.rejected = [];
    this.copiedLink = '';
    this.announcement = '已恢复默认设置。';
    this.syncUrl();
  }

  protected override render(): TemplateResult {
    let body: TemplateResult;
    try {
      body = this.renderBody();
    } catch (error) {
      body = html`<p class="ml-error" role="alert">
        这个演示在当前设置下出错了：${error instanceof Error ? error.message : String(error)}。请调整输入或点击“重置”。
      </p>`;
    }
    return html`
      <div class="ml-toolbar">
        <button type="button" class="ml-button" @click=${() => void this.copyLink()}>复制本状态的链接</button>
        <button type="button" class="ml-button" @click=${() => this.reset()}>重置</button>
        <span class="ml-toolbar__status" role="status" aria-live="polite">${this.announcement}</span>
      </div>
      ${this.copiedLink
        ? html`<label class="ml-copied">链接：<input type="text" readonly .value=${this.copiedLink} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label>`
        : nothing}
      ${this.rejected.length
        ? html`<div class="ml-notice" role="note" data-url-notice>
            <strong>链接里有 ${this.rejected.length} 个参数无效，已忽略并改用默认值：</strong>
            <ul>
              ${this.rejected.map((r) => html`<li><code>${r.key}=${r.raw}</code>：${r.reason}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="ml-body">${body}</div>
    `;
  }
}
