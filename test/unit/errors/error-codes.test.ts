import { describe, expect, it } from "vitest";
import { codeSet, NAMED_COS_ERROR_CODES, PICOPS_ERROR_CODES } from "../../../shared/error-codes";
import { isKeyRefusal, PicopsError } from "../../../shared/errors";

describe("error codes", () => {
  it("are named once: Picops's own in kebab-case, COS's as COS spells them, no code twice", () => {
    expect(PICOPS_ERROR_CODES.filter((code) => !/^[a-z]+(-[a-z]+)*$/.test(code))).toEqual([]);
    expect(NAMED_COS_ERROR_CODES.filter((code) => !/^[A-Z][A-Za-z]+$/.test(code))).toEqual([]);
    const all = [...PICOPS_ERROR_CODES, ...NAMED_COS_ERROR_CODES];
    expect(new Set(all).size).toBe(all.length);
  });

  it("refuse a misspelt code where errors are thrown or matched, and let COS's others through", () => {
    // @ts-expect-error: not a code Picops names
    expect(() => new PicopsError("nto-found", "preset-gone")).not.toThrow();
    // @ts-expect-error: not a code Picops names
    expect(codeSet("Superseded").size).toBe(1);
    expect(isKeyRefusal({ code: "ExpiredToken", message: "" })).toBe(true);
    expect(isKeyRefusal({ code: "SomeCodeCosAddsLater", message: "" })).toBe(false);
  });
});
