import { z } from "zod";

/** The input of a channel that takes nothing. */
export const Empty = z.object({}).strict();

/** What every channel module declares: its channels and its events. */
export type ChannelSpecs = Record<string, { input: z.ZodType; output: z.ZodType }>;
export type EventSpecs = Record<string, z.ZodType>;
