import { describe, expect, it } from "vitest";
import { type CiJobRequest, CLOUD_JOB_RECOMMENDED_FROM, planCloudJob } from "../../../shared/cos/ci-jobs";

const BUCKET = "photos-1250000000";
const request = (object: string, bucket = BUCKET): CiJobRequest => ({
  name: "plan",
  input: { prefix: "p/" },
  processRule: "imageMogr2/thumbnail/!50p",
  isPicInfo: false,
  output: { region: "ap-guangzhou", bucket, object },
});

describe("planCloudJob", () => {
  it("maps the first inputs to their outputs and recommends the local loop for a small, fully listed prefix", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
    const plan = planCloudJob(BUCKET, ["p/a.jpg", "p/b.png"], true, request("t/${InputName}.webp"));
    expect(plan).toEqual({
      counted: 2,
      complete: true,
      sample: [
        { input: "p/a.jpg", output: "t/a.webp" },
        { input: "p/b.png", output: "t/b.webp" },
      ],
      overwrites: [],
      shared: [],
      recommendation: "local-loop",
    });
  });

  it("flags outputs that replace a listed object, and outputs several inputs would write", () => {
    const inPlace = planCloudJob(
      BUCKET,
      ["p/a.jpg", "p/b.jpg"],
      true,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      request("${InputPath}${InputName}.jpg"),
    );
    expect(inPlace.overwrites).toEqual(["p/a.jpg", "p/b.jpg"]);
    const oneKey = planCloudJob(BUCKET, ["p/a.jpg", "p/b.jpg"], true, request("t/thumb.jpg"));
    expect(oneKey.shared).toEqual(["t/thumb.jpg"]);
    // Another bucket's objects were not listed: nothing is claimed about them.
    const elsewhere = planCloudJob(
      BUCKET,
      ["p/a.jpg"],
      true,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      request("${InputPath}${InputName}.jpg", "o-1250000000"),
    );
    expect(elsewhere.overwrites).toEqual([]);
  });

  it("recommends a cloud job from the threshold on, and for a prefix too big to list to its end", () => {
    const keys = Array.from({ length: CLOUD_JOB_RECOMMENDED_FROM }, (_, i) => `p/${i}.jpg`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
    const rule = request("t/${InputNameAndExt}");
    expect(planCloudJob(BUCKET, keys, true, rule).recommendation).toBe("cloud-job");
    expect(planCloudJob(BUCKET, keys.slice(1), true, rule).recommendation).toBe("local-loop");
    expect(planCloudJob(BUCKET, keys.slice(0, 10), false, rule)).toMatchObject({
      counted: 10,
      complete: false,
      recommendation: "cloud-job",
    });
  });
});
