import { describe, expect, it } from "vitest";
import {
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_SENTENCES,
  type DiagnosticSentence,
  EXPECTED_VALUES,
  type ExpectedValue,
} from "../../../shared/rules";
import { corpusDiagnostics } from "./diagnostic-corpus";

const diagnostics = corpusDiagnostics();

describe("diagnostics carry what their message is made from", () => {
  it("lists every code the parser and the validator emit", () => {
    expect([...DIAGNOSTIC_CODES].sort()).toEqual([
      "duplicate-parameter",
      "ignored",
      "invalid-value",
      "missing-value",
      "not-supported",
      "not-whole-number",
      "out-of-range",
      "syntax",
      "unconfirmed",
      "unknown-operation",
      "unknown-parameter",
      "unknown-processor",
      "unknown-style",
    ]);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(DIAGNOSTIC_CODES));
  });

  it("the corpus says every sentence, with every kind of expected value", () => {
    const sentences = new Set(diagnostics.map((d) => d.sentence));
    expect([...sentences].sort()).toEqual((Object.keys(DIAGNOSTIC_SENTENCES) as DiagnosticSentence[]).sort());
    const expected = new Set(diagnostics.map((d) => d.args.expected).filter((e) => e !== undefined));
    expect([...expected].sort()).toEqual((Object.keys(EXPECTED_VALUES) as ExpectedValue[]).sort());
  });

  it("a sentence's key starts with its code, and every placeholder has its value", () => {
    for (const diagnostic of diagnostics) {
      expect(diagnostic.sentence.split(".")[0]).toBe(diagnostic.code);
      const template = DIAGNOSTIC_SENTENCES[diagnostic.sentence];
      for (const [, name] of template.matchAll(/\{(\w+)\}/g))
        expect(diagnostic.args).toHaveProperty(name as string);
      expect(diagnostic.message).not.toMatch(/\{\w+\}/);
    }
  });

  it("keeps the values themselves, not their text", () => {
    const [range] = diagnostics.filter(
      (d) => d.message === "thumbnail: width must be 1–50000, got 0 (col 22)",
    );
    expect(range).toMatchObject({ args: { parameter: "width", min: 1, max: 50000, got: 0 }, column: 22 });
    const [typed] = diagnostics.filter(
      (d) => d.sentence === "syntax.unreadable-value" && d.operation === "gravity",
    );
    expect(typed?.args).toEqual({
      expected: "one-of",
      options: "NorthWest, North, NorthEast, West, Center, East, SouthWest, South, SouthEast",
      text: "middle",
    });
  });
});
