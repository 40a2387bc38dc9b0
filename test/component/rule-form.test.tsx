import { cleanup, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { StepForm } from "../../renderer/features/rules/StepForm";
import { pipelineFromSteps, stepsFromPipeline } from "../../renderer/features/rules/steps";
import { checkRule, formatRule } from "../../shared/rules";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

/** One step's form over a rule text, as the builder holds it: the text is the truth. */
function RuleForm(props: { initial: string }) {
  const [text, setText] = useState(props.initial);
  const steps = stepsFromPipeline(checkRule(text).pipeline);
  const [first] = steps;
  if (!first) return null;
  return (
    <>
      <StepForm
        id="step-0"
        step={first}
        onChange={(step) => setText(formatRule(pipelineFromSteps([step, ...steps.slice(1)])))}
      />
      <output data-testid="rule">{text}</output>
    </>
  );
}

describe("the rule form", () => {
  it("rewrites the rule from a field, and keeps the other stages as they were", () => {
    renderWithStores(<RuleForm initial="imageMogr2/thumbnail/800x/format/webp" />);
    // The whole value at once, as a paste: clearing first would leave a fit with no side.
    fireEvent.change(screen.getByLabelText(/^Width/), { target: { value: "640" } });
    expect(screen.getByTestId("rule").textContent).toBe("imageMogr2/thumbnail/640x/format/webp");
  });

  it("switches how a thumbnail is resized, with the geometry that mode needs", async () => {
    renderWithStores(<RuleForm initial="imageMogr2/thumbnail/800x" />);
    await userEvent.click(screen.getByLabelText("Percent"));
    expect(screen.getByTestId("rule").textContent).toMatch(/^imageMogr2\/thumbnail\/!\d+p$/);
  });

  it("shows a stage it cannot edit as the text it is, and keeps it", () => {
    renderWithStores(<RuleForm initial="pictureMagic/1" />);
    expect(screen.getByText("pictureMagic/1", { selector: "code" })).toBeTruthy();
    expect(screen.getByText("Picops does not know this part; it is kept exactly as written.")).toBeTruthy();
    expect(screen.getByTestId("rule").textContent).toBe("pictureMagic/1");
  });
});
