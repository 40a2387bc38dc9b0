import { act, cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { FolderContents } from "../../renderer/features/bucket/FolderContents";
import { objectColumns } from "../../shared/bucket/object-columns";
import type { BucketObject, BucketPage } from "../../shared/ipc/channels/bucket";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

const BUCKET = "photos-1250000000";

const object = (key: string, etag = '"1"'): BucketObject => ({
  key,
  size: 1000,
  lastModified: "2026-01-01T00:00:00.000Z",
  etag,
  storageClass: "STANDARD",
});

/** The folder contents under the app's stores; the test plays the main process's listing pages. */
function renderFolder() {
  const listed: string[] = [];
  const rendered = renderWithStores(<FolderContents />, {
    "bucket.browse": (input) => {
      listed.push(input.listingId);
      return {};
    },
    "bucket.stopBrowsing": () => ({}),
    "media.thumbnail": () => ({ url: "media/00000000-0000-4000-8000-000000000000" }),
  });
  const browse = rendered.stores.bucket.browse;
  const open = async (prefix: string) => {
    await act(async () => browse.getState().open({ bucket: BUCKET, prefix }));
  };
  const page = async (
    prefix: string,
    objects: BucketObject[],
    done: boolean,
    extra: Partial<BucketPage> = {},
  ) => {
    const listingId = listed.at(-1) ?? "";
    await act(async () =>
      rendered.api.emit("bucket.page", {
        listingId,
        bucket: BUCKET,
        prefix,
        objects: objectColumns(objects),
        folders: [],
        done,
        ...extra,
      }),
    );
  };
  const stop = async () => {
    await act(async () => browse.getState().stop());
  };
  const status = () => screen.getByTestId("browse-status").textContent;
  const keys = () => screen.getAllByTestId("entry").map((entry) => entry.dataset.key);
  return { open, page, stop, status, keys, listed, browse };
}

describe("a folder opened again", () => {
  it("is shown at once from its last complete listing, marked as being checked, then as listed afresh", async () => {
    const folder = renderFolder();
    await folder.open("shoot/");
    await folder.page("shoot/", [object("shoot/a.jpg"), object("shoot/b.jpg")], false);
    expect(folder.status()).toBe("Listing… 2 so far");
    await folder.page("shoot/", [object("shoot/c.jpg")], true);
    expect(folder.status()).toBe("0 folders, 3 objects");

    await folder.open("other/");
    await folder.page("other/", [object("other/x.jpg")], true);
    expect(folder.keys()).toEqual(["other/x.jpg"]);

    // Back in shoot/: what was listed there is on screen before the main process answers.
    await folder.open("shoot/");
    expect(folder.listed).toHaveLength(3);
    expect(folder.status()).toBe("0 folders, 3 objects · checking for changes…");
    expect(folder.keys()).toEqual(["shoot/a.jpg", "shoot/b.jpg", "shoot/c.jpg"]);

    // Meanwhile b.jpg was deleted and d.jpg written: the fresh pages replace the held listing only once complete.
    await folder.page("shoot/", [object("shoot/a.jpg")], false);
    expect(folder.keys()).toEqual(["shoot/a.jpg", "shoot/b.jpg", "shoot/c.jpg"]);
    // The counts are the held listing's; the fresh listing's own count runs beside them.
    expect(folder.status()).toBe("0 folders, 3 objects · checking for changes… 1 listed so far");
    await folder.page("shoot/", [object("shoot/c.jpg"), object("shoot/d.jpg")], true);
    expect(folder.status()).toBe("0 folders, 3 objects");
    expect(folder.keys()).toEqual(["shoot/a.jpg", "shoot/c.jpg", "shoot/d.jpg"]);
    expect(screen.queryByTestId("browse-refreshing")).toBeNull();
  });

  it("keeps its earlier listing under the error when the fresh listing fails", async () => {
    const folder = renderFolder();
    await folder.open("shoot/");
    await folder.page("shoot/", [object("shoot/a.jpg")], true);
    await folder.open("other/");
    await folder.page("other/", [], true);

    await folder.open("shoot/");
    await folder.page("shoot/", [], true, { error: { code: "AccessDenied", message: "Access Denied." } });
    expect(folder.keys()).toEqual(["shoot/a.jpg"]);
    expect(folder.status()).toBe("0 folders, 1 object");
  });

  it("keeps its earlier listing whole when the fresh listing is stopped with a page still on its way", async () => {
    const folder = renderFolder();
    await folder.open("shoot/");
    await folder.page("shoot/", [object("shoot/a.jpg"), object("shoot/b.jpg")], true);
    await folder.open("other/");
    await folder.page("other/", [], true);

    await folder.open("shoot/");
    await folder.stop();
    await folder.page("shoot/", [object("shoot/a.jpg")], false);
    expect(folder.keys()).toEqual(["shoot/a.jpg", "shoot/b.jpg"]);
    expect(folder.status()).toBe("0 folders, 2 objects");
  });

  it("is listed from nothing when its last listing was stopped before the end", async () => {
    const folder = renderFolder();
    await folder.open("shoot/");
    await folder.page("shoot/", [object("shoot/a.jpg")], false);
    await folder.open("other/");
    await folder.page("other/", [], true);

    await folder.open("shoot/");
    expect(folder.status()).toBe("Listing… 0 so far");
    expect(screen.queryByTestId("browse-refreshing")).toBeNull();
  });

  it("no longer shows objects just deleted, neither while the folder is listed again nor when it is opened again", async () => {
    const folder = renderFolder();
    await folder.open("shoot/");
    await folder.page("shoot/", [object("shoot/a.jpg"), object("shoot/b.jpg")], true);

    await act(async () => {
      folder.browse.getState().deleted(BUCKET, ["shoot/b.jpg"]);
      folder.browse.getState().refresh();
    });
    expect(folder.keys()).toEqual(["shoot/a.jpg"]);
    expect(folder.status()).toBe("0 folders, 1 object · checking for changes…");

    await folder.open("other/");
    await folder.page("other/", [], true);
    await folder.open("shoot/");
    expect(folder.keys()).toEqual(["shoot/a.jpg"]);
  });

  it("is listed from nothing on another connection, whose bucket of the same name is another bucket", async () => {
    const folder = renderFolder();
    act(() => folder.browse.getState().browsingWith("local"));
    await folder.open("shoot/");
    await folder.page("shoot/", [object("shoot/a.jpg")], true);
    await folder.open("other/");
    await folder.page("other/", [], true);

    act(() => folder.browse.getState().browsingWith("tencent-cloud"));
    await folder.open("shoot/");
    expect(folder.status()).toBe("Listing… 0 so far");
    expect(screen.queryAllByTestId("entry")).toHaveLength(0);
  });
});
