import type { z } from "zod";
import { issueMessageRef } from "../../shared/error-messages";
import { type AppError, PicopsError, ThrownAppError } from "../../shared/errors";
import {
  type CallResult,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  channels,
  isChannelName,
} from "../../shared/ipc/contract";
import type { Logger } from "../logger";

/** A channel's handler; `signal` aborts when the caller cancels the call (long calls pass it on). */
export type Handlers = {
  [C in ChannelName]: (
    input: z.output<(typeof channels)[C]["input"]>,
    signal: AbortSignal,
  ) => Promise<ChannelOutput<C>>;
};

export interface Router {
  /**
   * Validates, dispatches and answers one call; never throws. Once `signal` aborts, the
   * handler's work is cancelled and the answer is `aborted`, whatever the handler ended with.
   */
  call(channel: unknown, input: unknown, signal?: AbortSignal): Promise<CallResult>;
}

/**
 * The host-independent half of the IPC: Electron's ipcMain and the web host both hand
 * raw (untrusted) channel names and payloads to this router.
 */
export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    async call(channel, input, signal = new AbortController().signal) {
      if (!isChannelName(channel)) {
        return failure(
          new PicopsError("unknown-channel", "unknown-channel", { channel: quoteName(channel) }).toAppError(),
        );
      }
      const spec = channels[channel];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        // A schema's own sentence keeps its id, so the renderer can word it; the channel is for the log.
        const text = issueMessageRef(issue);
        return failure({
          code: "invalid-input",
          message: issue ? `${channel}: ${issue.message}` : `${channel}: invalid input`,
          ...(text ?? {}),
          path: issue?.path.filter((p): p is string | number => typeof p !== "symbol"),
        });
      }
      if (signal.aborted) return cancelled();
      try {
        const handler = handlers[channel] as (input: unknown, signal: AbortSignal) => Promise<unknown>;
        const value = await handler(parsed.data, signal);
        if (signal.aborted) return cancelled();
        // Parsing the output strips any field the contract does not declare, so a handler
        // that returns too much (a secret, say) cannot leak it to the renderer.
        return { ok: true, value: spec.output.parse(value) as ChannelOutput<typeof channel> };
      } catch (error) {
        // However the handler's work ended (an AbortError, a request torn down), it was cancelled.
        if (signal.aborted) return cancelled();
        if (error instanceof ThrownAppError) return failure(error.toAppError());
        logger.error(`${channel} failed`, error);
        return failure(new PicopsError("internal", "internal").toAppError());
      }
    },
  };
}

function failure(error: AppError): CallResult {
  return { ok: false, error };
}

function cancelled(): CallResult {
  return failure(new PicopsError("aborted", "request-cancelled").toAppError());
}

function quoteName(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

export type { ChannelInput };
