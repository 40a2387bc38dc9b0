import { describe, expect, it } from "vitest";
import { perLocale } from "../../../shared/intl-per-locale";

describe("perLocale", () => {
  it("builds one object per kind and locale, and hands that one out after", () => {
    let builds = 0;
    const numbers = (locale: string) =>
      perLocale("test number format", locale, () => {
        builds++;
        return new Intl.NumberFormat(locale);
      });
    expect(numbers("en")).toBe(numbers("en"));
    expect(numbers("zh-CN")).not.toBe(numbers("en"));
    expect(perLocale("test other kind", "en", () => "other")).toBe("other");
    expect(builds).toBe(2);
    expect(numbers("en").format(10000)).toBe("10,000");
  });
});
