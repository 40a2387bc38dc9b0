import type { AppErrorCode } from "../shared/error-codes";
import type { AppError } from "../shared/errors";
import type { PicopsBridge } from "../shared/ipc/bridge";
import type {
  CallResult,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from "../shared/ipc/contract";

/**
 * The renderer's one client of the contract. Under Electron it goes through the preload's
 * `window.picops`; in a browser, through the web host's HTTP and WebSocket. Nothing else
 * in the renderer knows which.
 */

declare global {
  interface Window {
    picops?: PicopsBridge;
  }
}

export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.error = error;
  }
  get code(): AppErrorCode {
    return this.error.code;
  }
}

/** What a failed call reports, kept whole (not as a sentence) so a language switch re-words it. */
export function failureOf(error: unknown): AppError {
  return error instanceof ApiError ? error.error : { code: "internal", message: String(error) };
}

interface Transport {
  /** Once `signal` aborts, the main process cancels the call's work; the promise may reject. */
  call(channel: string, input: unknown, signal?: AbortSignal): Promise<CallResult>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  /** A path the main process can read for a dropped file: its own under Electron, a staged copy on the web. */
  pathFor(file: File): Promise<string>;
}

const TOKEN_KEY = "picops.token";

/** The web host hands its token in the URL fragment; keep it for reloads, then hide it. */
function takeWebToken(): string {
  const match = /(?:^#|&)token=([\w-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

/** The web host's transport: calls over HTTP, events over one WebSocket. */
export function webTransport(): Transport {
  const token = takeWebToken();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let socket: WebSocket | undefined;
  // Calls wait until the event socket has connected (or failed to): the host sends an event
  // only to sockets open at that moment, so an event a call causes (presets.changed after a
  // save, a batch's progress after its start) would otherwise be lost on a page just loaded.
  let listening: Promise<void> = Promise.resolve();
  const connect = () => {
    const url = new URL("/api/events", window.location.href);
    url.protocol = url.protocol.replace("http", "ws");
    url.searchParams.set("token", token);
    const opening = new WebSocket(url);
    socket = opening;
    listening = new Promise((settled) => {
      opening.addEventListener("open", () => settled(), { once: true });
      opening.addEventListener("close", () => settled(), { once: true });
    });
    opening.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      for (const listener of listeners) listener(event, payload);
    };
    // Reconnect after a host restart; the UI re-reads state on its own schedule.
    opening.onclose = () => setTimeout(() => listeners.size > 0 && connect(), 1000);
  };
  return {
    async call(channel, input, signal) {
      await listening;
      // The request is the call: aborting it closes the connection, which cancels the call.
      const response = await fetch(`/api/call/${channel}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-picops-token": token },
        body: JSON.stringify(input ?? {}),
        ...(signal ? { signal } : {}),
      });
      return (await response.json()) as CallResult;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
    async pathFor(file) {
      const response = await fetch("/api/files", {
        method: "POST",
        headers: { "x-picops-token": token, "x-picops-file-name": encodeURIComponent(file.name) },
        body: file,
      });
      const result = (await response.json()) as CallResult<{ path: string }>;
      if (!result.ok) throw new ApiError(result.error);
      return result.value.path;
    },
  };
}

function electronTransport(bridge: PicopsBridge): Transport {
  return {
    async call(channel, input, signal) {
      const callId = crypto.randomUUID();
      const cancel = () => bridge.cancel(callId);
      signal?.addEventListener("abort", cancel, { once: true });
      try {
        return (await bridge.call(channel, input, callId)) as CallResult;
      } finally {
        signal?.removeEventListener("abort", cancel);
      }
    },
    subscribe: (listener) => bridge.subscribe(listener),
    pathFor: async (file) => bridge.pathForFile(file),
  };
}

const transport: Transport = window.picops ? electronTransport(window.picops) : webTransport();

/** What a call the window cancelled answers, however the transport ended it. */
const CANCELLED: AppError = {
  code: "aborted",
  message: "The request was cancelled.",
  messageId: "request-cancelled",
};

/** Whether a failed call was cancelled by the window itself (a newer request took over): nothing to show. */
export function wasCancelled(error: unknown): boolean {
  return error instanceof ApiError && error.code === "aborted";
}

/** What stores need of the contract's client; a test hands them a fake one. */
export interface ApiClient {
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    options?: { signal?: AbortSignal },
  ): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Hands dropped or picked files to the main process (files.add), whichever host runs. */
  addFiles(entries: { file: File; relativePath: string }[]): Promise<ChannelOutput<"files.add">>;
  /** Paths the main process can read for these files, for calls that take sources (Quick upload). */
  giveFiles(
    entries: { file: File; relativePath: string }[],
  ): Promise<{ path: string; relativePath: string }[]>;
}

export const api = {
  /** `signal` cancels the call: its work in the main process stops and the call rejects as `aborted`. */
  async call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    options: { signal?: AbortSignal } = {},
  ): Promise<ChannelOutput<C>> {
    const { signal } = options;
    if (signal?.aborted) throw new ApiError(CANCELLED);
    let result: CallResult;
    try {
      result = await transport.call(channel, input, signal);
    } catch {
      if (signal?.aborted) throw new ApiError(CANCELLED);
      throw new ApiError({ code: "host-unreachable", message: "Picops's main process is not answering." });
    }
    if (signal?.aborted) throw new ApiError(CANCELLED);
    if (!result.ok) throw new ApiError(result.error);
    return result.value as ChannelOutput<C>;
  },

  /** Hands dropped or picked files to the main process (files.add), whichever host runs. */
  async addFiles(
    entries: { file: File; relativePath: string }[],
    options: { signal?: AbortSignal } = {},
  ): Promise<ChannelOutput<"files.add">> {
    return api.call("files.add", { sources: await api.giveFiles(entries) }, options);
  },

  /** Paths the main process can read for these files (staged copies on the web), sorted by relative path. */
  async giveFiles(
    entries: { file: File; relativePath: string }[],
  ): Promise<{ path: string; relativePath: string }[]> {
    const sources: { path: string; relativePath: string }[] = [];
    // A few at a time: enough to keep the pipe full without opening hundreds of requests.
    const queue = [...entries];
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        sources.push({ path: await transport.pathFor(entry.file), relativePath: entry.relativePath });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    sources.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
    return sources;
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.subscribe((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    });
  },
};
