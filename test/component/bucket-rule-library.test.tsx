import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { BucketProvider, createBucketStores, UseInBucketProcessing } from "../../renderer/features/bucket";
import { RuleLibraryPicker } from "../../renderer/features/bucket/RuleLibraryPicker";
import { fakeApi } from "./fake-api";

afterEach(cleanup);

function renderWithBucketStores(ui: React.ReactNode) {
  const api = fakeApi({
    "presets.list": () => ({
      presets: [
        {
          id: "p1",
          name: "Square avatar",
          rule: "imageMogr2/crop/400x400/gravity/center",
          updatedAt: "2026-12-01T00:00:00.000Z",
        },
      ],
    }),
    "rules.styles": () => ({
      bucket: "photos-1250000000",
      styles: [{ name: "thumb", body: "imageMogr2/thumbnail/200x" }],
    }),
  });
  const stores = createBucketStores(api.client);
  render(<BucketProvider stores={stores}>{ui}</BucketProvider>);
  return stores;
}

describe("in-bucket processing rules from the library", () => {
  it("fills the empty slot from a preset, then adds a slot for a style", async () => {
    const stores = renderWithBucketStores(<RuleLibraryPicker />);
    const picker = screen.getByLabelText("Start a rule from");
    await screen.findByRole("option", { name: "Square avatar" });
    await userEvent.selectOptions(picker, "Square avatar");
    await userEvent.selectOptions(picker, "style/thumb");
    expect(stores.process.getState().options.rules).toEqual([
      { rule: "imageMogr2/crop/400x400/gravity/center", fileid: "{name}_1.{format}" },
      { rule: "style/thumb", fileid: "{name}_2.{format}" },
    ]);
  });

  it("takes the Rules tab's draft as a bucket processing rule", async () => {
    const stores = renderWithBucketStores(
      <UseInBucketProcessing text="imageMogr2/thumbnail/640x/format/webp" valid />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Use in bucket processing" }));
    expect(stores.process.getState().options.rules[0]?.rule).toBe("imageMogr2/thumbnail/640x/format/webp");
    expect(screen.getByText("Added as bucket processing rule 1.")).toBeTruthy();
  });
});
