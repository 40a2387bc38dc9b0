import { describe, expect, it } from "vitest";
import { type EntryOrder, pageEntries, visibleEntries } from "../../../renderer/features/bucket/entries";
import type { BucketObject } from "../../../shared/ipc/channels/bucket";

const object = (key: string, size = 1, lastModified = "2024-05-01T00:00:00.000Z"): BucketObject => ({
  key,
  size,
  lastModified,
  etag: '"0"',
  storageClass: "STANDARD",
});
const byName: EntryOrder = { sort: "name", descending: false, filter: "" };
const names = (entries: { name: string }[]) => entries.map((entry) => entry.name);

describe("the entries a folder shows", () => {
  it("names entries below the folder, folders without their slash", () => {
    const page = pageEntries("shoots/", ["shoots/day-1/"], [object("shoots/cat.jpg")]);
    expect(page.folders).toEqual([{ kind: "folder", key: "shoots/day-1/", name: "day-1" }]);
    expect(page.objects).toEqual([
      { kind: "object", key: "shoots/cat.jpg", name: "cat.jpg", object: object("shoots/cat.jpg") },
    ]);
  });

  it("puts folders first and keeps pages in the order they were listed", () => {
    const first = pageEntries("", ["b/"], [object("a.jpg"), object("c.jpg")]);
    const second = pageEntries("", ["a/"], [object("d.jpg")]);
    const shown = visibleEntries(
      [...first.folders, ...second.folders],
      [...first.objects, ...second.objects],
      byName,
    );
    expect(names(shown)).toEqual(["a", "b", "a.jpg", "c.jpg", "d.jpg"]);
  });

  it("sorts by name as the designer sees it, not by COS's UTF-8 byte order", () => {
    // COS lists U+FF21 (EF BC A1) before U+1F600 (F0 9F 98 80); UTF-16 code units put the emoji first.
    const listed = pageEntries("", [], [object("Ａ.jpg"), object("😀.jpg")]);
    const before = [...listed.objects];
    expect(names(visibleEntries([], listed.objects, byName))).toEqual(["😀.jpg", "Ａ.jpg"]);
    // The store's arrays are shared state: sorting must not reorder them.
    expect(listed.objects).toEqual(before);
  });

  it("filters folders and objects by the start of their name, ignoring case", () => {
    const page = pageEntries(
      "p/",
      ["p/Cats/", "p/dogs/"],
      [object("p/cat.jpg"), object("p/dog.jpg"), object("p/CAT2.png")],
    );
    const shown = visibleEntries(page.folders, page.objects, { ...byName, filter: "cAt" });
    expect(names(shown)).toEqual(["Cats", "CAT2.png", "cat.jpg"]);
  });

  it("sorts objects by size or date, ties by name, either way round; folders stay on top by name", () => {
    const page = pageEntries(
      "",
      ["z/", "y/"],
      [
        object("a.jpg", 30, "2024-05-03T00:00:00.000Z"),
        object("b.jpg", 10, "2024-05-01T00:00:00.000Z"),
        object("c.jpg", 10, "2024-05-02T00:00:00.000Z"),
      ],
    );
    const order = (sort: EntryOrder["sort"], descending: boolean) =>
      names(visibleEntries(page.folders, page.objects, { sort, descending, filter: "" }));
    expect(order("size", false)).toEqual(["y", "z", "b.jpg", "c.jpg", "a.jpg"]);
    expect(order("size", true)).toEqual(["y", "z", "a.jpg", "c.jpg", "b.jpg"]);
    expect(order("date", false)).toEqual(["y", "z", "b.jpg", "c.jpg", "a.jpg"]);
    expect(order("date", true)).toEqual(["y", "z", "a.jpg", "c.jpg", "b.jpg"]);
    expect(order("name", true)).toEqual(["y", "z", "c.jpg", "b.jpg", "a.jpg"]);
  });
});
