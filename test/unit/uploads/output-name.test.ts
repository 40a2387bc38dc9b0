import { describe, expect, it } from "vitest";
import { numberedOutputName, presetOutputName } from "../../../shared/uploads/fileid-template";
import { defaultUploadOptions, UploadOptionsSchema } from "../../../shared/uploads/options";
import { buildUploadPlan } from "../../../shared/uploads/plan";

describe("output names", () => {
  it("follow the preset's name, in any script, and fall back to the slot's number", () => {
    expect(presetOutputName("Web thumbnail 300 px WebP", 1)).toBe(
      "{name}_web-thumbnail-300-px-webp.{format}",
    );
    expect(presetOutputName("Café crème", 2)).toBe("{name}_cafe-creme.{format}");
    expect(presetOutputName("缩略图 800", 1)).toBe("{name}_缩略图-800.{format}");
    expect(presetOutputName("!!!", 3)).toBe("{name}_3.{format}");
    expect(numberedOutputName(2)).toBe("{name}_2.{format}");
  });

  it("are checked in the form with the words the plan uses for the name it expands", () => {
    const rules = [{ rule: "imageMogr2/thumbnail/80x", fileid: "../{name}.webp" }];
    const issue = UploadOptionsSchema.safeParse({ ...defaultUploadOptions("photos-1250000000"), rules }).error
      ?.issues[0];
    const [plan] = buildUploadPlan([{ id: "a", relativePath: "cat.jpg" }], {
      ...defaultUploadOptions("photos-1250000000"),
      rules,
    });
    expect(issue?.path).toEqual(["rules", 0, "fileid"]);
    expect(issue?.message).toBe("Rule 1: the output name (fileid) must not contain . or .. folders");
    expect(plan?.problem).toEqual({ messageId: "fileid-dot-segment", values: { rule: 1 } });
  });
});
