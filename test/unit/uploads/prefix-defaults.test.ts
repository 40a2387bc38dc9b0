import { describe, expect, it } from "vitest";
import {
  type DestinationDefault,
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
