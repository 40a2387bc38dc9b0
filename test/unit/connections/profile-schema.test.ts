import { describe, expect, it } from "vitest";
import { CosConnectionTestInputSchema, CosProfileInputSchema } from "../../../shared/connections";

const form = {
  label: "Studio",
  secretId: "AKIDexample",
  secretKey: "secret",
  region: "ap-guangzhou",
  defaultBucket: "photos-1250000000",
};

/** Field → message of each problem the schema finds. */
function problems(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]),
  );
}

describe("the keys of a COS profile", () => {
  it("are both required for a new profile", () => {
    expect(problems(CosProfileInputSchema.safeParse({ ...form, secretId: "", secretKey: "" }))).toEqual({
      secretId: "SecretId is required",
      secretKey: "SecretKey is required",
    });
  });

  it("may both be left empty when editing, which keeps the stored ones", () => {
    expect(CosProfileInputSchema.safeParse({ ...form, id: "p1", secretId: "", secretKey: "" }).success).toBe(
      true,
    );
    expect(
      CosConnectionTestInputSchema.safeParse({ ...form, id: "p1", secretId: "", secretKey: "" }).success,
    ).toBe(true);
  });

  it("go together when editing: one without the other is refused at the missing field", () => {
    expect(problems(CosProfileInputSchema.safeParse({ ...form, id: "p1", secretKey: "" }))).toEqual({
      secretKey: "SecretKey is required",
    });
    expect(problems(CosConnectionTestInputSchema.safeParse({ ...form, id: "p1", secretId: "" }))).toEqual({
      secretId: "SecretId is required",
    });
  });
});
