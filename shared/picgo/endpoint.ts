import { z } from "zod";

/**
 * The PicGo-compatible endpoint (issue 19): editors that upload through PicGo's local
 * server (Typora, Obsidian's Image Auto Upload, the VS Code extensions) upload through
 * Picops instead. Off until the designer turns it on; loopback only.
 */

/** PicGo's own port, so editors set up for PicGo need no change. */
export const PICGO_DEFAULT_PORT = 36677;

export const PicGoSettingsSchema = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(1024).max(65535),
  /** When not empty, every upload must carry `?key=<this>`, as PicList asks. */
  key: z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9._~-]*$/),
  /** The URL answered for each file: the original, or the default preset's output. */
  returns: z.enum(["original", "output"]),
});
export type PicGoSettings = z.infer<typeof PicGoSettingsSchema>;

export const DEFAULT_PICGO_SETTINGS: PicGoSettings = {
  enabled: false,
  port: PICGO_DEFAULT_PORT,
  key: "",
  returns: "original",
};

export const PicGoStatusSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("off") }),
  z.object({ state: z.literal("listening"), port: z.number().int() }),
  /** Another program (often PicGo itself) holds the port. */
  z.object({ state: z.literal("port-busy"), port: z.number().int() }),
  /** The port could not be opened for another reason: the system's error code. */
  z.object({ state: z.literal("failed"), port: z.number().int(), reason: z.string() }),
]);
export type PicGoStatus = z.infer<typeof PicGoStatusSchema>;

export const PicGoStateSchema = z.object({ settings: PicGoSettingsSchema, status: PicGoStatusSchema });
export type PicGoState = z.infer<typeof PicGoStateSchema>;
