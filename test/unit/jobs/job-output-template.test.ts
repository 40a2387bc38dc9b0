import { describe, expect, it } from "vitest";
import { jobOutputTemplate } from "../../../renderer/features/jobs/job-requests";
import { jobOutputKey } from "../../../shared/cos/ci-jobs";
import { resolveFileId } from "../../../shared/rules/pic-operations";
import { expandFileIdTemplate } from "../../../shared/uploads/fileid-template";
import { outputFormatOf } from "../../../shared/uploads/plan";

/** The key the local loop writes for an output name, as COS resolves its fileid. */
function localKey(fileid: string, rule: string, input: string): string {
  const format = outputFormatOf(rule);
  return resolveFileId(input, expandFileIdTemplate(fileid, { key: input, ...(format ? { format } : {}) }));
}

describe("a rule slot's output name as a cloud job's output template", () => {
  const cases: { fileid: string; rule: string }[] = [
    { fileid: "{name}_1.{format}", rule: "imageMogr2/thumbnail/200x150!/format/png" },
    { fileid: "{name}_w800.{ext}", rule: "imageMogr2/thumbnail/800x" },
    { fileid: "/thumbs/{dir}/{name}.webp", rule: "imageMogr2/format/webp" },
    { fileid: "/flat/{name}.{format}", rule: "imageMogr2/thumbnail/!50p" },
  ];
  for (const { fileid, rule } of cases) {
    it(`${fileid} writes where the local loop would`, () => {
      const input = "shoots/day-1/cat.jpg";
      expect(jobOutputKey(jobOutputTemplate(fileid, rule), input, "job-1")).toBe(
        localKey(fileid, rule, input),
      );
    });
  }
});
