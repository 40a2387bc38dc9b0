import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OBJECT_KEY_MAX_BYTES, objectKeyProblem } from "../../../shared/cos/names";

const problemOf = (key: string) => objectKeyProblem(key)?.messageId;

describe("which object keys are refused", () => {
  it("refuses a `.` or `..` segment anywhere, and nothing that only looks like one", () => {
    for (const key of [".", "..", "./a.jpg", "../a.jpg", "a/./b.jpg", "a/../b.jpg", "a/.", "a/..", "a/../"]) {
      expect(problemOf(key), key).toBe("key-dot-segment");
    }
    for (const key of ["a.jpg", ".a", "a..b", "...", "a/.../b", "a/.b/c", "a./b", "a/b..", "a/"]) {
      expect(problemOf(key), key).toBeUndefined();
    }
  });

  it("finds dot segments exactly as splitting at each slash does", () => {
    const key = fc.stringMatching(/^[a./]{1,12}$/).filter((text) => !text.startsWith("/"));
    fc.assert(
      fc.property(key, (text) => {
        const bySplitting = text.split("/").some((segment) => segment === "." || segment === "..");
        expect(problemOf(text) === "key-dot-segment").toBe(bySplitting);
      }),
    );
  });

  it("counts a key's length in UTF-8 bytes, whatever its characters", () => {
    expect(problemOf("a".repeat(OBJECT_KEY_MAX_BYTES))).toBeUndefined();
    expect(problemOf("a".repeat(OBJECT_KEY_MAX_BYTES + 1))).toBe("key-too-long");
    // 283 characters of 3 bytes each: 849 bytes, then 852.
    expect(problemOf("图".repeat(283))).toBeUndefined();
    expect(problemOf("图".repeat(284))).toBe("key-too-long");
    // Four bytes per emoji, two UTF-16 units each.
    expect(problemOf("😀".repeat(212))).toBeUndefined();
    expect(problemOf("😀".repeat(213))).toBe("key-too-long");
  });
});
