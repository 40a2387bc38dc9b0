import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PlanView } from "../../renderer/features/batches";
import type { PlannedUpload } from "../../shared/uploads/plan";

afterEach(cleanup);

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
