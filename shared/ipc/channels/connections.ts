import { z } from "zod";
import { ConnectionTestOutcomeSchema } from "../../connection-test";
import {
  ConnectionSummarySchema,
  CosConnectionTestInputSchema,
  CosProfileInputSchema,
} from "../../connections";
import { MessageRefSchema } from "../../error-messages";
import { Empty } from "./common";

export const ConnectionListSchema = z.object({
  connections: z.array(ConnectionSummarySchema),
  activeId: z.string(),
  /** Set when the saved connections file itself could not be read. */
  vaultProblem: MessageRefSchema.optional(),
});
export type ConnectionList = z.infer<typeof ConnectionListSchema>;

const ConnectionRef = z.object({ id: z.string().min(1).max(64) }).strict();

export const connectionChannels = {
  "connections.list": { input: Empty, output: ConnectionListSchema },
  "connections.saveCos": { input: CosProfileInputSchema, output: ConnectionSummarySchema },
  "connections.delete": { input: ConnectionRef, output: Empty },
  "connections.select": { input: ConnectionRef, output: Empty },
  /** One cheap signed call with the form's keys, before anything is saved. */
  "connections.test": { input: CosConnectionTestInputSchema, output: ConnectionTestOutcomeSchema },
} as const;

export const connectionEvents = {
  "connections.changed": ConnectionListSchema,
} as const;
