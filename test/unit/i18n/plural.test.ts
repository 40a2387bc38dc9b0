import { describe, expect, it } from "vitest";
import { fillPlaceholders, placeholdersOf } from "../../../shared/placeholders";

const FILES = "Saved {count, plural, one {# file} other {# files}} to {folder}.";

describe("plural placeholders", () => {
  it("picks the branch Intl.PluralRules names for the sentence's language", () => {
    expect(fillPlaceholders(FILES, { count: 1, folder: "Downloads" })).toBe("Saved 1 file to Downloads.");
    expect(fillPlaceholders(FILES, { count: 0, folder: "D" })).toBe("Saved 0 files to D.");
    expect(fillPlaceholders(FILES, { count: 1200, folder: "D" })).toBe("Saved 1,200 files to D.");
  });

  it("prefers an exact =N branch and falls back to other", () => {
    const template = "{count, plural, =0 {Nothing left} other {# left}}";
    expect(fillPlaceholders(template, { count: 0 })).toBe("Nothing left");
    expect(fillPlaceholders(template, { count: 1 })).toBe("1 left");
    // Chinese has only the "other" category.
    expect(fillPlaceholders("{n, plural, other {# 个文件}}", { n: 1 }, "zh-CN")).toBe("1 个文件");
  });

  it("leaves a plural without its value as written", () => {
    expect(fillPlaceholders(FILES, { folder: "D" })).toBe(
      "Saved {count, plural, one {# file} other {# files}} to D.",
    );
  });

  it("names the values a plural sentence asks for, as a plain one does", () => {
    expect(placeholdersOf(FILES)).toEqual(["count", "folder"]);
    expect(placeholdersOf("已将 {count} 个文件保存到 {folder}。")).toEqual(["count", "folder"]);
  });
});
