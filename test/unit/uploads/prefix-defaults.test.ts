import { describe, expect, it } from "vitest";
import {
  type DestinationDefault,
  defaultRulesFor,
  destinationDefaultForPrefix,
  STANDARD_DESTINATION_DEFAULT,
} from "../../../shared/destinations/destination-default";

const connection: DestinationDefault = { keyTemplate: "{name}.{ext}", outputTemplate: "{name}_p.{format}" };
const blog: DestinationDefault = { ...connection, presetId: "blog" };
const blogCovers: DestinationDefault = { ...connection, presetId: "covers" };
const prefixes = { studio: { "blog/": blog, "blog/covers/": blogCovers } };

describe("the default for files sent under a key prefix", () => {
  it("is the longest matching prefix's", () => {
    expect(destinationDefaultForPrefix({ studio: connection }, prefixes, "studio", "blog/covers/2026/")).toBe(
      blogCovers,
    );
    expect(destinationDefaultForPrefix({ studio: connection }, prefixes, "studio", "blog/2026/")).toBe(blog);
  });

  it("is the connection's when no prefix matches, and the standard one without either", () => {
    expect(destinationDefaultForPrefix({ studio: connection }, prefixes, "studio", "photos/")).toBe(
      connection,
    );
    expect(destinationDefaultForPrefix({ studio: connection }, prefixes, "studio", "")).toBe(connection);
    expect(destinationDefaultForPrefix({}, prefixes, "other", "blog/")).toBe(STANDARD_DESTINATION_DEFAULT);
  });
});

describe("the rules a default puts in the upload form", () => {
  const presets = [
    { id: "blog", name: "Blog 800", rule: "imageMogr2/thumbnail/800x" },
    { id: "covers", name: "Covers", rule: "imageMogr2/crop/1200x630" },
  ];

  it("are its preset's rule with its output name, and say which prefix's default they are", () => {
    expect(defaultRulesFor({ studio: connection }, prefixes, presets, "studio", "blog/covers/x/")).toEqual({
      prefix: "blog/covers/",
      presetName: "Covers",
      rules: [{ rule: "imageMogr2/crop/1200x630", fileid: "{name}_p.{format}" }],
    });
    const own = { ...connection, presetId: "blog" };
    expect(defaultRulesFor({ studio: own }, prefixes, presets, "studio", "photos/")).toMatchObject({
      prefix: "",
      presetName: "Blog 800",
    });
  });

  it("are none for a default without a preset, or whose preset is gone", () => {
    expect(defaultRulesFor({ studio: connection }, prefixes, presets, "studio", "photos/")).toBeUndefined();
    expect(defaultRulesFor({}, prefixes, [], "studio", "blog/")).toBeUndefined();
  });
});
