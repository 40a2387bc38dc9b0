import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  destinationUploadOptions,
  STANDARD_DESTINATION_DEFAULT,
} from "../../../shared/destinations/destination-default";
import {
  expandKeyTemplate,
  keyTemplateNeedsMd5,
  keyTemplateProblems,
} from "../../../shared/uploads/key-template";
import { buildUploadPlan } from "../../../shared/uploads/plan";

const at = new Date(2026, 11, 2, 9, 5, 7, 123);
const context = {
  now: at,
  md5: "9e107d9d372bb6826bd81d3542a419d6",
  random: (length: number) => "r".repeat(length),
};

describe("key templates for originals", () => {
  it("fills the file's name, the date and time, the hash and randomness", () => {
    expect(
      expandKeyTemplate("notes/{yyyy}/{MM}/{dd}/{HH}{mm}{ss}-{name}-{md5:8}-{random:4}.{ext}", {
        ...context,
        fileName: "Pasted image.png",
      }),
    ).toBe("notes/2026/12/02/090507-Pasted image-9e107d9d-rrrr.png");
    expect(expandKeyTemplate("{timestamp}-{md5}.{ext}", { ...context, fileName: "a.jpg" })).toBe(
      `${at.getTime()}-9e107d9d372bb6826bd81d3542a419d6.jpg`,
    );
    expect(expandKeyTemplate("{random}", { ...context, fileName: "a.jpg" })).toBe("rrrrrr");
  });

  it("keeps only the last segment of a path, collapses empty folders and never starts with /", () => {
    expect(expandKeyTemplate("/{yyyy}//{name}.{ext}", { ...context, fileName: "C:\\shots\\cat.webp" })).toBe(
      "2026/cat.webp",
    );
    expect(expandKeyTemplate("{name}.{ext}", { ...context, fileName: "/home/me/README" })).toBe("README");
  });

  it("names what a template asks for that does not exist", () => {
    expect(keyTemplateProblems("{yyyy}/{name}.{ext}")).toEqual([]);
    expect(keyTemplateProblems("{year}/{name:3}/{md5:0}/{random:40}/{md5:32}")).toEqual([
      "{year}",
      "{name:3}",
      "{md5:0}",
      "{random:40}",
    ]);
    expect(keyTemplateNeedsMd5("{name}-{md5:8}")).toBe(true);
    expect(keyTemplateNeedsMd5("{name}")).toBe(false);
  });

  it("gives back the file's own name for {name}.{ext}", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((name) => !/[\\/]/.test(name) && !name.endsWith(".")),
        (fileName) => expandKeyTemplate("{name}.{ext}", { ...context, fileName }) === fileName,
      ),
    );
  });
});

describe("a destination's default as upload options", () => {
  it("plans the templated key as it is, and the preset's output beside it", () => {
    const options = destinationUploadOptions(
      "notes-1250000000",
      STANDARD_DESTINATION_DEFAULT,
      "imageMogr2/format/webp",
    );
    const [plan] = buildUploadPlan([{ id: "1", relativePath: "2026/12/Pasted image.png" }], options);
    expect(plan).toMatchObject({
      bucket: "notes-1250000000",
      originalKey: "2026/12/Pasted image.png",
      results: [{ bucket: "notes-1250000000", key: "2026/12/Pasted image_processed.webp" }],
    });
    expect(plan?.problem).toBeUndefined();
    expect(destinationUploadOptions("b-1250000000", STANDARD_DESTINATION_DEFAULT, undefined).rules).toEqual(
      [],
    );
  });
});
