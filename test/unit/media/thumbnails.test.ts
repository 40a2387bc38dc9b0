import { describe, expect, it } from "vitest";
import type { ConnectionClients } from "../../../electron/connections/clients";
import { MediaStore } from "../../../electron/media/media-store";
import { Thumbnails } from "../../../electron/media/thumbnails";

/** Thumbnails over a client that counts what it is asked to make. */
function thumbnailsMadeBy(media: MediaStore) {
  const made: string[] = [];
  const client = {
    async getProcessedImage(input: { key: string }) {
      made.push(input.key);
      return { bytes: Buffer.alloc(1000, made.length % 256), contentType: "image/webp" };
    },
  };
  const clients = { get: async () => client } as unknown as ConnectionClients;
  const thumbnails = new Thumbnails(clients, media);
  const thumbnail = (key: string) =>
    thumbnails.get({ connectionId: "local", bucket: "photos-1250000000", key, size: 160 });
  return { thumbnail, made };
}

describe("thumbnails of bucket objects", () => {
  it("are made once while the media store holds them, and again once it has let them go", async () => {
    const media = new MediaStore(2500);
    const { thumbnail, made } = thumbnailsMadeBy(media);
    const first = await thumbnail("a.jpg");
    expect(await thumbnail("a.jpg")).toBe(first);
    expect(made).toEqual(["a.jpg"]);

    // Two more thumbnails of 1000 bytes push a.jpg's out of a 2500-byte budget.
    await thumbnail("b.jpg");
    await thumbnail("c.jpg");
    expect(media.get(first)).toBeUndefined();
    const again = await thumbnail("a.jpg");
    expect(again).not.toBe(first);
    expect(media.get(again)).toBeDefined();
    expect(made).toEqual(["a.jpg", "b.jpg", "c.jpg", "a.jpg"]);
  });

  it("remember at most 10,000, so scrolling past ever more objects does not grow the main process", async () => {
    const { thumbnail, made } = thumbnailsMadeBy(new MediaStore(64 * 1024 * 1024));
    await thumbnail("first.jpg");
    for (let i = 0; i < 10_000; i++) await thumbnail(`${i}.jpg`);
    // The media store still holds first.jpg's image, but the oldest of 10,001 remembered is gone.
    await thumbnail("first.jpg");
    expect(made.filter((key) => key === "first.jpg")).toHaveLength(2);
    await thumbnail("9999.jpg");
    expect(made.filter((key) => key === "9999.jpg")).toHaveLength(1);
  });
});
