import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FORMAT_LOCAL_SUPPORT,
  type Limit,
  type LocalSupport,
  MOGR2_LOCAL_SUPPORT,
  RULE_LIMITS,
  rangeText,
  STAGE_LOCAL_SUPPORT,
} from "../../../shared/rules";
import {
  BLIND_WATERMARK_PARAMETERS,
  IMAGE_WATERMARK_PARAMETERS,
  MOGR2_OPERATIONS,
  TEXT_WATERMARK_PARAMETERS,
  VIEW2_PARAMETERS,
} from "../../../shared/rules/vocabulary";

interface Row {
  rule: string;
  parameter: string;
  page: string;
  range: string;
  local: string;
}

/** The rows of the "Rule language" table of docs/ci-conformance.md. */
function tableRows(): Row[] {
  const markdown = readFileSync(new URL("../../../docs/ci-conformance.md", import.meta.url), "utf8");
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Rule language")) ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [rule = "", parameter = "", page = "", range = "", local = ""] = line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim());
      return { rule: rule.replaceAll("`", ""), parameter: parameter.replaceAll("`", ""), page, range, local };
    });
}

const LOCAL_WORDS: Record<LocalSupport, string> = {
  exact: "exact",
  approximation: "approximation",
  "cos-only": "COS only",
};

const limits = RULE_LIMITS as unknown as Record<string, Record<string, Limit> | undefined>;

/** What the vocabulary says the table must hold: rule, parameter, how it runs, and its limit if any. */
function vocabularyRows(): { key: string; local: string; limit?: Limit }[] {
  const rows: { key: string; local: string; limit?: Limit }[] = [];
  const add = (rule: string, parameter: string, support: LocalSupport, limitOf?: string) => {
    const limit = limitOf === undefined ? undefined : limits[limitOf]?.[parameter];
    rows.push({ key: `${rule} ${parameter}`, local: LOCAL_WORDS[support], ...(limit && { limit }) });
  };
  for (const name of MOGR2_OPERATIONS) {
    if (name === "format") continue;
    const support = MOGR2_LOCAL_SUPPORT[name === "rquality" || name === "lquality" ? "quality" : name];
    const parameters = Object.keys(limits[name] ?? {});
    if (parameters.length === 0) add(`imageMogr2/${name}`, "—", support);
    for (const parameter of parameters) add(`imageMogr2/${name}`, parameter, support, name);
  }
  for (const [format, support] of Object.entries(FORMAT_LOCAL_SUPPORT))
    add("imageMogr2/format", format, support);
  for (const parameter of ["mode", ...VIEW2_PARAMETERS])
    add("imageView2", parameter, STAGE_LOCAL_SUPPORT.imageView2, "imageView2");
  for (const parameter of IMAGE_WATERMARK_PARAMETERS)
    add("watermark/1", parameter, STAGE_LOCAL_SUPPORT.watermark, "watermark/1");
  for (const parameter of TEXT_WATERMARK_PARAMETERS)
    add("watermark/2", parameter, STAGE_LOCAL_SUPPORT.watermark, "watermark/2");
  for (const type of ["watermark/3", "watermark/4"])
    for (const parameter of BLIND_WATERMARK_PARAMETERS)
      add(type, parameter, STAGE_LOCAL_SUPPORT.blindWatermark, "watermark/3");
  add("imageSlim", "—", STAGE_LOCAL_SUPPORT.imageSlim);
  add("style", "name", STAGE_LOCAL_SUPPORT.style);
  return rows;
}

describe("docs/ci-conformance.md", () => {
  const rows = tableRows();
  const byKey = new Map(rows.map((row) => [`${row.rule} ${row.parameter}`, row]));
  const expected = vocabularyRows();

  it("has one row per operation and parameter of the rule vocabulary, and no other", () => {
    expect(rows.length).toBe(byKey.size);
    expect([...byKey.keys()].sort()).toEqual(expected.map((row) => row.key).sort());
  });

  it.each(expected.map((row) => [row.key, row] as const))(
    "%s: says how it runs locally and the range the validator accepts",
    (key, { local, limit }) => {
      const row = byKey.get(key);
      expect(row?.local).toBe(local);
      expect(row?.page).not.toBe("");
      if (limit) expect(row?.range.startsWith(`${rangeText(limit)}`)).toBe(true);
      else expect(row?.range).not.toBe("—");
    },
  );
});
