import { describe, expect, it } from "vitest";
import { listFolder } from "../../../electron/bucket/listing";
import type { CosClient } from "../../../electron/cos/client";
import type { ListBucketResult } from "../../../electron/cos/xml";

/** A folder of `count` one-key pages that logs how it is listed and each page as it is made. */
function pagedClient(count: number, log: string[]): Pick<CosClient, "listObjectPages"> {
  return {
    async *listObjectPages(input) {
      log.push(input.readAhead ? "listing, reading ahead" : "listing");
      try {
        for (let index = 1; index <= count; index++) {
          log.push(`page ${index}`);
          const page: Partial<ListBucketResult> = {
            contents: [
              {
                key: `shoot/${index}.jpg`,
                size: index,
                lastModified: "2026-01-01T00:00:00.000Z",
                etag: '"e"',
                storageClass: undefined,
              },
            ],
            commonPrefixes: [],
            isTruncated: index < count,
          };
          yield page as ListBucketResult;
        }
      } finally {
        log.push("listing closed");
      }
    },
  };
}

describe("listing a folder page by page", () => {
  it("reads the listing ahead and hands every page over once, in order", async () => {
    const log: string[] = [];
    await listFolder(pagedClient(3, log), { bucket: "b", prefix: "shoot/" }, (page) =>
      log.push(`shown ${page.objects.map((object) => object.key).join()}${page.last ? " (last)" : ""}`),
    );
    expect(log).toEqual([
      "listing, reading ahead",
      "page 1",
      "shown shoot/1.jpg",
      "page 2",
      "shown shoot/2.jpg",
      "page 3",
      "shown shoot/3.jpg (last)",
      "listing closed",
    ]);
  });

  it("stops when a page cannot be handed over, closing the listing so its page asked for ahead goes unread", async () => {
    const log: string[] = [];
    const failing = listFolder(pagedClient(3, log), { bucket: "b", prefix: "shoot/" }, () => {
      throw new Error("the window is gone");
    });
    await expect(failing).rejects.toThrow("the window is gone");
    expect(log).toEqual(["listing, reading ahead", "page 1", "listing closed"]);
  });
});
