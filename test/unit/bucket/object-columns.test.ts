import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { objectColumns, objectsOfColumns } from "../../../shared/bucket/object-columns";
import { type BucketObject, BucketPageSchema } from "../../../shared/ipc/channels/bucket";

const bucketObject: fc.Arbitrary<BucketObject> = fc.record({
  key: fc.string({ minLength: 1 }),
  size: fc.nat(),
  lastModified: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  etag: fc
    .uint8Array({ minLength: 16, maxLength: 16 })
    .map((bytes) => `"${Buffer.from(bytes).toString("hex")}"`),
  storageClass: fc.constantFrom("STANDARD", "STANDARD_IA", "ARCHIVE"),
});

const page = (objects: BucketObject[]) => ({
  listingId: "listing",
  bucket: "photos-1250000000",
  prefix: "",
  objects: objectColumns(objects),
  folders: [],
  done: true,
});

describe("a listing page's objects, a column per field", () => {
  it("are read back as the same records, in the same order, after the contract's check and JSON", () => {
    fc.assert(
      fc.property(fc.array(bucketObject, { maxLength: 50 }), (objects) => {
        const sent = JSON.parse(JSON.stringify(BucketPageSchema.parse(page(objects))));
        expect(objectsOfColumns(sent.objects)).toEqual(objects);
      }),
    );
  });

  it("are refused by the contract when a column is short", () => {
    const objects = [
      {
        key: "a.jpg",
        size: 1,
        lastModified: "2026-01-01T00:00:00.000Z",
        etag: '"1"',
        storageClass: "STANDARD",
      },
      {
        key: "b.jpg",
        size: 2,
        lastModified: "2026-01-01T00:00:00.000Z",
        etag: '"2"',
        storageClass: "STANDARD",
      },
    ];
    const short = page(objects);
    short.objects.sizes.pop();
    expect(BucketPageSchema.safeParse(short).success).toBe(false);
    expect(BucketPageSchema.safeParse(page(objects)).success).toBe(true);
  });

  it("are refused by the contract when a value is not of its field's type", () => {
    const one = {
      key: "a.jpg",
      size: 1,
      lastModified: "2026-01-01T00:00:00.000Z",
      etag: '"1"',
      storageClass: "STANDARD",
    };
    const wrong = [
      { keys: [7] },
      { sizes: ["1"] },
      { sizes: [Number.NaN] },
      { sizes: [Number.POSITIVE_INFINITY] },
      { lastModified: [null] },
      { etags: [undefined] },
      { storageClasses: [{}] },
      { keys: "a.jpg" },
      // A hole reads as undefined.
      { keys: new Array<string>(1) },
    ];
    for (const column of wrong) {
      const sent = page([one]);
      const result = BucketPageSchema.safeParse({ ...sent, objects: { ...sent.objects, ...column } });
      expect(result.success, JSON.stringify(column)).toBe(false);
    }
  });
});
