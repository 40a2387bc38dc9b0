import { useEffect, useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n";
import { useBrowse, usePixelSizes } from "./context";
import { type ObjectEntry, visibleEntries } from "./entries";
import { ListHeader } from "./ListHeader";
import { ObjectView } from "./ObjectView";
import { pixelId } from "./pixels-store";

/** Past this many objects, sorting by pixels sorts those measured so far. */
const PIXELS_SORTED_AT_MOST = 2000;

/**
 * The folder's status line and its entries. Its own component because it is what each
 * listing page changes: the workspace around it (bars, panels, jobs) is not drawn again
 * for every thousand objects that arrive.
 */
export function FolderContents() {
  const t = useT();
  const {
    place,
    folders,
    objects,
    listing,
    refreshing,
    error,
    sort,
    descending,
    filter,
    selectedCount,
    view,
  } = useBrowse(
    useShallow((state) => ({
      place: state.place,
      folders: state.folders,
      objects: state.objects,
      listing: state.listing,
      refreshing: state.refreshing,
      error: state.error,
      sort: state.sort,
      descending: state.descending,
      filter: state.filter,
      selectedCount: state.selected.size,
      view: state.view,
    })),
  );
  // Pixel answers re-order the entries only while they are sorted by pixels.
  const sizes = usePixelSizes((state) => (sort === "pixels" ? state.sizes : undefined));
  const want = usePixelSizes((state) => state.want);
  const entries = useMemo(() => {
    const bucket = place?.bucket ?? "";
    const pixelsOf = (entry: ObjectEntry) => {
      const size = sizes?.get(pixelId({ bucket, key: entry.key, etag: entry.object.etag }));
      return size ? size.width * size.height : undefined;
    };
    return visibleEntries(folders, objects, { sort, descending, filter, pixelsOf });
  }, [place, folders, objects, sort, descending, filter, sizes]);

  // Sorting by pixels needs every object's size, not only the rows drawn.
  useEffect(() => {
    if (sort !== "pixels" || !place || listing) return;
    for (const entry of objects.slice(0, PIXELS_SORTED_AT_MOST))
      want({ bucket: place.bucket, key: entry.key, etag: entry.object.etag });
  }, [sort, place, listing, objects, want]);

  const prefixLabel = place ? `${place.bucket}/${place.prefix}` : "";
  // Folders come first: counting them does not walk 10,000 objects.
  let folderCount = 0;
  while (entries[folderCount]?.kind === "folder") folderCount++;
  return (
    <>
      <div className="row spread">
        <p className="meta" aria-live="polite" data-testid="browse-status">
          {listing && !refreshing
            ? t("browse.loading", { count: folders.length + objects.length })
            : t("browse.counts", { folders: folderCount, objects: entries.length - folderCount })}
          {refreshing && <RefreshNote />}
          {selectedCount > 0 && ` · ${t("browse.selectedCount", { count: selectedCount })}`}
        </p>
        <p className="hint" id="browse-keys">
          {t("browse.keyboardHint")}
        </p>
      </div>
      {!listing && entries.length === 0 && !error && (
        <p className="empty">{filter ? t("browse.noMatch", { filter }) : t("browse.emptyFolder")}</p>
      )}
      {view === "list" && <ListHeader />}
      <ObjectView entries={entries} label={t("browse.objectsLabel", { prefix: prefixLabel })} />
    </>
  );
}

/**
 * "checking for changes…" beside a folder shown from its held listing, with the fresh
 * listing's running count: a big folder's refresh takes seconds, and the count says it moves.
 * Its own selector, so a page of the refresh redraws this line and nothing else.
 */
function RefreshNote() {
  const t = useT();
  const refreshed = useBrowse((state) => state.refreshed);
  return (
    <span data-testid="browse-refreshing">
      {" · "}
      {refreshed === 0 ? t("browse.refreshing") : t("browse.refreshingCount", { count: refreshed })}
    </span>
  );
}
