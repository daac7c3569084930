/**
 * In-process fan-out of what the console watches live: telemetry, alarm changes and customs equipment events. Each
 * item names the parties that may see it, so a stream for a trader carries only its own containers.
 */
export type LiveItem =
  | {
      kind: 'telemetry';
      equipmentReference: string;
      partyTins: readonly string[];
      data: Record<string, unknown>;
    }
  | { kind: 'alarm'; equipmentReference: string; partyTins: readonly string[]; data: Record<string, unknown> }
  | {
      kind: 'equipment-event';
      equipmentReference: string;
      partyTins: readonly string[];
      data: Record<string, unknown>;
    };

export type LiveListener = (item: LiveItem) => void;

export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private readonly closers = new Map<LiveListener, () => void>();

  /** True when someone listens: producers skip building items otherwise. */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** `close` ends the subscriber's stream when the platform shuts down. */
  subscribe(listener: LiveListener, close?: () => void): () => void {
    this.listeners.add(listener);
    if (close) this.closers.set(listener, close);
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(listener);
    };
  }

  /** Ends every open stream (shutdown: they would otherwise hold the HTTP server open). */
  closeAll(): void {
    for (const close of [...this.closers.values()]) close();
    this.listeners.clear();
    this.closers.clear();
  }

  publish(item: LiveItem): void {
    for (const listener of this.listeners) listener(item);
  }
}
