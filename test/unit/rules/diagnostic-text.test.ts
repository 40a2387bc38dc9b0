import { describe, expect, it } from "vitest";
import { diagnosticText } from "../../../renderer/features/rules/diagnostic-text";
import { catalog as appCatalog, type MessageKey } from "../../../renderer/i18n/catalog";
import { type Language, type Translate, translatorFor } from "../../../renderer/i18n/translate";
import { placeholdersOf } from "../../../shared/placeholders";
import {
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_SENTENCES,
  type Diagnostic,
  type DiagnosticSentence,
  EXPECTED_VALUES,
} from "../../../shared/rules";
import { corpusDiagnostics } from "./diagnostic-corpus";

/** The app's real catalogue (read by any key the tests build) and translator. */
const catalog: Record<Language, Record<string, string>> = appCatalog;
const translators: Record<Language, Translate> = { en: translatorFor("en"), "zh-CN": translatorFor("zh-CN") };

const keysOf = (table: object) => Object.keys(table);

describe("rule problems in both languages", () => {
  it("both catalogues word every code, through every sentence and expected value", () => {
    const sentences = keysOf(DIAGNOSTIC_SENTENCES) as DiagnosticSentence[];
    for (const code of DIAGNOSTIC_CODES) {
      const ofCode = sentences.filter((s) => s.split(".")[0] === code);
      expect(ofCode.length, code).toBeGreaterThan(0);
      for (const language of ["en", "zh-CN"] as const) {
        for (const sentence of ofCode)
          expect(catalog[language][`diagnostic.${sentence}`], sentence).toBeTruthy();
      }
    }
    for (const language of ["en", "zh-CN"] as const) {
      for (const expected of keysOf(EXPECTED_VALUES)) {
        expect(catalog[language][`diagnostic.expected.${expected}`], expected).toBeTruthy();
      }
    }
  });

  it("the Chinese templates use exactly the English templates' values", () => {
    const keys = keysOf(catalog.en).filter((key) => key.startsWith("diagnostic."));
    for (const key of keys) {
      expect(placeholdersOf(catalog["zh-CN"][key] ?? ""), key).toEqual(placeholdersOf(catalog.en[key] ?? ""));
    }
  });

  it("in English, says exactly the message the parser and validator wrote", () => {
    for (const diagnostic of corpusDiagnostics()) {
      expect(diagnosticText(translators.en, diagnostic)).toBe(diagnostic.message);
    }
  });

  it("in Chinese, says it in Chinese with the same values and column", () => {
    for (const diagnostic of corpusDiagnostics()) {
      const text = diagnosticText(translators["zh-CN"], diagnostic);
      expect(text, diagnostic.message).not.toBe(diagnostic.message);
      expect(text, diagnostic.message).toMatch(/[\u4e00-\u9fff]/);
      expect(text, diagnostic.message).not.toMatch(/\{\w+\}/);
      expect(text.startsWith(`${diagnostic.operation}：`), text).toBe(true);
      if (diagnostic.column !== undefined) expect(text).toContain(`（第 ${diagnostic.column} 列）`);
      for (const [name, value] of Object.entries(diagnostic.args)) {
        if (name === "expected") continue;
        const shown = name === "text" ? JSON.stringify(value) : String(value);
        expect(text, `${name} in ${text}`).toContain(shown);
      }
    }
  });

  it("words an example as a designer reads it", () => {
    const [range] = corpusDiagnostics().filter(
      (d) => d.message === "thumbnail: width must be 1–50000, got 0 (col 22)",
    );
    expect(diagnosticText(translators["zh-CN"], range as Diagnostic)).toBe(
      "thumbnail：width 须在 1–50000 之间，实际为 0（第 22 列）",
    );
    const [missing] = corpusDiagnostics().filter((d) => d.sentence === "syntax.missing-value");
    expect(diagnosticText(translators["zh-CN"], missing as Diagnostic)).toBe(
      "thumbnail：缺少取值，应为缩放参数，例如 200x、x200、200x300、200x300>、!50p、!200x300r、200x300! 或 40000@（第 21 列）",
    );
  });

  it("falls back to the English message for a sentence this build has no words for", () => {
    const newer = {
      sentence: "syntax.from-a-newer-parser" as DiagnosticSentence,
      args: {},
      message: "imageMogr2: something new (col 3)",
      operation: "imageMogr2",
      column: 3,
    };
    expect(diagnosticText(translators["zh-CN"], newer)).toBe("imageMogr2: something new (col 3)");
  });

  it("registers its keys in the app catalogue under the same names", () => {
    const key: MessageKey = "diagnostic.out-of-range";
    expect(translators["zh-CN"](key, { parameter: "w", min: "1", max: "5", got: "9" })).toBe(
      "w 须在 1–5 之间，实际为 9",
    );
  });
});
