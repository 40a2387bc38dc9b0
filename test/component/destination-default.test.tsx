import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { createStores, StoresProvider } from "../../renderer/app/stores";
import { UploadWorkspace } from "../../renderer/features/upload";
import type { ConnectionSummary } from "../../shared/connections";
import type { Preset } from "../../shared/presets/preset";
import type { IntakeFile } from "../../shared/uploads/intake";
import { fakeApi } from "./fake-api";

afterEach(cleanup);

const WEB: Preset = {
  id: "web",
  name: "Web 1600",
  rule: "imageMogr2/thumbnail/1600x/format/webp",
  updatedAt: "2026-12-03T01:00:00.000Z",
};
const THUMB: Preset = {
  id: "thumb",
  name: "Thumb 300",
  rule: "imageMogr2/thumbnail/300x",
  updatedAt: "2026-12-03T01:00:00.000Z",
};
const LOCAL: ConnectionSummary = {
  id: "local",
  kind: "local",
  label: "Local bucket",
  region: "local",
  defaultBucket: "picops-1250000000",
};
const STUDIO: ConnectionSummary = {
  id: "studio",
  kind: "cos",
  label: "Studio",
  region: "ap-shanghai",
  defaultBucket: "studio-1250000000",
};

/**
 * The upload tab with the Local bucket active: its own default is Thumb 300, `photos/`'s is
 * Web 1600; the Studio connection has none. Picked files join the list as the main process would.
 */
function renderUpload() {
  let files: IntakeFile[] = [];
  const api = fakeApi({
    "files.list": () => ({ files }),
    "files.add": ({ sources }) => {
      files = [
        ...files,
        ...sources.map((source, index) => ({
          id: `f${files.length + index}`,
          path: source.path,
          relativePath: source.relativePath ?? source.path,
          size: 1000,
          format: "jpeg" as const,
        })),
      ];
      return { files };
    },
    "files.thumbnail": () => ({ url: "media/00000000-0000-4000-8000-000000000000" }),
    "batches.list": () => ({ batches: [] }),
    "forms.drafts": () => ({}),
    "forms.saveDraft": () => ({}),
    "presets.list": () => ({ presets: [WEB, THUMB] }),
    "destinations.defaults": () => ({
      defaults: {
        local: { presetId: "thumb", keyTemplate: "{name}.{ext}", outputTemplate: "{name}_thumb.{ext}" },
      },
    }),
    "destinations.prefixDefaults": () => ({
      prefixes: {
        local: {
          "photos/": { presetId: "web", keyTemplate: "{name}.{ext}", outputTemplate: "{name}_web.{format}" },
        },
      },
    }),
  });
  const stores = createStores(api.client);
  render(
    <StoresProvider stores={stores}>
      <UploadWorkspace />
    </StoresProvider>,
  );
  act(() => api.emit("connections.changed", { activeId: "local", connections: [LOCAL, STUDIO] }));
  return { api, stores };
}

let picked = 0;
/** Picks one more picture with "Choose images…", as the designer would. */
async function pickPicture() {
  const before = screen.queryAllByTestId("intake-file").length;
  picked += 1;
  const file = new File([new Uint8Array([1, 2, 3])], `photo-${picked}.jpg`, { type: "image/jpeg" });
  await userEvent.upload(screen.getByTestId("file-input"), file);
  await waitFor(() => expect(screen.getAllByTestId("intake-file")).toHaveLength(before + 1));
}

const note = () => screen.getByTestId("default-applied").querySelector('[role="status"]')?.textContent;
const ruleText = (n: number) => (screen.queryByLabelText(`Rule ${n}`) as HTMLInputElement | null)?.value;
const outputName = () => (screen.getByLabelText("Output name") as HTMLInputElement).value;
const undoButton = () => screen.queryByRole("button", { name: "Undo the default (Ctrl+Z / ⌘Z)" });

async function typePrefix(prefix: string) {
  const field = screen.getByLabelText("Key prefix");
  await userEvent.clear(field);
  if (prefix) await userEvent.type(field, prefix);
}

describe("a destination's default in the upload form (Quick upload off)", () => {
  it("fills untouched rules with the longest matching prefix's default when files arrive, says so, and undoes with one click", async () => {
    renderUpload();
    await typePrefix("photos/2026/");
    await waitFor(() => expect(screen.getByText("Defaults of Local bucket")).toBeTruthy());
    expect(ruleText(1)).toBeUndefined();

    await pickPicture();
    await waitFor(() => expect(ruleText(1)).toBe(WEB.rule));
    expect(outputName()).toBe("{name}_web.{format}");
    expect(ruleText(2)).toBeUndefined();
    expect(note()).toBe("Default for photos/: Web 1600 applied");

    await userEvent.click(undoButton() as HTMLElement);
    expect(ruleText(1)).toBeUndefined();
    expect(note()).toBe("");
    expect(undoButton()).toBeNull();
    expect(document.activeElement?.textContent).toBe("Add a rule");

    // Undone is undone: more files do not bring it back.
    await pickPicture();
    expect(ruleText(1)).toBeUndefined();
    expect(note()).toBe("");
  });

  it("never overwrites rules the designer set, even ones emptied again", async () => {
    renderUpload();
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    await userEvent.type(screen.getByLabelText("Rule 1"), "imageMogr2/rotate/90");
    await pickPicture();
    expect(ruleText(1)).toBe("imageMogr2/rotate/90");
    expect(note()).toBe("");

    await userEvent.click(screen.getByRole("button", { name: "Remove rule 1" }));
    await pickPicture();
    expect(ruleText(1)).toBeUndefined();
    expect(note()).toBe("");
  });

  it("follows the key prefix and the connection while the rules are still the default, and stops once they are edited", async () => {
    const { api } = renderUpload();
    await typePrefix("photos/");
    await pickPicture();
    await waitFor(() => expect(ruleText(1)).toBe(WEB.rule));

    await typePrefix("misc/");
    expect(ruleText(1)).toBe(THUMB.rule);
    expect(outputName()).toBe("{name}_thumb.{ext}");
    expect(note()).toBe("The connection's default: Thumb 300 applied");

    // Studio has no default preset: the rules empty; back on the Local bucket they follow again.
    act(() => api.emit("connections.changed", { activeId: "studio", connections: [LOCAL, STUDIO] }));
    expect(ruleText(1)).toBeUndefined();
    expect(note()).toBe("");
    act(() => api.emit("connections.changed", { activeId: "local", connections: [LOCAL, STUDIO] }));
    expect(ruleText(1)).toBe(THUMB.rule);

    await userEvent.type(screen.getByLabelText("Rule 1"), "/format/png");
    expect(note()).toBe("");
    await typePrefix("photos/");
    expect(ruleText(1)).toBe(`${THUMB.rule}/format/png`);
    await pickPicture();
    expect(ruleText(1)).toBe(`${THUMB.rule}/format/png`);
  });

  it("undoes with Ctrl+Z outside a text field, and leaves Ctrl+Z in a field to the field", async () => {
    renderUpload();
    await typePrefix("photos/");
    await pickPicture();
    await waitFor(() => expect(ruleText(1)).toBe(WEB.rule));

    await userEvent.click(screen.getByLabelText("Key prefix"));
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(ruleText(1)).toBe(WEB.rule);

    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(ruleText(1)).toBeUndefined();
    expect(note()).toBe("");
  });
});
