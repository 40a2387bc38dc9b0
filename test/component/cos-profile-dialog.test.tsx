import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../renderer/api";
import { CosProfileDialog } from "../../renderer/features/connections/CosProfileDialog";
import type { ConnectionSummary } from "../../shared/connections";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

const saved: ConnectionSummary = {
  id: "cos-1",
  kind: "cos",
  label: "Studio",
  region: "ap-guangzhou",
  defaultBucket: "photos-1250000000",
  secretIdMasked: "AKID****7890",
};

async function fillIn(values: { label?: string; secretId?: string; secretKey?: string; bucket?: string }) {
  if (values.label) await userEvent.type(screen.getByLabelText("Name"), values.label);
  if (values.secretId) await userEvent.type(screen.getByLabelText("SecretId"), values.secretId);
  if (values.secretKey) await userEvent.type(screen.getByLabelText("SecretKey"), values.secretKey);
  if (values.bucket) await userEvent.type(screen.getByLabelText("Default bucket"), values.bucket);
}

const KEYS = { secretId: "AKIDexample1234567890", secretKey: "secret-key-of-the-studio" };

describe("the COS profile dialog", () => {
  it("tests the values on screen against COS, and says what it found", async () => {
    const { api } = renderWithStores(<CosProfileDialog onClose={() => undefined} />, {
      "connections.test": ({ defaultBucket, region }) => ({
        kind: "ok",
        bucket: defaultBucket,
        region,
        empty: false,
      }),
    });
    await fillIn({ ...KEYS, bucket: "photos-1250000000" });
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));

    const outcome = screen.getByTestId("connection-test-outcome");
    await vi.waitFor(() => expect(outcome.dataset.outcome).toBe("ok"));
    expect(outcome.textContent).toBe(
      "Connected. The keys work and the bucket photos-1250000000 in ap-guangzhou answered; it already holds files.",
    );
    // The name is not needed for a test, and is not sent.
    expect(api.calls).toEqual([
      {
        channel: "connections.test",
        input: {
          ...KEYS,
          region: "ap-guangzhou",
          defaultBucket: "photos-1250000000",
          sessionToken: undefined,
          customDomain: undefined,
        },
      },
    ]);

    // The outcome is about the values it tested: editing one forgets it.
    await userEvent.type(screen.getByLabelText("Region"), "x");
    expect(outcome.textContent).toBe("");
  });

  it("saves the profile, then closes", async () => {
    const onClose = vi.fn();
    const { api } = renderWithStores(<CosProfileDialog onClose={onClose} />, {
      "connections.saveCos": () => saved,
    });
    await fillIn({ label: "Studio", ...KEYS, bucket: "photos-1250000000" });
    await userEvent.click(screen.getByRole("button", { name: "Save connection" }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(api.calls.map((call) => call.channel)).toEqual(["connections.saveCos"]);
    expect(api.calls[0]?.input).toMatchObject({
      label: "Studio",
      ...KEYS,
      defaultBucket: "photos-1250000000",
    });
  });

  it("checks the values before any call, in the contract's own words", async () => {
    const { api } = renderWithStores(<CosProfileDialog onClose={() => undefined} />);
    await fillIn({ label: "Studio", ...KEYS, bucket: "Photos" });
    await userEvent.click(screen.getByRole("button", { name: "Save connection" }));

    const bucket = screen.getByLabelText("Default bucket");
    expect(bucket.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("cos-defaultBucket-error")?.textContent).not.toBe("");
    expect(api.calls).toEqual([]);
  });

  it("shows why the main process refused a save, under the field it is about", async () => {
    const onClose = vi.fn();
    renderWithStores(<CosProfileDialog onClose={onClose} profile={saved} />, {
      "connections.saveCos": () => {
        throw new ApiError({
          code: "invalid-input",
          message: "That bucket name is taken by another connection.",
          path: ["defaultBucket"],
        });
      },
    });
    await userEvent.click(screen.getByRole("button", { name: "Save connection" }));

    const said = await screen.findByText("That bucket name is taken by another connection.");
    expect(said.id).toBe("cos-defaultBucket-error");
    expect(screen.getByLabelText("Default bucket").getAttribute("aria-invalid")).toBe("true");
    expect(onClose).not.toHaveBeenCalled();
  });

  it("shows a failed test for the whole form, and lets the designer try again", async () => {
    let answer = 0;
    renderWithStores(<CosProfileDialog onClose={() => undefined} />, {
      "connections.test": () => {
        answer++;
        if (answer === 1) {
          throw new ApiError({
            code: "host-unreachable",
            message: "Picops's main process is not answering.",
          });
        }
        return { kind: "wrong-region", region: "ap-guangzhou" };
      },
    });
    await fillIn(KEYS);
    await fillIn({ bucket: "photos-1250000000" });
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    const form = screen.getByRole("dialog");
    const alert = await within(form).findByText(/main process is not answering/);
    expect(alert.closest("[role=alert]")).not.toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    await vi.waitFor(() =>
      expect(screen.getByTestId("connection-test-outcome").dataset.outcome).toBe("wrong-region"),
    );
    expect(within(form).queryByText(/main process is not answering/)).toBeNull();
  });
});
