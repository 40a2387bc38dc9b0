import { z } from "zod";
import { LinkFormatSchema, LinkTemplateSchema, PresignedExpirySchema } from "../../links/link-formats";
import { BatchIdSchema } from "../../uploads/batch";

const ConnectionRef = z.object({ connectionId: z.string().min(1).max(64) }).strict();
const TemplateList = z.object({ templates: z.array(LinkTemplateSchema) });

/** What to link to: files of an upload (their originals or their outputs), or objects in a bucket. */
export const LinkSourceSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("batch"),
      batchId: BatchIdSchema,
      itemIds: z.array(z.string().max(64)).max(100_000).optional(),
      which: z.enum(["originals", "outputs"]),
    })
    .strict(),
  z
    .object({
      kind: z.literal("objects"),
      /** Whose objects (a history entry's connection); the active connection when absent. */
      connectionId: z.string().min(1).max(64).optional(),
      bucket: z.string().min(1).max(60),
      keys: z.array(z.string().min(1).max(1024)).min(1).max(100_000),
    })
    .strict(),
]);
export type LinkSource = z.infer<typeof LinkSourceSchema>;

export const linkChannels = {
  /**
   * One link per object in the format asked, and all of them as the text to copy (one per
   * line). With `presigned`, every URL is signed in the main process to open for that many
   * seconds (a private bucket); only links leave it, never keys.
   */
  "links.make": {
    input: z
      .object({
        source: LinkSourceSchema,
        format: LinkFormatSchema,
        presigned: z.object({ expiresInSeconds: PresignedExpirySchema }).strict().optional(),
      })
      .strict(),
    output: z.object({ links: z.array(z.string()), text: z.string() }),
  },
  "links.templates": { input: ConnectionRef, output: TemplateList },
  "links.setTemplates": {
    input: ConnectionRef.extend({ templates: z.array(LinkTemplateSchema).max(20) }).strict(),
    output: TemplateList,
  },
} as const;
