import { afterEach, describe, expect, it, vi } from "vitest";
import { webTransport } from "../../renderer/api";

/** A WebSocket that connects only when the test says so, as a slow host would. */
class PendingSocket extends EventTarget {
  static opened: PendingSocket[] = [];
  onmessage: ((message: MessageEvent) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: URL) {
    super();
    PendingSocket.opened.push(this);
  }
  connect() {
    this.dispatchEvent(new Event("open"));
  }
  send(event: string, payload: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify({ event, payload }) }));
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  PendingSocket.opened = [];
});

describe("the web host's transport", () => {
  it("sends a call only once the event socket is open, so the events the call causes arrive", async () => {
    vi.stubGlobal("WebSocket", PendingSocket);
    const requests: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      requests.push(url);
      // The host announces the change to the sockets open now, then answers the call.
      PendingSocket.opened[0]?.send("presets.changed", { presets: [] });
      return new Response(JSON.stringify({ ok: true, value: {} }));
    });
    const transport = webTransport();
    const heard: string[] = [];
    transport.subscribe((name) => heard.push(name));

    const answered = transport.call("presets.save", {});
    await Promise.resolve();
    expect(requests).toEqual([]);

    PendingSocket.opened[0]?.connect();
    await answered;
    expect(requests).toEqual(["/api/call/presets.save"]);
    expect(heard).toEqual(["presets.changed"]);
  });

  it("still sends calls when the event socket cannot connect", async () => {
    vi.stubGlobal("WebSocket", PendingSocket);
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ ok: true, value: {} })));
    const transport = webTransport();
    transport.subscribe(() => {});
    const answered = transport.call("presets.list", {});
    PendingSocket.opened[0]?.dispatchEvent(new Event("close"));
    await expect(answered).resolves.toEqual({ ok: true, value: {} });
  });
});
