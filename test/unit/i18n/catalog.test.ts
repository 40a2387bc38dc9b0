import { describe, expect, it } from "vitest";
import { catalog } from "../../../renderer/app/catalog";
import { addMessages, type MessageKey } from "../../../renderer/i18n/catalog";
import { placeholdersOf } from "../../../shared/placeholders";

/**
 * Strings that are the same in both languages on purpose. Key parity needs no test:
 * `defineMessages` makes a table with a missing or extra Chinese key fail to compile.
 */
const SAME_IN_BOTH: Partial<Record<MessageKey, string>> = {
  "app.title": "the product's name",
  "form.secretId": "COS's own name for the key, as its console shows it",
  "form.secretKey": "COS's own name for the key, as its console shows it",
  "details.etag": "an HTTP header name",
  "preview.zoomActual": "a number and a unit",
  "preview.zoom200": "a number and a unit",
  "preview.zoom400": "a number and a unit",
  "preview.producerCos": "the service's name",
  "diagnostic.expected.one": "a number",
};

const keys = Object.keys(catalog.en) as MessageKey[];

describe("the catalogue's keys", () => {
  it("are every feature's, added by the app, and a key no table has does not compile", () => {
    const key: MessageKey = "plan.review";
    expect(catalog.en[key]).toBe("Review plan");
    // @ts-expect-error: no table has this key
    const missing: MessageKey = "plan.no-such-key";
    expect(catalog.en[missing]).toBeUndefined();
  });
});

describe("the 简体中文 catalogue", () => {
  it("translates every string, except the few that are names or numbers in both", () => {
    const untranslated = keys.filter(
      (key) => catalog["zh-CN"][key] === catalog.en[key] && !(key in SAME_IN_BOTH),
    );
    expect(untranslated).toEqual([]);
  });

  it("keeps the allowlist honest: each entry is really the same in both", () => {
    const drifted = (Object.keys(SAME_IN_BOTH) as MessageKey[]).filter(
      (key) => catalog["zh-CN"][key] !== catalog.en[key],
    );
    expect(drifted).toEqual([]);
  });

  it("never words a string in English alone: Latin words (names, formats) sit in Chinese sentences", () => {
    const english = keys.filter((key) => {
      const text = catalog["zh-CN"][key].replace(/\{\w+\}/g, "");
      return !(key in SAME_IN_BOTH) && /[A-Za-z]{2,}/.test(text) && !/[\u3400-\u9fff]/.test(text);
    });
    expect(english).toEqual([]);
  });

  it("fills in the same values as English", () => {
    const mismatched = keys.filter(
      (key) => placeholdersOf(catalog["zh-CN"][key]).join() !== placeholdersOf(catalog.en[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });
});

describe("adding a feature's messages", () => {
  it("refuses a key another feature already words differently", () => {
    const [key, text] = Object.entries(catalog.en)[0] ?? ["", ""];
    const clash = { en: { [key]: `${text} (another feature's)` }, "zh-CN": { [key]: text } };
    expect(() => addMessages(clash as never)).toThrow(`Message key "${key}" is defined twice.`);
    expect(catalog.en[key as MessageKey]).toBe(text);
  });
});
