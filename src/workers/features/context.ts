/** What a feature's handler gets besides its arguments. */
export interface HandlerContext {
  /** Streams an event to the page, tied to this request. */
  emit(event: unknown, transfer?: Transferable[]): void;
}

/** A result that moves buffers to the page instead of copying them. */
export class Transfer<T> {
  constructor(
    readonly value: T,
    readonly transfer: Transferable[],
  ) {}
}

export type Handler = (args: never, context: HandlerContext) => Promise<unknown>;
export type FeatureModule = Record<string, Handler>;
