import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PlanView } from "../../renderer/features/batches";
import { useLanguage } from "../../renderer/i18n";
import type { PlannedUpload } from "../../shared/uploads/plan";

afterEach(() => {
  cleanup();
  useLanguage.getState().setLanguage("en");
});

const BUCKET = "photos-1250000000";

function plan(sourceId: string, warnings: PlannedUpload["warnings"]): PlannedUpload {
  return { sourceId, bucket: BUCKET, originalKey: `shoots/${sourceId}.jpg`, results: [], warnings };
}

describe("the plan", () => {
  it("says which files are already in the bucket and which repeat another, not that they overwrite", () => {
    const plans = [
      plan("a", [{ kind: "already-there", bucket: BUCKET, key: "shoots/a.jpg" }]),
      plan("b", [
        { kind: "identical-in-batch", bucket: BUCKET, key: "shoots/b.jpg", sameAs: "shoots/c.jpg" },
      ]),
      plan("d", [{ kind: "overwrites-existing", bucket: BUCKET, key: "shoots/d.jpg" }]),
    ];
    render(<PlanView plans={plans} nameOf={(p) => p.sourceId} onStart={() => undefined} />);
    const warnings = screen.getAllByTestId("plan-warning").map((node) => node.textContent);
    expect(warnings).toEqual([
      `Already in the bucket with these very bytes, so it is skipped: ${BUCKET}/shoots/a.jpg`,
      `Same bytes as shoots/c.jpg in this batch: ${BUCKET}/shoots/b.jpg`,
      `Overwrites an object already in the bucket: ${BUCKET}/shoots/d.jpg`,
    ]);
  });
});

describe("the plan's checks of each rule", () => {
  const checked = (): PlannedUpload[] => [
    {
      ...plan("party", []),
      originalKey: "shoots/party.gif",
      problem: {
        messageId: "rule-fails-on-animated",
        values: { n: 1, rule: "imageMogr2/scrop/60x60", format: "GIF", sample: "party.gif" },
      },
      problemCause: { messageId: "animated-not-local", values: { operation: "scrop" } },
    },
    plan("small", [
      {
        kind: "enlarges",
        bucket: BUCKET,
        key: "shoots/small_1.jpg",
        ruleNumber: 2,
        from: { width: 400, height: 300 },
        to: { width: 1200, height: 900 },
      },
      {
        kind: "larger-than-original",
        bucket: BUCKET,
        key: "shoots/small_2.png",
        ruleNumber: 3,
        bytes: { original: 20_480, output: 307_200 },
        sample: "small.jpg",
        fileKind: "plain",
      },
    ]),
  ];

  it("names the kind, the file tried and the rule that fails, and blocks Start", () => {
    render(<PlanView plans={checked()} nameOf={(p) => p.sourceId} onStart={() => undefined} />);
    expect(
      screen.getByText(
        "Rule 1 (imageMogr2/scrop/60x60) fails on animated GIF images, such as party.gif. scrop on an animated image is not supported locally.",
      ),
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: /Upload/ })).toHaveProperty("disabled", true);
  });

  it("words enlargements and larger files as warnings", () => {
    render(<PlanView plans={checked()} nameOf={(p) => p.sourceId} onStart={() => undefined} />);
    const warnings = screen.getAllByTestId("plan-warning").map((node) => node.textContent);
    expect(warnings).toEqual([
      `Rule 2 enlarges the picture from 400×300 to 1200×900 px: ${BUCKET}/shoots/small_1.jpg`,
      `Rule 3 makes a larger file than the original, about 300 KB instead of 20 KB (tried on small.jpg): ${BUCKET}/shoots/small_2.png`,
    ]);
  });

  it("says it all in 简体中文 too", () => {
    useLanguage.getState().setLanguage("zh-CN");
    render(<PlanView plans={checked()} nameOf={(p) => p.sourceId} onStart={() => undefined} />);
    expect(
      screen.getByText(
        "规则 1（imageMogr2/scrop/60x60）无法处理 GIF 动图，例如 party.gif。 本地不支持对动图执行 scrop。",
      ),
    ).toBeTruthy();
    const warnings = screen.getAllByTestId("plan-warning").map((node) => node.textContent);
    expect(warnings).toEqual([
      `规则 2 把图片从 400×300 放大到 1200×900 像素：${BUCKET}/shoots/small_1.jpg`,
      `规则 3 生成的文件比原图大，约 300 KB，原图 20 KB（在 small.jpg 上试过）：${BUCKET}/shoots/small_2.png`,
    ]);
  });
});
