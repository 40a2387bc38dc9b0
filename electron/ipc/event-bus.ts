import { type EventName, type EventPayload, events } from "../../shared/ipc/contract";

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Main → renderer events. Services emit typed payloads; each host (Electron window,
 * web host sockets) subscribes once and forwards what it receives.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // Validate on the way out, for the same reason the router validates outputs.
    const checked = events[name].parse(payload);
    for (const listener of this.#listeners) listener(name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
