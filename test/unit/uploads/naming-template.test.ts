import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandFileIdTemplate } from "../../../shared/uploads/fileid-template";
import { expandKeyTemplate } from "../../../shared/uploads/key-template";
import {
  EXAMPLE_FILE,
  exampleKey,
  expandNamingTemplate,
  namingTemplateProblems,
} from "../../../shared/uploads/naming-template";
import { defaultUploadOptions } from "../../../shared/uploads/options";
import { buildUploadPlan } from "../../../shared/uploads/plan";

const at = new Date(2026, 11, 2, 9, 5, 7);

describe("one naming engine for originals and outputs", () => {
  it("shows the live example of an original's key and of an output's key beside it", () => {
    expect(
      exampleKey("{dir}/{yyyy}{MM}{dd}-{HH}{mm}{ss}-{name}-{md5:8}-{random:6}.{ext}", "original", at),
    ).toBe("shoot/20261202-090507-IMG_2041-9e107d9d-k3x9q2.jpg");
    expect(exampleKey("{uuid}.{ext}", "original", at)).toBe(`${EXAMPLE_FILE.uuid}.jpg`);
    expect(exampleKey("{name}_w800.{format}", "output", at, "webp")).toBe("shoot/IMG_2041_w800.webp");
    expect(exampleKey("/thumbs/{dir}/{name}.{ext}", "output", at)).toBe("thumbs/shoot/IMG_2041.jpg");
  });

  it("gives originals and outputs the placeholders each may use", () => {
    expect(namingTemplateProblems("{dir}/{uuid}-{md5:8}.{ext}", "original")).toEqual([]);
    expect(namingTemplateProblems("{key}-{format}", "original")).toEqual(["{key}", "{format}"]);
    expect(namingTemplateProblems("{key}-{format}-{dir}", "output")).toEqual([]);
    expect(namingTemplateProblems("{random:6}-{yyyy}", "output")).toEqual(["{random:6}", "{yyyy}"]);
  });

  it("names the same file the same way through the key and the fileid entry points", () => {
    const name = fc.stringMatching(/^[a-z0-9 _-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 3 }), name, name, (folders, base, ext) => {
        const key = [...folders, `${base}.${ext}`].join("/");
        const dir = folders.join("/");
        const original = expandKeyTemplate("{dir}/{name}.{ext}", {
          fileName: `${base}.${ext}`,
          dir,
          now: at,
        });
        const output = expandFileIdTemplate("/{dir}/{name}.{ext}", { key });
        expect(`/${original}`).toBe(output);
        expect(expandNamingTemplate("{dir}/{name}.{ext}", { path: key }, false)).toBe(original);
      }),
    );
  });

  it("shows every key a key template gives in the upload plan, folders kept as {dir}", () => {
    const naming = {
      now: at,
      md5: "0123456789abcdef0123456789abcdef",
      random: (length: number) => "z".repeat(length),
      uuid: () => "u",
    };
    const plans = buildUploadPlan(
      [
        { id: "a", relativePath: "Trip/Day 1/IMG 1.JPG", naming },
        { id: "b", relativePath: "cover.png", naming: { ...naming, md5: "fedcba" } },
      ],
      {
        ...defaultUploadOptions("photos-1250000000"),
        prefix: "blog/",
        naming: "slug",
        keyTemplate: "{yyyy}/{MM}/{dir}/{name}-{md5:6}.{ext}",
        rules: [{ rule: "imageMogr2/format/webp", fileid: "{name}.{format}" }],
      },
    );
    expect(plans.map((plan) => [plan.originalKey, plan.results.map((result) => result.key)])).toEqual([
      ["blog/2026/12/trip/day-1/img-1-012345.jpg", ["blog/2026/12/trip/day-1/img-1-012345.webp"]],
      ["blog/2026/12/cover-fedcba.png", ["blog/2026/12/cover-fedcba.webp"]],
    ]);
  });
});
