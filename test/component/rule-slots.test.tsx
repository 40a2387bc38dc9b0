import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ProcessingFields } from "../../renderer/features/batches";
import type { ProcessOptions, RuleSlot } from "../../shared/uploads/options";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

/** The rule slots as the upload and processing panels hold them: the options live above. */
function Slots(props: { rules: RuleSlot[]; errors?: Map<string, string>; seen: ProcessOptions[] }) {
  const [value, setValue] = useState<ProcessOptions>({ isPicInfo: true, concurrency: 3, rules: props.rules });
  // renderWithStores gives the slots' Preview buttons their preview store; these tests press none.
  return (
    <ProcessingFields
      id="test"
      concurrencyLabel="At once"
      value={value}
      bucket="photos-1250000000"
      errors={props.errors ?? new Map()}
      onChange={(patch) => {
        const next = { ...value, ...patch };
        props.seen.push(next);
        setValue(next);
      }}
    />
  );
}

describe("rule slots", () => {
  it("adds a slot with a numbered output name, and edits its rule", async () => {
    const seen: ProcessOptions[] = [];
    renderWithStores(<Slots rules={[]} seen={seen} />);
    expect(screen.getByText("No rules: originals are uploaded as they are.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    expect(seen.at(-1)?.rules).toEqual([{ rule: "", fileid: "{name}_1.{format}" }]);
    await userEvent.type(screen.getByLabelText("Rule 1"), "imageMogr2/thumbnail/800x");
    expect(seen.at(-1)?.rules[0]?.rule).toBe("imageMogr2/thumbnail/800x");
  });

  it("points at the rule's first error, in words, as it is typed", async () => {
    renderWithStores(
      <Slots rules={[{ rule: "imageMogr2/thumbnail/0x", fileid: "{name}.{format}" }]} seen={[]} />,
    );
    const rule = screen.getByLabelText("Rule 1");
    const described = (rule.getAttribute("aria-describedby") ?? "").split(" ");
    const said = described.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    expect(said).toMatch(/width must be 1–\d+, got 0/);
  });

  it("stops at COS's five rules", async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({
      rule: "imageMogr2/thumbnail/100x",
      fileid: `{name}_${i}`,
    }));
    renderWithStores(<Slots rules={five} seen={[]} />);
    const add = screen.getByRole("button", { name: "5 rules is COS's limit" });
    expect((add as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("a rule slot's watermark", () => {
  it("shows the text a watermark/2 rule draws, decoded from its Base64", () => {
    // "Picops © 2026" in URL-safe Base64.
    const rule = "watermark/2/text/UGljb3BzIMKpIDIwMjY";
    renderWithStores(<Slots rules={[{ rule, fileid: "{name}_marked.{format}" }]} seen={[]} />);
    expect(screen.getByTestId("watermark-text").textContent).toBe("Watermark text: “Picops © 2026”");
  });
});
