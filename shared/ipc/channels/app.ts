import { z } from "zod";
import { Empty } from "./common";

export const HostInfoSchema = z.object({
  /** The only thing the renderer may know about its host: which capabilities exist. */
  host: z.enum(["electron", "web"]),
  version: z.string(),
  platform: z.string(),
});
export type HostInfo = z.infer<typeof HostInfoSchema>;

export const appChannels = {
  "app.describe": { input: Empty, output: HostInfoSchema },
} as const;
