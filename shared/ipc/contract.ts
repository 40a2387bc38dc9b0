import { z } from "zod";
import { ConnectionSummarySchema, CosProfileInputSchema } from "../connections";
import { AppErrorSchema } from "../errors";

/**
 * The one contract between the renderer and the main process. Every channel is declared
 * here once, with zod schemas for its input and output; every event (main → renderer)
 * with a schema for its payload. Electron's IPC and the web host carry exactly this.
 */

const Empty = z.object({}).strict();

export const HostInfoSchema = z.object({
  /** The only thing the renderer may know about its host: which capabilities exist. */
  host: z.enum(["electron", "web"]),
  version: z.string(),
  platform: z.string(),
});
export type HostInfo = z.infer<typeof HostInfoSchema>;

export const ConnectionListSchema = z.object({
  connections: z.array(ConnectionSummarySchema),
  activeId: z.string(),
  /** Set when the saved connections file itself could not be read. */
  vaultProblem: z.string().optional(),
});
export type ConnectionList = z.infer<typeof ConnectionListSchema>;

export const channels = {
  "app.describe": { input: Empty, output: HostInfoSchema },
  "connections.list": { input: Empty, output: ConnectionListSchema },
  "connections.saveCos": { input: CosProfileInputSchema, output: ConnectionSummarySchema },
  "connections.delete": { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: Empty },
  "connections.select": { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: Empty },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  "connections.changed": ConnectionListSchema,
} as const satisfies Record<string, z.ZodType>;

export type ChannelName = keyof typeof channels;
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]["input"]>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]["output"]>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === "string" && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === "string" && Object.hasOwn(events, name);
}

/** What every call answers: a value or an error, never a thrown exception across the boundary. */
export const CallResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: z.infer<typeof AppErrorSchema> };
