import { z } from "zod";
import { Empty } from "./common";

export const TourStateSchema = z.object({
  /** The designer finished or skipped the welcome tour (on this data folder, in any window). */
  seen: z.boolean(),
});
export type TourState = z.infer<typeof TourStateSchema>;

export const firstRunChannels = {
  "tour.state": { input: Empty, output: TourStateSchema },
  "tour.markSeen": { input: Empty, output: Empty },
} as const;
