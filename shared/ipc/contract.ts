import type { z } from "zod";
import type { AppErrorSchema } from "../errors";
import { appChannels } from "./channels/app";
import { bucketChannels, bucketEvents } from "./channels/bucket";
import type { ChannelSpecs, EventSpecs } from "./channels/common";
import { connectionChannels, connectionEvents } from "./channels/connections";
import { firstRunChannels } from "./channels/first-run";
import { formChannels } from "./channels/forms";
import { historyChannels } from "./channels/history";
import { jobChannels, jobEvents } from "./channels/jobs";
import { linkChannels } from "./channels/links";
import { mediaChannels } from "./channels/media";
import { picgoChannels, picgoEvents } from "./channels/picgo";
import { presetChannels, presetEvents } from "./channels/presets";
import { previewChannels } from "./channels/preview";
import { uploadChannels, uploadEvents } from "./channels/uploads";

/**
 * The one contract between the renderer and the main process. Every channel is declared
 * once, in its feature's module under ./channels, with zod schemas for its input and
 * output; every event (main → renderer) with a schema for its payload. Electron's IPC and
 * the web host carry exactly this.
 */
export const channels = {
  ...appChannels,
  ...connectionChannels,
  ...uploadChannels,
  ...mediaChannels,
  ...previewChannels,
  ...presetChannels,
  ...bucketChannels,
  ...firstRunChannels,
  ...picgoChannels,
  ...linkChannels,
  ...historyChannels,
  ...jobChannels,
  ...formChannels,
} as const satisfies ChannelSpecs;

export const events = {
  ...connectionEvents,
  ...uploadEvents,
  ...presetEvents,
  ...bucketEvents,
  ...picgoEvents,
  ...jobEvents,
} as const satisfies EventSpecs;

export type { HostInfo } from "./channels/app";
export type { ConnectionList } from "./channels/connections";

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
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: z.infer<typeof AppErrorSchema> };
