import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../renderer/api";
import { PresetsPanel } from "../../renderer/features/rules/PresetsPanel";
import type { Preset } from "../../shared/presets/preset";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

const DRAFT = "imageMogr2/thumbnail/800x/format/webp";

function preset(id: string, name: string, rule = DRAFT): Preset {
  return { id, name, rule, updatedAt: "2026-12-02T10:00:00.000Z" };
}

/** The main process's presets, kept in memory: what the panel shows is what it answers. */
function presetsKeeper(initial: Preset[]) {
  let presets = [...initial];
  let made = 0;
  return {
    "presets.list": () => ({ presets }),
    "presets.save": ({ name, rule }: { name: string; rule: string }) => {
      const saved = preset(`new-${++made}`, name, rule);
      presets = [...presets, saved];
      return saved;
    },
    "presets.rename": ({ id, name }: { id: string; name: string }) => {
      presets = presets.map((p) => (p.id === id ? { ...p, name } : p));
      return presets.find((p) => p.id === id) as Preset;
    },
    "presets.delete": ({ id }: { id: string }) => {
      presets = presets.filter((p) => p.id !== id);
      return {};
    },
  };
}

const listed = () =>
  screen.queryAllByTestId("preset").map((row) => row.querySelector(".preset-name")?.textContent);

describe("the presets panel", () => {
  it("saves the draft under a name, says so, and lists it", async () => {
    const { api } = renderWithStores(<PresetsPanel />, presetsKeeper([]));
    await screen.findByText("No presets yet: name the current rule and save it.");
    await userEvent.type(screen.getByLabelText("Preset name"), "Web thumbs");
    await userEvent.click(screen.getByRole("button", { name: "Save as preset" }));

    expect(await screen.findByText("Saved “Web thumbs”.")).toBeTruthy();
    expect(api.calls).toContainEqual({ channel: "presets.save", input: { name: "Web thumbs", rule: DRAFT } });
    expect(listed()).toEqual(["Web thumbs"]);
    expect((screen.getByLabelText("Preset name") as HTMLInputElement).value).toBe("");
  });

  it("renames and deletes presets through the main process", async () => {
    // The designer says yes to "Delete …?".
    const confirm = vi.fn(() => true);
    window.confirm = confirm;
    const { api } = renderWithStores(
      <PresetsPanel />,
      presetsKeeper([preset("a", "Web thumbs"), preset("b", "Print")]),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Rename Web thumbs" }));
    const newName = screen.getByLabelText("New name for Web thumbs");
    await userEvent.clear(newName);
    await userEvent.type(newName, "Shop thumbs{Enter}");
    await vi.waitFor(() => expect(listed()).toEqual(["Shop thumbs", "Print"]));
    expect(api.calls).toContainEqual({ channel: "presets.rename", input: { id: "a", name: "Shop thumbs" } });

    await userEvent.click(screen.getByRole("button", { name: "Delete Print" }));
    await vi.waitFor(() => expect(listed()).toEqual(["Shop thumbs"]));
    expect(confirm).toHaveBeenCalledWith("Delete the preset “Print”?");
    expect(api.calls).toContainEqual({ channel: "presets.delete", input: { id: "b" } });
  });

  it("loads a preset into the builder's draft", async () => {
    const { stores } = renderWithStores(
      <PresetsPanel />,
      presetsKeeper([preset("a", "Square", "imageMogr2/crop/600x600/gravity/center")]),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Load Square" }));
    expect(stores.ruleDraft.getState().text).toBe("imageMogr2/crop/600x600/gravity/center");
    expect(screen.getByText("Loaded “Square” into the builder.")).toBeTruthy();
  });

  it("imports a file, and says which presets it skipped and why", async () => {
    const { api } = renderWithStores(<PresetsPanel />, {
      ...presetsKeeper([]),
      "presets.import": () => ({
        added: [preset("c", "Banner")],
        skipped: [
          {
            index: 1,
            name: "Broken",
            reason: { messageId: "preset-rule-invalid", values: { column: 21 } },
            rule: "imageMogr2/thumbnail/0x",
          },
        ],
      }),
    });
    const file = new File(['{"format":"picops-presets"}'], "presets.json", { type: "application/json" });
    await userEvent.upload(screen.getByLabelText("Import presets…"), file);

    expect(await screen.findByText("Imported 1 presets, skipped 1.")).toBeTruthy();
    expect(api.calls).toContainEqual({
      channel: "presets.import",
      input: { content: '{"format":"picops-presets"}' },
    });
    const skipped = screen.getByRole("list", { name: "Presets not imported" });
    expect(within(skipped).getByRole("listitem").textContent).toMatch(
      /^Preset 2 \(Broken\) skipped: .*width must be 1–\d+, got 0/,
    );
  });

  it("shows why a save failed, and keeps the name typed", async () => {
    renderWithStores(<PresetsPanel />, {
      ...presetsKeeper([]),
      "presets.save": () => {
        throw new ApiError({
          code: "conflict",
          message: "A preset with this name and rule is already saved.",
          messageId: "preset-already-saved",
        });
      },
    });
    await userEvent.type(await screen.findByLabelText("Preset name"), "Web thumbs");
    await userEvent.click(screen.getByRole("button", { name: "Save as preset" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      "A preset with this name and rule is already saved.",
    );
    expect((screen.getByLabelText("Preset name") as HTMLInputElement).value).toBe("Web thumbs");
  });
});
